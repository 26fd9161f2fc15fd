"""Build the test2 documents: anheng_insurance.docx and huayue_gas.pdf from the sources beside this script.

Reuses the repo's two builders; the PDF's running header names the gas company. Run: .venv/bin/python evals/data/regulations/test2/src/build.py
"""

import importlib.util
from pathlib import Path

HERE = Path(__file__).parent
REGS = HERE.parent.parent
HEADER = "华岳燃气集团有限公司企业标准　　Q/HYRQ-FW 012—2026"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_pdf(source: Path, target: Path) -> None:
    """Render `source` with make_pdf's page layout and a gas-company header (`=COLS` lines set column widths)."""
    make_pdf = _load("make_pdf", REGS / "dev" / "src" / "make_pdf.py")
    make_pdf.build(source, target, make_pdf.Layout(HEADER))


if __name__ == "__main__":
    make_docx = _load("make_docx", REGS / "make_docx.py")
    print(make_docx.build(HERE / "anheng_insurance.md", HERE.parent / "anheng_insurance.docx"))
    build_pdf(HERE / "huayue_gas.txt", HERE.parent / "huayue_gas.pdf")
    print(HERE.parent / "huayue_gas.pdf")
