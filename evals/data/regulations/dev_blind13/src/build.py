"""Build the dev_blind13 text PDF qingyu_broadband.pdf from qingyu_broadband.txt (the .html and .md are hand-written).

The operator's footer says "第 N 页 共 M 页", so the page count is known only after a first rendering: build once,
count the pages, build again with the total in the footer.
"""

import sys
from pathlib import Path

from pypdf import PdfReader

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_pdf import Layout, build  # noqa: E402

HEADER = "青屿广电网络股份有限公司　　青屿广网客〔2026〕37号"

if __name__ == "__main__":
    source, target = HERE / "qingyu_broadband.txt", HERE.parent / "qingyu_broadband.pdf"
    build(source, target, Layout(HEADER, "第 {page} 页 共 ? 页"))
    total = len(PdfReader(target).pages)
    build(source, target, Layout(HEADER, "第 {page} 页 共 %d 页" % total))
