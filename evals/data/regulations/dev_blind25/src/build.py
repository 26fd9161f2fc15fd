"""Build the dev_blind25 documents from the readable sources beside this script (run with the kefu venv).

chexing_usedcar.txt (UTF-8, LF) -> ../chexing_usedcar.txt in GBK with CRLF (as the platform's OA exports plain
text); hengxin_pension.md -> ../hengxin_pension.docx (make_docx.py's Markdown subset: `## 第X章` chapters are
Heading 1, `第X条　` articles plain paragraphs). ../xiaoyuan_campus.html is hand-written and has no source.
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

if __name__ == "__main__":
    text = (HERE / "chexing_usedcar.txt").read_text(encoding="utf-8")
    (HERE.parent / "chexing_usedcar.txt").write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    build_docx(HERE / "hengxin_pension.md", HERE.parent / "hengxin_pension.docx")
