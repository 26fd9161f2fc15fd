"""Build the test2 documents: anheng_insurance.docx and huayue_gas.pdf from the sources beside this script.

Reuses the repo's two builders. For the PDF, `=COLS a,b,c` sets the column widths of the following table rows
and the running header names the gas company. Run: .venv/bin/python evals/data/regulations/test2/src/build.py
"""

import importlib.util
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

HERE = Path(__file__).parent
REGS = HERE.parent.parent
HEADER = "华岳燃气集团有限公司企业标准　　Q/HYRQ-FW 012—2026"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_pdf(source: Path, target: Path) -> None:
    """Render `source` with make_pdf's page layout, a gas-company header and per-table column widths."""
    make_pdf = _load("make_pdf", REGS / "dev" / "src" / "make_pdf.py")

    class Pages(make_pdf._Pages):
        def _start(self) -> None:
            self.page += 1
            self.pdf.setFont(make_pdf.FONT, 8)
            self.pdf.drawString(make_pdf.MARGIN, make_pdf.HEIGHT - 35, HEADER)
            self.pdf.drawCentredString(make_pdf.WIDTH / 2, 30, f"— {self.page} —")
            self.y = make_pdf.HEIGHT - make_pdf.MARGIN - 10

    pdfmetrics.registerFont(UnicodeCIDFont(make_pdf.FONT))
    pages = Pages(target)
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("=COLS "):
            make_pdf.COLUMNS = tuple(int(w) for w in line[6:].split(","))
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
    make_docx = _load("make_docx", REGS / "make_docx.py")
    print(make_docx.build(HERE / "anheng_insurance.md", HERE.parent / "anheng_insurance.docx"))
    build_pdf(HERE / "huayue_gas.txt", HERE.parent / "huayue_gas.pdf")
    print(HERE.parent / "huayue_gas.pdf")
