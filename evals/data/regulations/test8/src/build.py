"""Build the test8 documents from the readable sources beside this script (run with the kefu venv).

xiaofei_finance.md -> ../xiaofei_finance.docx (make_docx.py's Markdown subset: its `## 第一章` chapters are Heading 1,
its `第一条　` articles, （一） items and table rows plain paragraphs and Word tables; the document number, dates and the
closing issuer are centred lines). huandian_station.txt (UTF-8, LF, one paragraph a line) -> ../huandian_station.txt
as a Notepad-style file: GB18030 without BOM, CRLF line ends, text unchanged. ../wulian_enterprise.md is hand-written
and has no source here.
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402


def gbk_export(text: str) -> bytes:
    return "\r\n".join(text.rstrip("\n").split("\n")).encode("gb18030") + b"\r\n"


if __name__ == "__main__":
    text = (HERE / "huandian_station.txt").read_text(encoding="utf-8")
    (HERE.parent / "huandian_station.txt").write_bytes(gbk_export(text))
    build_docx(HERE / "xiaofei_finance.md", HERE.parent / "xiaofei_finance.docx")
