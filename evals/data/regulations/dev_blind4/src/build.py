"""Build the dev_blind4 documents: qiyue_hotel.docx and the GBK chengjiang_shebao.txt (the .md is hand-written)."""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

if __name__ == "__main__":
    build_docx(HERE / "qiyue_hotel.md", HERE.parent / "qiyue_hotel.docx")
    # The social-insurance bureau's office machines save plain text in GBK; the source is kept in UTF-8 for git.
    text = (HERE / "chengjiang_shebao.txt").read_text(encoding="utf-8")
    (HERE.parent / "chengjiang_shebao.txt").write_bytes(text.replace("\n", "\r\n").encode("gbk"))
