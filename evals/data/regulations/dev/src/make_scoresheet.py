"""Build ../haiyue_mobile.docx from haiyue_mobile.md: a Word score sheet with merged cells.

Line syntax as in ../../make_docx.py (`# ` title, `> ` centred line, `| … |` table rows, `|---|` dropped),
plus: a cell `^` merges with the cell above, `<` with the cell to its left, and `<br>` starts a new paragraph
inside a cell. Run: .venv/bin/python evals/data/regulations/dev/src/make_scoresheet.py
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).parent


def _table(doc: Document, rows: list[list[str]]) -> None:
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
    # Merge after writing: a merged cell keeps the text of its first cell.
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text == "^":
                table.cell(r - 1, c).merge(table.cell(r, c))
            elif text == "<":
                table.cell(r, c - 1).merge(table.cell(r, c))


def build(source: Path, target: Path) -> Path:
    """Convert the Markdown subset in `source` into a .docx at `target`."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    rows: list[list[str]] = []
    for line in source.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not all(set(cell) <= set("-: ") for cell in cells):
                rows.append(cells)
            continue
        if rows:
            _table(doc, rows)
            rows = []
        if not line:
            continue
        if line.startswith("# "):
            doc.add_heading(line[2:], level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.startswith("> "):
            doc.add_paragraph(line[2:]).alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            doc.add_paragraph(line)
    doc.save(target)
    return target


if __name__ == "__main__":
    print(build(HERE / "haiyue_mobile.md", HERE.parent / "haiyue_mobile.docx"))
