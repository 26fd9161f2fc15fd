"""Build the dev_blind3 documents: beichen_heating.pdf and hengsheng_finance.docx (the .html is hand-written)."""

import sys
from pathlib import Path

HERE = Path(__file__).parent
REGULATIONS = HERE.parent.parent
sys.path.insert(0, str(REGULATIONS / "dev" / "src"))
sys.path.insert(0, str(REGULATIONS))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The heating group prints its service-centre name and document number on top, the issuer and page number below.
BEICHEN = Layout(
    "北宸热力集团客户服务中心　　BCRL/KF-GL-011　　2026版",
    "北宸热力集团有限公司印发　　第 {page} 页",
    (60, 190, 45, 180),
)

if __name__ == "__main__":
    build_pdf(HERE / "beichen_heating.txt", HERE.parent / "beichen_heating.pdf", BEICHEN)
    build_docx(HERE / "hengsheng_finance.md", HERE.parent / "hengsheng_finance.docx")
