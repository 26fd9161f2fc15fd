"""Check dev_blind5 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the docx's `第X条　` headings, the HTML page's
`<h3>2.1 …` headings, the Markdown handbook's `### 2.1` / `#### 4.2.1` headings. A chapter heading (第X章, `<h2>`,
an unnumbered or one-number Markdown heading such as `## 5 考核` or `## 修订记录`) starts text that belongs to no
article, so the HTML FAQ block and the Markdown revision table are outside every article.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import NUMBERED, check, docx_spans, group, html_spans, md_spans  # noqa: E402

HERE = Path(__file__).parent.parent
DOCX_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)　")
DOCX_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")


def numbered_h3(lines):
    """An `<h3>2.1 …` heading opens its article; an `<h2>` chapter opens text that belongs to no article."""
    return [((m.group(1) if (m := NUMBERED.match(text + " ")) else None) if tag == "h3" else "" if tag == "h2" else None,
             text) for tag, text in lines]


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)

def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".html": lambda path: html_spans(path, numbered_h3), ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
