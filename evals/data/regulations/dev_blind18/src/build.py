"""Build the dev_blind18 Word document qingchuan_water.docx (the .html and .md are hand-written)."""

import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

ARTICLE = re.compile(r"^第[一二三四五六七八九十]+条　")

if __name__ == "__main__":
    target = build_docx(HERE / "qingchuan_water.md", HERE.parent / "qingchuan_water.docx")
    # make_docx writes every `## ` line as Heading 1; the water utility's template puts 第X条 one level below 第X章.
    d = docx.Document(target)
    for paragraph in d.paragraphs:
        if ARTICLE.match(paragraph.text):
            paragraph.style = d.styles["Heading 2"]
    d.save(target)
