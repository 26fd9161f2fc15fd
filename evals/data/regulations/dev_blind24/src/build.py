"""Build the dev_blind24 documents from the readable sources beside this script (run with the kefu venv).

fengchao_locker.txt -> ../fengchao_locker.pdf (make_pdf.py's line syntax, the locker company's own header and
footer), lekang_dental.md -> ../lekang_dental.docx (make_docx.py's Markdown subset: `## 2　预约服务` chapters are
Heading 1, the 2.1 / 2.1.1 clauses plain paragraphs). ../dianlu_charging.md is hand-written and has no source here.
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The locker company's running header carries its document number; the footer is a page line and the issuing unit.
FENGCHAO = Layout("峰朝智柜科技有限公司　　峰朝客〔2026〕12号", "— 第 {page} 页 —　　客户服务中心印发　仅限内部使用", (30, 200, 115, 130))

if __name__ == "__main__":
    build_pdf(HERE / "fengchao_locker.txt", HERE.parent / "fengchao_locker.pdf", FENGCHAO)
    build_docx(HERE / "lekang_dental.md", HERE.parent / "lekang_dental.docx")
