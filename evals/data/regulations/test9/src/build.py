"""Build the test9 documents from the readable sources beside this script (run with the kefu venv).

guoxin_wealth.txt -> ../guoxin_wealth.pdf (dev/src/make_pdf.py's line syntax, with the bank's own running header
carrying its document number and a footer with the page and the issuing centre), haotao_seller.md ->
../haotao_seller.docx (make_docx.py's Markdown subset; its `## 1　总则` chapters are Heading 1, its 2.2.1 clauses
plain numbered paragraphs). ../lvyuan_water.html is hand-written and has no source here.
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The bank's running header names the bank and the circular's number; the footer a page line and the issuing centre.
GUOXIN = Layout("国馨银行股份有限公司　　国馨银发〔2026〕23号",
                "第 {page} 页　　远程银行中心编印　内部资料　注意保密", (35, 215, 115, 110))

if __name__ == "__main__":
    build_pdf(HERE / "guoxin_wealth.txt", HERE.parent / "guoxin_wealth.pdf", GUOXIN)
    build_docx(HERE / "haotao_seller.md", HERE.parent / "haotao_seller.docx")
