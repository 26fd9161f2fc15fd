"""Text PDFs for the document tests, drawn with the CJK font that ships inside reportlab."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def write_pdf(path: Path, pages: list[list[str]], header: str | None = None, numbered: bool = True,
              size: float = 12, left: float = 72, top: float = 760, leading: float = 22, **encrypt) -> None:
    """One line of text per entry, page by page; a running header and "第 N 页 共 M 页" footers when asked.

    `encrypt` goes to pypdf's PdfWriter.encrypt (user_password, owner_password, algorithm).
    """
    sheet = canvas.Canvas(str(path))
    for number, lines in enumerate(pages, 1):
        sheet.setFont(FONT, size)
        if header:
            sheet.drawString(left, 800, header)
        for i, line in enumerate(lines):
            sheet.drawString(left, top - leading * i, line)
        if numbered:
            sheet.drawString(280, 40, f"第 {number} 页 共 {len(pages)} 页")
        sheet.showPage()
    sheet.save()
    if encrypt:
        writer = PdfWriter(clone_from=str(path))
        writer.encrypt(**encrypt)
        writer.write(str(path))


def write_page(path: Path, lines: list[str]) -> None:
    """One page of smaller, tighter lines, as a converted regulation's body text sits: no header or footer."""
    write_pdf(path, [lines], numbered=False, size=11, left=60, top=780, leading=18)
