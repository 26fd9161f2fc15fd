"""Build the dev_blind8 Word document anxing_autoclaims.docx (the .html and .md are hand-written)."""

import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

# The insurer's template numbers its headings 1 / 1.1 / 1.1.1; make_docx writes every `## ` line as Heading 1,
# so the heading level follows the depth of the number.
LEVELS = [(re.compile(r"^\d+\.\d+\.\d+\s"), "Heading 3"), (re.compile(r"^\d+\.\d+\s"), "Heading 2")]

if __name__ == "__main__":
    target = build_docx(HERE / "anxing_autoclaims.md", HERE.parent / "anxing_autoclaims.docx")
    d = docx.Document(target)
    for paragraph in d.paragraphs:
        for pattern, style in LEVELS:
            if pattern.match(paragraph.text):
                paragraph.style = d.styles[style]
                break
    d.save(target)
    print(target)
