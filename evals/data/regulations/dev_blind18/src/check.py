"""Check dev_blind18 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the docx's `第X条　` headings, the HTML page's
`<h3>（一）…` headings under an `<h2>一、…` chapter (labelled `二、（一）`), the Markdown standard's `### 2.1` headings.
A chapter heading (第X章, a numbered `<h2>`, a Markdown heading without a two-level number such as `## 二、服务时限`
or `## 修订记录`) starts text that belongs to no article; so does an unnumbered `<h2>` (the HTML FAQ block).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import chapter_items, check, docx_spans, group, html_spans, md_spans  # noqa: E402

HERE = Path(__file__).parent.parent
DOCX_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)　")
DOCX_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")


def html_chapters(lines):
    """chapter_items, plus: an unnumbered `<h2>` (the FAQ) opens text that belongs to no article."""
    return [("" if label is None and tag == "h2" else label, text)
            for (label, text), (tag, _) in zip(chapter_items(lines), lines)]


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".html": lambda path: html_spans(path, html_chapters),
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:  # print one document's spans, to label it
        for label, text in spans(HERE / sys.argv[1]):
            print(f"=== {label!r}\n{text}")
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
