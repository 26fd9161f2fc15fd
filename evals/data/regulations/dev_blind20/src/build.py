"""Build the dev_blind20 documents from the readable sources beside this script (run with the kefu venv).

haoting_hotel.txt -> ../haoting_hotel.pdf (make_pdf.py's line syntax, with the hotel group's own running header and
footer), kuaiche_ride.txt (UTF-8, LF) -> ../kuaiche_ride.txt in UTF-16 little-endian with a BOM and CRLF line ends
(as a Windows editor saves "Unicode" text). ../yunyou_travel.html is written by hand and is its own source.
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_pdf import Layout, build as build_pdf  # noqa: E402

# The group's running header carries its document number; the footer is a page line with the issuing office.
HAOTING = Layout("好庭酒店集团文件　　好庭集发〔2026〕17号", "— 第 {page} 页 —　　好庭酒店集团办公室", (30, 210, 110, 125))

if __name__ == "__main__":
    build_pdf(HERE / "haoting_hotel.txt", HERE.parent / "haoting_hotel.pdf", HAOTING)
    text = (HERE / "kuaiche_ride.txt").read_text(encoding="utf-8")
    (HERE.parent / "kuaiche_ride.txt").write_bytes(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
