"""Build the dev_blind6 text PDF zhixing_edu.pdf and Word document lanjiang_12366.docx (the .html is hand-written)."""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The school's template: company and standard number in the running header, page number and a notice in the footer.
ZHIXING = Layout("知行学堂（北京）教育科技有限公司　　企业标准　ZX/KF-012—2026",
                 "第 {page} 页　　内部资料　请勿外传", (40, 290, 70, 75))

if __name__ == "__main__":
    build_pdf(HERE / "zhixing_edu.txt", HERE.parent / "zhixing_edu.pdf", ZHIXING)
    # 第X条 stay plain paragraphs: the tax bureau's template sets only 第X章 as headings.
    build_docx(HERE / "lanjiang_12366.md", HERE.parent / "lanjiang_12366.docx")
