"""Check dev_blind12 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the docx's `第X条　` paragraphs (plain
paragraphs whose first run is bold, no heading styles), the HTML page's `<li>` clauses that open with a `2.1`
number, the Markdown rules' bold section lines `**三、服务时限**` (the numbered items 1. 2. under a section are
items, not articles). A docx chapter line (第X章) or its closing 抄送 line and an HTML `<h2>` chapter or FAQ open
text that belongs to no article.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, html_spans, text_spans  # noqa: E402

HERE = Path(__file__).parent.parent
DOCX_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)　")
DOCX_OUTSIDE = re.compile(r"^(第[一二三四五六七八九十]+章|抄送：)")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\s")
MD_SECTION = re.compile(r"^\*\*([一二三四五六七八九十]+、)")


def numbered_li(lines):
    """A `<li>` that opens with `2.1` is a clause; an `<h2>` chapter or FAQ heading opens text outside every clause."""
    return [((m.group(1) if (m := NUMBERED.match(text + " ")) else None) if tag == "li" else "" if tag == "h2" else None,
             text) for tag, text in lines]


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_OUTSIDE.match(text) else None)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": lambda path: text_spans(path.read_text(encoding="utf-8"), MD_SECTION),
            ".html": lambda path: html_spans(path, numbered_li),
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    if "--spans" in sys.argv:
        for name in ("chengzhou_12345.docx", "xingyuan_player_support.html", "yunqi_reservations.md"):
            for label, text in spans(HERE / name):
                print(f"[{name} {label!r}] {text[:60]!r} … {len(text)}")
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
