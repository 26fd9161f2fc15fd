"""Build the dev_blind9 documents from the sources beside this script.

qingyuan_water.pdf: `make_pdf.py` line syntax with the water group's running header and footer.
hanfeng_card.docx: `make_docx.py` Markdown subset, then 第X条 as a bold run at the start of a normal paragraph and
the `1) ` / `a) ` lines as Word auto-numbered lists (List Number / List Number 2), so no number is in the text.
yunqi_aftersales.txt: the UTF-8 source saved the way Notepad saves "Unicode": UTF-16 LE with BOM and CRLF lines.
"""

import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
DOCS = HERE.parent
sys.path.insert(0, str(DOCS.parent))
sys.path.insert(0, str(DOCS.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)(　.*)$")
LISTS = {"1) ": "List Number", "a) ": "List Number 2"}
QINGYUAN = Layout("清源水务集团有限公司企业标准　　Q/QYSW-FW 108—2026", "第 {page} 页", (30, 215, 95, 135))


def card_docx() -> None:
    target = build_docx(HERE / "hanfeng_card.md", DOCS / "hanfeng_card.docx")
    d = docx.Document(target)
    for paragraph in d.paragraphs:
        text = paragraph.text
        if m := ARTICLE.match(text):
            paragraph.clear()
            paragraph.add_run(m.group(1)).bold = True
            paragraph.add_run(m.group(2))
        elif text[:3] in LISTS:
            paragraph.style = d.styles[LISTS[text[:3]]]
            paragraph.clear()
            paragraph.add_run(text[3:])
    d.save(target)


if __name__ == "__main__":
    build_pdf(HERE / "qingyuan_water.txt", DOCS / "qingyuan_water.pdf", QINGYUAN)
    card_docx()
    source = (HERE / "yunqi_aftersales.txt").read_text(encoding="utf-8")
    with open(DOCS / "yunqi_aftersales.txt", "w", encoding="utf-16", newline="\r\n") as out:
        out.write(source)
