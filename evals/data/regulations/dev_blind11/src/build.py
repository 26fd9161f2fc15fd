"""Build the dev_blind11 documents: dingxin_securities.pdf (from dingxin_securities.txt with dev/src/make_pdf.py)
and chidian_charging.txt (GB18030, CRLF, from the UTF-8 source here). jinlan_property.md is hand-written."""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_pdf import Layout, build  # noqa: E402

# The brokerage's template: document number in the running header, "第 N 页" with the issuing office in the footer.
DINGXIN = Layout("鼎信证券股份有限公司　　客户服务中心服务管理办法　　鼎证发〔2026〕58号",
                 "第 {page} 页　　零售业务总部客户服务中心印制", (300, 175))

if __name__ == "__main__":
    build(HERE / "dingxin_securities.txt", HERE.parent / "dingxin_securities.pdf", DINGXIN)
    text = (HERE / "chidian_charging.txt").read_text(encoding="utf-8")
    (HERE.parent / "chidian_charging.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
