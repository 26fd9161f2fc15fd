"""Check dev_blind17 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the PDF's `第X条　` lines and its annex
title lines (`附件1`), the HTML page's `<h3>` headings numbered `2.1` or `3.2.1`, the docx's `3.1　` / `4.2.1　`
headings. A chapter (第X章, an `<h2>`, a docx `1　范围` heading) starts text that belongs to no article, so the
HTML FAQ block is outside every article.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, html_spans, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
# An empty group 1 for a chapter line: the text after it belongs to no article.
PDF_HEADING = re.compile(r"^(第[一二三四五六七八九十]+条(?=　)|附件\d$|(?=第[一二三四五六七八九十]+章))")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\s")
DOCX_CHAPTER = re.compile(r"^\d+　")


def numbered_h3(lines):
    """An `<h3>2.1 …` heading opens its article; an `<h2>` chapter opens text that belongs to no article."""
    return [((m.group(1) if (m := NUMBERED.match(text + " ")) else None) if tag == "h3" else "" if tag == "h2" else None,
             text) for tag, text in lines]


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := NUMBERED.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda path: pdf_spans(path, PDF_HEADING), ".html": lambda path: html_spans(path, numbered_h3),
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
