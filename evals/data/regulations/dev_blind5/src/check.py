"""Check dev_blind5 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the docx's `第X条　` headings, the HTML page's
`<h3>2.1 …` headings, the Markdown handbook's `### 2.1` / `#### 4.2.1` headings. A chapter heading (第X章, `<h2>`,
an unnumbered or one-number Markdown heading such as `## 5 考核` or `## 修订记录`) starts text that belongs to no
article, so the HTML FAQ block and the Markdown revision table are outside every article.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group  # noqa: E402

HERE = Path(__file__).parent.parent
DOCX_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)　")
DOCX_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\s")
MD_HEADING = re.compile(r"^#{1,6}\s+(.*)")
BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "tr", "td", "th", "div", "br", "title"}


def md_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = MD_HEADING.match(line.strip())
        label = None
        if heading:
            m = NUMBERED.match(heading.group(1) + " ")
            label = m.group(1) if m else ""
        lines.append((label, line.strip() + "\n"))
    return group(lines)


class _Page(HTMLParser):
    """Collect the page's text as (label-or-None, line) pairs: one line per block element."""

    def __init__(self):
        super().__init__()
        self.lines, self.buf, self.tag = [], [], None

    def _flush(self):
        text = "".join(self.buf).strip()
        self.buf = []
        if not text:
            return
        label = None
        if self.tag == "h3":
            m = NUMBERED.match(text + " ")
            label = m.group(1) if m else None
        elif self.tag == "h2":
            label = ""
        self.lines.append((label, text + "\n"))

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self._flush()
            self.tag = tag

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self._flush()
            self.tag = None

    def handle_data(self, data):
        self.buf.append(data)


def html_spans(path: Path) -> list[tuple[str, str]]:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return group(page.lines)


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)

def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".html": html_spans, ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
