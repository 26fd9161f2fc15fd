"""Build dev_blind7's generated documents: hengyue_repair.docx from its Markdown-subset source (make_docx.py), and
kangning_pharmacy.txt as the GB18030, CRLF file a Windows office would save (the source beside this script is UTF-8
so it can be read and diffed). donglan_ticketing.md is hand-written and has no source."""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

if __name__ == "__main__":
    build_docx(HERE / "hengyue_repair.md", HERE.parent / "hengyue_repair.docx")
    text = (HERE / "kangning_pharmacy.txt").read_text(encoding="utf-8")
    (HERE.parent / "kangning_pharmacy.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
