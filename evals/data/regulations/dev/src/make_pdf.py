"""Build the dev text PDFs (running header, footer and table grids): ../anlan_power.pdf, ../hongji_hospital.pdf.

Line syntax: `#` title line (centred), `|a|b|c` a table row drawn as a grid, `=COLS 40,120,60` the column widths
of the rows that follow, `=PAGE` a page break, any other line a paragraph wrapped at the page width. Run: .venv/bin/python evals/data/regulations/dev/src/make_pdf.py
"""

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).parent
FONT = "STSong-Light"
WIDTH, HEIGHT = A4
MARGIN = 60
COLUMNS = (40, 70, 150, 35, 185)


class Layout:
    """What differs between the documents: running header, footer template and table column widths."""

    def __init__(self, header: str, footer: str = "— {page} —", columns: tuple[int, ...] = COLUMNS) -> None:
        self.header, self.footer, self.columns = header, footer, columns


ANLAN = Layout("安澜供电公司企业标准　　Q/AL-KF 203—2026")
# The hospital's table sets two scoring columns side by side, and its footer is a page line plus a notice.
HONGJI = Layout("泓济医院预约服务中心　　内部资料　注意保存", "第 {page} 页　　泓济医院医务部印发", (160, 60, 160, 60))


def _wrap(text: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = ""
        line += char
    return lines + [line]


class _Pages:
    def __init__(self, target: Path, layout: Layout) -> None:
        self.layout = layout
        self.pdf = canvas.Canvas(str(target), pagesize=A4)
        self.page = 0
        self._start()

    def _start(self) -> None:
        self.page += 1
        self.pdf.setFont(FONT, 8)
        self.pdf.drawString(MARGIN, HEIGHT - 35, self.layout.header)
        self.pdf.drawCentredString(WIDTH / 2, 30, self.layout.footer.format(page=self.page))
        self.y = HEIGHT - MARGIN - 10

    def need(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.break_page()

    def break_page(self) -> None:
        self.pdf.showPage()
        self._start()

    def title(self, text: str) -> None:
        self.need(24)
        self.pdf.setFont(FONT, 15)
        self.pdf.drawCentredString(WIDTH / 2, self.y, text)
        self.y -= 26

    def paragraph(self, text: str) -> None:
        for line in _wrap(text, 11, WIDTH - 2 * MARGIN):
            self.need(18)
            self.pdf.setFont(FONT, 11)
            self.pdf.drawString(MARGIN, self.y, line)
            self.y -= 18

    def row(self, cells: list[str]) -> None:
        wrapped = [_wrap(c, 9, w - 6) for c, w in zip(cells, self.layout.columns)]
        height = 14 * max(len(w) for w in wrapped) + 6
        self.need(height)
        x = MARGIN
        for lines, w in zip(wrapped, self.layout.columns):
            self.pdf.rect(x, self.y - height + 12, w, height)
            for i, line in enumerate(lines):
                self.pdf.setFont(FONT, 9)
                self.pdf.drawString(x + 3, self.y - 14 * i, line)
            x += w
        self.y -= height

    def save(self) -> None:
        self.pdf.save()


def build(source: Path, target: Path, layout: Layout = ANLAN) -> None:
    """Render the line syntax of `source` into a text PDF at `target`."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pages = _Pages(target, layout)
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("=COLS "):
            layout.columns = tuple(int(w) for w in line[6:].split(","))
        elif line.startswith("#"):
            pages.title(line[1:])
        elif line == "=PAGE":
            pages.break_page()
        elif line.startswith("|"):
            pages.row(line[1:].split("|"))
        elif line.strip():
            pages.paragraph(line)
    pages.save()


if __name__ == "__main__":
    build(HERE / "anlan_power.txt", HERE.parent / "anlan_power.pdf", ANLAN)
    build(HERE / "hongji_hospital.txt", HERE.parent / "hongji_hospital.pdf", HONGJI)
