"""Build the dev_blind19 documents from the readable sources beside this script (run with the kefu venv).

jincheng_card.txt -> ../jincheng_card.pdf (make_pdf.py's line syntax), juhe_seller.txt (UTF-8, LF) ->
../juhe_seller.txt in GB18030 with CRLF (as WPS exports plain text), xinglian_broadband.md -> ../xinglian_broadband.docx
(make_docx.py's Markdown subset; its `## ` chapters are Heading 1, its 3.4.1 clauses plain numbered paragraphs).
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The card centre's running header carries its document number; its footer is the page line plus a notice.
JINCHENG = Layout("锦程银行信用卡中心　　锦银卡发〔2026〕41号", "第 {page} 页　共 3 页　　内部文件　不得外传", (210, 70, 155))

if __name__ == "__main__":
    build_pdf(HERE / "jincheng_card.txt", HERE.parent / "jincheng_card.pdf", JINCHENG)
    text = (HERE / "juhe_seller.txt").read_text(encoding="utf-8")
    (HERE.parent / "juhe_seller.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    build_docx(HERE / "xinglian_broadband.md", HERE.parent / "xinglian_broadband.docx")
