"""Build the dev_blind2 documents: hanhai_securities.pdf and tuchang_car_rental.docx (the .html is hand-written)."""

import sys
from pathlib import Path

HERE = Path(__file__).parent
REGULATIONS = HERE.parent.parent
sys.path.insert(0, str(REGULATIONS / "dev" / "src"))
sys.path.insert(0, str(REGULATIONS))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The securities author prints a controlled-document header and a company-and-page footer.
HANHAI = Layout("瀚海证券客户服务中心　　HHZQ/KF-ZD-007　　受控文件", "瀚海证券股份有限公司　　第 {page} 页")

if __name__ == "__main__":
    build_pdf(HERE / "hanhai_securities.txt", HERE.parent / "hanhai_securities.pdf", HANHAI)
    build_docx(HERE / "tuchang_car_rental.md", HERE.parent / "tuchang_car_rental.docx")
