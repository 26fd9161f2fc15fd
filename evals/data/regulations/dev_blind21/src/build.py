"""Build the dev_blind21 documents from the readable sources beside this script (run with the kefu venv).

guodian_power.md -> ../guodian_power.docx (make_docx.py's Markdown subset; its `## ` chapters are Heading 1, and the
short `4.1　接听` section titles are restyled as Heading 2 afterwards, while `4.1.1　` clauses stay numbered body
paragraphs); kangjian_pharmacy.txt (UTF-8, LF) -> ../kangjian_pharmacy.txt in GBK with CRLF. mengyou_game.md is
hand-written in the folder itself and has no source here.
"""

import re
import sys
from pathlib import Path

from docx import Document

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

# A two-level number followed by a short title with no sentence punctuation: a section heading, not a clause.
SECTION_TITLE = re.compile(r"^\d+\.\d+　[^。：；，]+$")


def restyle_sections(path: Path) -> None:
    doc = Document(path)
    for paragraph in doc.paragraphs:
        if SECTION_TITLE.match(paragraph.text):
            paragraph.style = doc.styles["Heading 2"]
    doc.save(path)


if __name__ == "__main__":
    target = build_docx(HERE / "guodian_power.md", HERE.parent / "guodian_power.docx")
    restyle_sections(target)
    text = (HERE / "kangjian_pharmacy.txt").read_text(encoding="utf-8")
    (HERE.parent / "kangjian_pharmacy.txt").write_bytes(text.replace("\n", "\r\n").encode("gbk"))
