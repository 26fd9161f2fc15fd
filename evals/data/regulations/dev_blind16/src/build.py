"""Build the dev_blind16 GBK text file beiling_fuelcard.txt (the .md and .html are hand-written)."""

from pathlib import Path

HERE = Path(__file__).parent

if __name__ == "__main__":
    # The source is kept as UTF-8 with LF for readable diffs; the fuel-card centre's file is GBK with CRLF.
    text = (HERE / "beiling_fuelcard.txt").read_text(encoding="utf-8")
    (HERE.parent / "beiling_fuelcard.txt").write_bytes(text.replace("\n", "\r\n").encode("gbk"))
