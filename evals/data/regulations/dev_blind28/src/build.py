"""Build the dev_blind28 documents from the readable sources beside this script (run with the kefu venv).

jiazheng_homeservice.md -> ../jiazheng_homeservice.docx: make_docx.py's Markdown subset, extended here with
`!HEADER` / `!FOOTER` lines (the running header and footer; `{PAGE}` and `{NUMPAGES}` become Word page fields),
`## ` as Heading 1 (第X部分), `### ` as Heading 2 (a section such as `3.1 接听与响应`) and `> ` centred lines
(table captions). Table cells `^` / `<` merge with the cell above / to the left, as in make_docx.py.
tielu_passenger.txt -> ../tielu_passenger.pdf (dev/src/make_pdf.py's line syntax, with the railway's own header
and footer). chongdianbao_rental.txt (UTF-8, LF) -> ../chongdianbao_rental.txt as GB18030 with CRLF.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_pdf import Layout, build as build_pdf  # noqa: E402

# The railway's header carries its document number; the footer is a page line and the issuing department.
HUALING = Layout("华岭城际铁路有限公司　　华岭铁客〔2026〕15号", "第 {page} 页　　客运部印发　内部资料", (30, 180, 245))


def _font(style, size: float, east_asia: str = "宋体") -> None:
    style.font.name = "SimSun"
    style.font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instrText / separate / placeholder / end runs."""
    for kind, text in (("begin", None), ("instr", code), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        elif kind == "text":
            run.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


def _running(paragraph, text: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts = text.replace("{NUMPAGES}", "\0NUMPAGES\0").replace("{PAGE}", "\0PAGE\0").split("\0")
    for part in parts:
        if part in ("PAGE", "NUMPAGES"):
            _field(paragraph, part)
        elif part:
            paragraph.add_run(part).font.size = Pt(9)


def _table(doc: Document, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text in ("^", "<"):
                continue
            cell = table.cell(r, c)
            cell.text = text
            if r == 0 or (c == 0 and all(t == "<" for t in cells[1:])):
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text == "^":
                top = r - 1
                while rows[top][c] == "^":
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
            elif text == "<":
                table.cell(r, c - 1).merge(table.cell(r, c))


def build_docx(source: Path, target: Path) -> Path:
    doc = Document()
    _font(doc.styles["Normal"], 11)
    for name in ("Title", "Heading 1", "Heading 2"):
        doc.styles[name].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
    section = doc.sections[0]
    rows: list[list[str]] = []
    for line in source.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
            continue
        if rows:
            _table(doc, rows)
            rows = []
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("!HEADER "):
            _running(section.header.paragraphs[0], line[8:])
        elif line.startswith("!FOOTER "):
            _running(section.footer.paragraphs[0], line[8:])
        elif line.startswith("# "):
            doc.add_heading(line[2:], level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=1)
        elif line.startswith("### "):
            doc.add_heading(line[4:], level=2)
        elif line.startswith("> "):
            doc.add_paragraph(line[2:]).alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            doc.add_paragraph(line)
    doc.save(target)
    return target


def gbk_text(source: Path, target: Path) -> None:
    text = source.read_text(encoding="utf-8").rstrip("\n")
    target.write_bytes(text.replace("\n", "\r\n").encode("gb18030") + b"\r\n")


if __name__ == "__main__":
    build_docx(HERE / "jiazheng_homeservice.md", HERE.parent / "jiazheng_homeservice.docx")
    build_pdf(HERE / "tielu_passenger.txt", HERE.parent / "tielu_passenger.pdf", HUALING)
    gbk_text(HERE / "chongdianbao_rental.txt", HERE.parent / "chongdianbao_rental.txt")
    print("built jiazheng_homeservice.docx tielu_passenger.pdf chongdianbao_rental.txt")
