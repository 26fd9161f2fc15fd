"""Check test4 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the PDF's `第X条　` lines (a 第X章 title
joins the article before it; each page's header and footer lines are dropped), the HTML page's h2 "一、" + h3 "（一）"
(an unnumbered h2 such as the FAQ opens text outside every article), the GBK text's `2.1　` lines (a `2　` chapter
line opens text outside every article, so the closing FAQ chapter belongs to none).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, chapter_items, group, html_spans, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
PDF_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)　")
TXT_HEADING = re.compile(r"^(?:(\d+\.\d+)　|\d+()　)")


def labelled(heading: re.Pattern, line: str) -> str | None:
    """The article a line opens, '' for a chapter line, None for any other line."""
    m = heading.match(line.strip())
    return None if not m else (m.group(1) or "")


def txt_spans(path: Path) -> list[tuple[str, str]]:
    text = path.read_bytes().decode("gbk").replace("\r\n", "\n")
    return group((labelled(TXT_HEADING, line), line.strip() + "\n") for line in text.splitlines())


def page_items(lines):
    """chapter_items, except that an h2 without a chapter numeral (the FAQ) opens text outside every article."""
    labels = chapter_items(lines)
    return [("" if tag == "h2" and label is None else label, text) for (tag, _), (label, text) in zip(lines, labels)]


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda path: pdf_spans(path, PDF_ARTICLE), ".html": lambda path: html_spans(path, page_items), ".txt": txt_spans}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
