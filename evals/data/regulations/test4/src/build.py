"""Build the test4 text PDF qinghe_rcb.pdf and the GBK text hexian_fresh.txt (the .html is hand-written).

Run: .venv/bin/python evals/data/regulations/test4/src/build.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_pdf import Layout, build as build_pdf  # noqa: E402

# The bank prints its internal rules with a classification line on top and a page number at the foot.
QINGHE = Layout("青禾农村商业银行股份有限公司　　内部管理制度　注意保密", "第 {page} 页")

if __name__ == "__main__":
    build_pdf(HERE / "qinghe_rcb.txt", HERE.parent / "qinghe_rcb.pdf", QINGHE)
    # The grocery platform's rules come out of WPS as GBK text with Windows line ends.
    text = (HERE / "hexian_fresh.txt").read_text(encoding="utf-8")
    (HERE.parent / "hexian_fresh.txt").write_bytes(text.replace("\n", "\r\n").encode("gbk"))
