"""Build the test7 documents from the readable sources beside this script (run with the kefu venv).

nuanyuan_heating.txt (UTF-8, LF) -> ../nuanyuan_heating.txt in GB18030 with CRLF (as Word saves "plain text" on a
Chinese Windows), tuyou_travel.md -> ../tuyou_travel.md unchanged (the handbook is hand-written Markdown),
xinrui_aftersales.md -> ../xinrui_aftersales.docx (make_docx.py's Markdown subset; its `## 4. 服务时限` chapters are
Heading 1, its `4.2 ` clauses and table captions plain paragraphs).
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

if __name__ == "__main__":
    text = (HERE / "nuanyuan_heating.txt").read_text(encoding="utf-8")
    (HERE.parent / "nuanyuan_heating.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    (HERE.parent / "tuyou_travel.md").write_bytes((HERE / "tuyou_travel.md").read_bytes())
    build_docx(HERE / "xinrui_aftersales.md", HERE.parent / "xinrui_aftersales.docx")
