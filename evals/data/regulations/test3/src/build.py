"""Build the test3 documents from src/: hongxiang_airline.docx (via make_docx.py) and songling_heating.txt
(GB18030, CRLF, as the heating company's Word export gives it). qingyu_hospital.md is hand-written."""

import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

# A two-level number followed by a short title and nothing else ("4.1　电话接听") is a section heading in the
# airline's manual template; "4.1.1　…" and "3.1　…" sentences stay body paragraphs.
SECTION_TITLE = re.compile(r"^\d+\.\d+　[^，。：；“]{2,8}$")

if __name__ == "__main__":
    target = build_docx(HERE / "hongxiang_airline.md", HERE.parent / "hongxiang_airline.docx")
    d = docx.Document(target)
    for paragraph in d.paragraphs:
        if SECTION_TITLE.match(paragraph.text):
            paragraph.style = d.styles["Heading 2"]
    d.save(target)
    text = (HERE / "songling_heating.txt").read_text(encoding="utf-8")
    (HERE.parent / "songling_heating.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
