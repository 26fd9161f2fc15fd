"""Build the dev_blind10 Word document yunxiang_airline.docx (the .html and .txt are hand-written)."""

import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章　")
ARTICLE = re.compile(r"^第[一二三四五六七八九十]+条　")

if __name__ == "__main__":
    target = build_docx(HERE / "yunxiang_airline.md", HERE.parent / "yunxiang_airline.docx")
    # make_docx writes every `## ` line as Heading 1; the airline's template puts 第X章 at Heading 2 and 第X条 at Heading 3.
    d = docx.Document(target)
    for paragraph in d.paragraphs:
        if CHAPTER.match(paragraph.text):
            paragraph.style = d.styles["Heading 2"]
        elif ARTICLE.match(paragraph.text):
            paragraph.style = d.styles["Heading 3"]
    d.save(target)
