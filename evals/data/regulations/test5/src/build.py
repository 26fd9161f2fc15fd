"""Build the test5 Word document jinyu_property.docx and the GB18030 text hengran_gas.txt (the .md is hand-written)."""

import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

ARTICLE = re.compile(r"^第[一二三四五六七八九十]+条　")

if __name__ == "__main__":
    target = build_docx(HERE / "jinyu_property.md", HERE.parent / "jinyu_property.docx")
    # make_docx writes every `## ` line as Heading 1; the property company's template keeps 第X条 as body text
    # with the article number in bold, as WPS exports it.
    d = docx.Document(target)
    for paragraph in d.paragraphs:
        if ARTICLE.match(paragraph.text):
            head, rest = paragraph.text.split("　", 1)
            paragraph.text = ""
            paragraph.add_run(head + "　").bold = True
            paragraph.add_run(rest)
    d.save(target)
    # The gas utility's rules are a Word export: GB18030 with CRLF line ends.
    text = (HERE / "hengran_gas.txt").read_text(encoding="utf-8")
    (HERE.parent / "hengran_gas.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
