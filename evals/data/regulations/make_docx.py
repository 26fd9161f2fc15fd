"""Build test/bank_card_center.docx from the readable bank_card_center.md beside this script.

The .md is a tiny Markdown subset so the test document can be reviewed and diffed in git:
`# ` title, `## ` chapter heading, `> ` centred line (document number, signature), `| … |`
rows form a Word table (the `|---|` row is dropped; a cell `^` merges with the cell above, `<` with
the cell to its left, and `<br>` starts a new paragraph inside a cell), `<!-- … -->` lines are
skipped, and every other non-empty line becomes one paragraph. Run: .venv/bin/python evals/data/regulations/make_docx.py
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).parent
SOURCE = HERE / "bank_card_center.md"
TARGET = HERE / "test" / "bank_card_center.docx"


def _chinese_font(style, size: int) -> None:
    # Word picks the East Asian font from w:eastAsia; without it CJK text falls back per machine.
    style.font.name = "SimSun"
    style.font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")


def _add_table(doc: Document, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text in ("^", "<"):
                continue
            cell = table.cell(r, c)
            first, *more = text.split("<br>")
            cell.text = first
            for paragraph in more:
                cell.add_paragraph(paragraph)
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    # Merge after writing: a merged cell keeps the text of its first cell.
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text == "^":
                table.cell(r - 1, c).merge(table.cell(r, c))
            elif text == "<":
                table.cell(r, c - 1).merge(table.cell(r, c))


def build(source: Path = SOURCE, target: Path = TARGET) -> Path:
    """Convert the Markdown subset in `source` into a .docx at `target`."""
    doc = Document()
    _chinese_font(doc.styles["Normal"], 12)
    rows: list[list[str]] = []
    for line in source.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not all(set(cell) <= set("-: ") for cell in cells):
                rows.append(cells)
            continue
        if rows:
            _add_table(doc, rows)
            rows = []
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("# "):
            doc.add_heading(line[2:], level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=1)
        elif line.startswith("> "):
            doc.add_paragraph(line[2:]).alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            doc.add_paragraph(line)
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(target)
    return target


if __name__ == "__main__":
    print(build())
