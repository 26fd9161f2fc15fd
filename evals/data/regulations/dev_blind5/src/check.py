"""Check dev_blind5 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the docx's `第X条　` headings, the HTML page's
`<h3>2.1 …` headings, the Markdown handbook's `### 2.1` / `#### 4.2.1` headings. A chapter heading (第X章, `<h2>`,
an unnumbered or one-number Markdown heading such as `## 5 考核` or `## 修订记录`) starts text that belongs to no
article, so the HTML FAQ block and the Markdown revision table are outside every article.
"""

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx

HERE = Path(__file__).parent.parent
DOCX_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)　")
DOCX_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\s")
MD_HEADING = re.compile(r"^#{1,6}\s+(.*)")
BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "tr", "td", "th", "div", "br", "title"}


def _spans(lines: list[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """Group (label-or-None, line) pairs into (article, text) spans; '' is text outside every article."""
    spans, label, buf = [], "", []
    for new, line in lines:
        if new is not None:
            spans.append((label, "".join(buf)))
            label, buf = new, []
        buf.append(line)
    spans.append((label, "".join(buf)))
    return spans


def md_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = MD_HEADING.match(line.strip())
        label = None
        if heading:
            m = NUMBERED.match(heading.group(1) + " ")
            label = m.group(1) if m else ""
        lines.append((label, line.strip() + "\n"))
    return _spans(lines)


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
    return _spans(page.lines)


def docx_spans(path: Path) -> list[tuple[str, str]]:
    d = docx.Document(path)
    lines = []
    for block in d.element.body.iterchildren():
        tag = block.tag.split("}")[1]
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            m = DOCX_ARTICLE.match(text)
            label = m.group(1) if m else ("" if DOCX_CHAPTER.match(text) else None)
            lines.append((label, text + "\n"))
        elif tag == "tbl":
            table = docx.table.Table(block, d)
            for row in table.rows:
                lines.append((None, "\n".join(c.text for c in row.cells) + "\n"))
    return _spans(lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".html": html_spans, ".docx": docx_spans}[path.suffix](path)


def main() -> int:
    answers = json.loads((HERE / "answers.json").read_text(encoding="utf-8"))
    errors = 0
    for name, kinds in answers.items():
        by_label = {}
        for label, text in spans(HERE / name):
            by_label[label] = by_label.get(label, "") + text
        for kind, entries in kinds.items():
            for e in entries:
                span = by_label.get(e["article"])
                for field in ("text", "suggestion"):
                    if e.get(field) and (not e["article"] or span is None or e[field] not in span):
                        errors += 1
                        print(f"{name} {kind} {e['article']}: {field} not found: {e[field]}")
    for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        hits = {label for label, text in spans(HERE / q["doc"]) if all(k in text for k in q["keywords"])}
        if hits != {q["article"]} or any(" " in k for k in q["keywords"]):
            errors += 1
            print(f"{q['doc']} question {q['query']}: keywords {q['keywords']} hit {sorted(hits)}, want {q['article']}")
    for line in (HERE / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        if p["kind"] == "paraphrase" and "您" not in p["text"]:
            errors += 1
            print(f"{p['doc']} paraphrase without 您: {p['text']}")
    print("errors:", errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
