"""Build the dev_blind15 documents: chengjiang_metro.pdf (make_pdf.py) and yunzhan_support.docx (make_docx.py, then
Word's own heading and list styles). The .md is hand-written.

Run: .venv/bin/python evals/data/regulations/dev_blind15/src/build.py
"""

import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# A GB/T-style company standard: the standard number as running header, the page number alone as footer.
METRO = Layout("Q/CJGD 402—2026", "{page}")
SECTION = re.compile(r"^\d+\.\d+　")
# make_docx has no list syntax: a source line "+ text" is an item the handbook numbers with Word's list style.
ITEM = "+ "

if __name__ == "__main__":
    build_pdf(HERE / "chengjiang_metro.txt", HERE.parent / "chengjiang_metro.pdf", METRO)
    target = build_docx(HERE / "yunzhan_support.md", HERE.parent / "yunzhan_support.docx")
    d = docx.Document(target)
    numbering = d.part.numbering_part.element
    style_num = d.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = None
    for paragraph in d.paragraphs:
        if SECTION.match(paragraph.text):
            paragraph.style = d.styles["Heading 2"]
            num = None
        elif paragraph.text.startswith(ITEM):
            # The item number is Word's automatic numbering, so it is not part of the paragraph's text.
            paragraph.text = paragraph.text[len(ITEM):]
            paragraph.style = d.styles["List Number"]
            if num is None:
                # Each section's list starts again at 1, as the handbook's template does.
                num = numbering.add_num(abstract)
                num.add_lvlOverride(ilvl=0).add_startOverride(1)
            paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num.numId
    d.save(target)
