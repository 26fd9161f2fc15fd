"""Build the dev_blind12 Word document chengzhou_12345.docx (the .html and .md are hand-written)."""

import re
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)(　.*)$")


def plain_bold(paragraph, style, size: int) -> None:
    """The government template uses no heading styles: a title or chapter is a centred Normal paragraph in bold."""
    text = paragraph.text
    paragraph.style = style
    for run in paragraph.runs:
        run._element.getparent().remove(run._element)
    run = paragraph.add_run(text)
    run.bold, run.font.size = True, Pt(size)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def bold_article_number(paragraph) -> None:
    """第X条 opens an ordinary paragraph as a bold run; the rest of the article is plain text in the same paragraph."""
    number, rest = ARTICLE.match(paragraph.text).groups()
    for run in paragraph.runs:
        run._element.getparent().remove(run._element)
    paragraph.add_run(number).bold = True
    paragraph.add_run(rest)


if __name__ == "__main__":
    target = build_docx(HERE / "chengzhou_12345.md", HERE.parent / "chengzhou_12345.docx")
    d = docx.Document(target)
    normal = d.styles["Normal"]
    for paragraph in d.paragraphs:
        if paragraph.style.name == "Title":
            plain_bold(paragraph, normal, 18)
        elif paragraph.style.name.startswith("Heading"):
            plain_bold(paragraph, normal, 14)
        elif ARTICLE.match(paragraph.text):
            bold_article_number(paragraph)
    d.save(target)
    print(target)
