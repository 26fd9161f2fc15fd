"""Build the dev_blind14 documents from src/: lanyue_appliance.docx and kanghe_pharmacy.txt (the .html is hand-written)."""

import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

SECTION = re.compile(r"^\d+\.\d+　")


def build_appliance() -> None:
    target = build_docx(HERE / "lanyue_appliance.md", HERE.parent / "lanyue_appliance.docx")
    # make_docx writes every `## ` line as Heading 1; the brand's template puts the 3.2 section one level below the
    # chapter. The 3.2.1 clauses stay ordinary paragraphs.
    d = docx.Document(target)
    for paragraph in d.paragraphs:
        if paragraph.style.name == "Heading 1" and SECTION.match(paragraph.text):
            paragraph.style = d.styles["Heading 2"]
    d.save(target)


def build_pharmacy() -> None:
    # Saved as Windows Notepad saves "Unicode": UTF-16 LE with a byte-order mark and CRLF line ends.
    text = (HERE / "kanghe_pharmacy.txt").read_text(encoding="utf-8")
    data = "\ufeff" + text.replace("\n", "\r\n")
    (HERE.parent / "kanghe_pharmacy.txt").write_bytes(data.encode("utf-16-le"))


if __name__ == "__main__":
    build_appliance()
    build_pharmacy()
