"""Build the dev_blind22 documents from the readable sources beside this script (run with the kefu venv).

anbao_motorclaims.md -> ../anbao_motorclaims.docx (make_docx.py's Markdown subset; its `## ` chapters are Heading 1,
its 第X条 clauses plain paragraphs), haitong_logistics.txt -> ../haitong_logistics.pdf (make_pdf.py's line syntax,
with the centre's own controlled-document header and footer). ../xingguang_cinema.md is hand-written, no source.
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The logistics centre's header carries its document number and version; its footer is a control notice and page line.
HAITONG = Layout("海通国际物流有限公司　客户服务中心　　HT-CS-004　V3.1", "受控文件　未经许可不得复制　　第 {page} 页",
                 (35, 200, 90, 150))

if __name__ == "__main__":
    build_docx(HERE / "anbao_motorclaims.md", HERE.parent / "anbao_motorclaims.docx")
    build_pdf(HERE / "haitong_logistics.txt", HERE.parent / "haitong_logistics.pdf", HAITONG)
