"""Build the dev_blind23 documents from the readable sources beside this script (run with the kefu venv).

qingquan_purifier.txt (UTF-8, LF) -> ../qingquan_purifier.txt in GB18030 with CRLF (as the company's Windows
Notepad export saves it); anju_rental.md -> ../anju_rental.docx (make_docx.py's Markdown subset: `## 第X章` is
Heading 1, every 第X条 a plain paragraph, `| … |` rows the two Word tables, `> ` the centred number and signature).
yifu_wallet.html is hand-written in the folder itself (an intranet page saved as is) and is not built.
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

if __name__ == "__main__":
    text = (HERE / "qingquan_purifier.txt").read_text(encoding="utf-8")
    (HERE.parent / "qingquan_purifier.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    build_docx(HERE / "anju_rental.md", HERE.parent / "anju_rental.docx")
