"""Build the dev_blind26 documents from the readable sources beside this script (run with the kefu venv).

anxin_eldercare.txt -> ../anxin_eldercare.pdf (make_pdf.py's line syntax, with the hotline centre's own header and
footer), maomi_pethospital.md -> ../maomi_pethospital.docx (make_docx.py's Markdown subset; its `## 一、` chapters are
Heading 1, its `（一）` clauses plain paragraphs). ../qiqi_bike.md is hand-written and has no source here.
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The eldercare group's running header carries its document number; its footer is a page line and the issuing office.
ANXIN = Layout("安心颐养居家养老服务集团　　安颐发〔2026〕7号", "— 第 {page} 页 —　　热线服务中心编印", (35, 250, 90, 100))

if __name__ == "__main__":
    build_pdf(HERE / "anxin_eldercare.txt", HERE.parent / "anxin_eldercare.pdf", ANXIN)
    build_docx(HERE / "maomi_pethospital.md", HERE.parent / "maomi_pethospital.docx")
