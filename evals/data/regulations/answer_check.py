"""The checks every blind folder's answers, questions and paraphrases must pass against its own documents.

A folder's src/check.py says how its documents split into articles (`spans`: a document's (article, text) pairs,
'' for text outside every article); this module does the rest: every answer `text`/`suggestion` occurs verbatim in
its article's span, every question's keywords occur together in its article's span and in no other, and (where
the folder's brief asked for it) every paraphrase of a forbidden phrase is in 您 form.
"""
import json
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path

import docx
from pypdf import PdfReader

Spans = list[tuple[str, str]]


def group(lines: Iterable[tuple[str | None, str]]) -> Spans:
    """(label-or-None, line) pairs as (article, text) spans: a label opens a span, None continues the open one."""
    spans, label, buf = [], "", []
    for new, line in lines:
        if new is not None:
            spans.append((label, "".join(buf)))
            label, buf = new, []
        buf.append(line)
    spans.append((label, "".join(buf)))
    return spans


# A Markdown heading, and the dotted clause number ("2.1", "4.2.1") that makes it an article.
MD_HEADING = re.compile(r"^#{1,6}\s+(.*)")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\s")


def md_spans(path: Path) -> Spans:
    """A Markdown document's articles: a heading numbered "2.1" opens one; any other heading opens text that belongs
    to no article."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = MD_HEADING.match(line.strip())
        label = None
        if heading:
            m = NUMBERED.match(heading.group(1) + " ")
            label = m.group(1) if m else ""
        lines.append((label, line.strip() + "\n"))
    return group(lines)


def text_spans(text: str, heading: re.Pattern) -> Spans:
    """Spans of plain or Markdown text whose article lines match `heading` (group 1 is the article)."""
    return group(((m.group(1) if (m := heading.match(line.strip())) else None), line.strip() + "\n")
                 for line in text.splitlines())


def docx_spans(path: Path, label: Callable[[str], str | None],
               row_label: Callable[[list[str]], str | None] = lambda cells: None) -> Spans:
    """Spans of a Word file: each paragraph labelled by `label(text)`, each table row one line of its cells,
    labelled by `row_label(cells)` (a document that holds its articles in a table)."""
    d = docx.Document(path)
    lines = []
    for block in d.element.body.iterchildren():
        tag = block.tag.split("}")[1]
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            lines.append((label(text), text + "\n"))
        elif tag == "tbl":
            for row in docx.table.Table(block, d).rows:
                cells = [c.text for c in row.cells]
                lines.append((row_label(cells), "\n".join(cells) + "\n"))
    return group(lines)


def pdf_spans(path: Path, heading: re.Pattern) -> Spans:
    """Spans of a text PDF, each page's first two lines (its running header and footer) dropped, lines joined
    without breaks (a wrapped line is no break in the sentence)."""
    lines = []
    for page in PdfReader(path).pages:
        for line in page.extract_text().splitlines()[2:]:
            m = heading.match(line.strip())
            lines.append((m.group(1) if m else None, line.strip()))
    return group(lines)


class _Html(HTMLParser):
    """A page's text as (block tag, line) pairs, one line per block element; styling, navigation, the footer and
    the title are left out."""

    BLOCKS = {"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "div", "tr", "br", "summary"}
    SKIP = {"style", "nav", "footer", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.lines, self.buf, self.tag, self.skip = [], "", None, 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP or tag in self.BLOCKS:
            self._flush()
            self.tag = tag
        self.skip += tag in self.SKIP

    def handle_endtag(self, tag):
        if tag in self.SKIP or tag in self.BLOCKS:
            self._flush()
            self.tag = None
        self.skip = max(0, self.skip - (tag in self.SKIP))

    def handle_data(self, data):
        if not self.skip:
            self.buf += data

    def _flush(self):
        text, self.buf = self.buf.strip(), ""
        if text:
            self.lines.append((self.tag, text))


def chapter_items(lines: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """Labels for a page whose h2 "一、" opens a chapter and whose h3 "（一）" is an article of it ("一、（一）")."""
    labelled, chapter = [], ""
    for tag, text in lines:
        label = None
        if tag == "h2" and (m := re.match(r"^([一二三四五六七八九十]+、)", text)):
            chapter, label = m.group(1), m.group(1)
        elif tag == "h3" and (m := re.match(r"^(（[一二三四五六七八九十]+）)", text)):
            label = chapter + m.group(1)
        labelled.append((label, text))
    return labelled


def html_spans(path: Path, label: Callable[[list[tuple[str | None, str]]], list[tuple[str | None, str]]] = chapter_items
               ) -> Spans:
    """An HTML page's article spans; `label` turns its (block tag, line) pairs into (article label or None, line)."""
    parser = _Html()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return group((label_, text + "\n") for label_, text in label(parser.lines))


def check(folder: Path, spans: Callable[[Path], Spans], polite_paraphrases: bool = False) -> int:
    """Print every error in the folder's labels and return 1 if there is one."""
    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    errors = 0
    for name, kinds in answers.items():
        by_label: dict[str, str] = {}
        for label, text in spans(folder / name):
            by_label[label] = by_label.get(label, "") + text
        for kind, entries in kinds.items():
            for e in entries:
                span = by_label.get(e["article"])
                for field in ("text", "suggestion"):
                    if e.get(field) and (not e["article"] or span is None or e[field] not in span):
                        errors += 1
                        print(f"{name} {kind} {e['article']}: {field} not found: {e[field]}")
    for line in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        hits = {label for label, text in spans(folder / q["doc"]) if all(k in text for k in q["keywords"])}
        if hits != {q["article"]} or any(" " in k for k in q["keywords"]):
            errors += 1
            print(f"{q['doc']} question {q['query']}: keywords {q['keywords']} hit {sorted(hits)}, want {q['article']}")
    for line in (folder / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        if polite_paraphrases and p["kind"] == "paraphrase" and "您" not in p["text"]:
            errors += 1
            print(f"{p['doc']} paraphrase without 您: {p['text']}")
    print("errors:", errors)
    return 1 if errors else 0
