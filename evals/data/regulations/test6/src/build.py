"""Build the test6 documents from the readable sources beside this script (run with the kefu venv).

hengtai_securities.txt -> ../hengtai_securities.pdf (dev/src/make_pdf.py's line syntax, with the brokerage's own
running header and footer), chengtong_card.md -> ../chengtong_card.docx (make_docx.py's Markdown subset; its `## `
chapters become Heading 1, its 第X条 clauses plain paragraphs). xingyue_video.html is hand-written and has no source.
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The brokerage's header carries the company and the document number; its footer the page line and a notice.
HENGTAI = Layout("恒泰证券股份有限公司　客户服务中心　　恒证客服〔2026〕9号",
                 "— 第 {page} 页 —　　内部规范文件　仅限本中心员工使用", (110, 365))

if __name__ == "__main__":
    build_pdf(HERE / "hengtai_securities.txt", HERE.parent / "hengtai_securities.pdf", HENGTAI)
    build_docx(HERE / "chengtong_card.md", HERE.parent / "chengtong_card.docx")
