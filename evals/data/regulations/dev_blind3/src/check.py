"""Check dev_blind3 answers and questions against the documents' extracted text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. PDF lines are joined without line breaks and the
running header/footer lines are dropped, because a wrapped line is not a break in the sentence.
"""

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
from pypdf import PdfReader

HERE = Path(__file__).parent.parent
PDF_HEADING = re.compile(r"^(第[一二三四五六七八九十]+条|附件\d)　")
DOCX_HEADING = re.compile(r"^(\d+(?:\.\d+)+)　")  # 4.2 and 4.1.1 are both articles


def _spans(lines: list[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """Group (label-or-None, line) pairs into (article, text) spans; text before the first article is ''."""
    spans, label, buf = [], "", []
    for new, line in lines:
        if new is not None:
            spans.append((label, "".join(buf)))
            label, buf = new, []
        buf.append(line)
    spans.append((label, "".join(buf)))
    return spans


def pdf_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for page in PdfReader(path).pages:
        for line in page.extract_text().splitlines()[2:]:  # header and footer come first
            m = PDF_HEADING.match(line.strip())
            lines.append((m.group(1) if m else None, line.strip()))
    return _spans(lines)


def docx_spans(path: Path) -> list[tuple[str, str]]:
    d = docx.Document(path)
    lines = []
    for block in d.element.body.iterchildren():
        tag = block.tag.split("}")[1]
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            m = DOCX_HEADING.match(text)
            lines.append((m.group(1) if m else None, text + "\n"))
        elif tag == "tbl":
            table = docx.table.Table(block, d)
            for row in table.rows:
                lines.append((None, "\n".join(c.text for c in row.cells) + "\n"))
    return _spans(lines)


class _Html(HTMLParser):
    BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "div", "tr", "nav", "footer", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.lines, self.buf, self.tag, self.chapter, self.skip = [], "", None, "", False

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "nav", "footer", "title"):
            self.skip = True
        if tag in self.BLOCKS:
            self._flush()
            self.tag = tag

    def handle_endtag(self, tag):
        if tag in ("style", "nav", "footer", "title"):
            self._flush()
            self.skip = False
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf += data

    def _flush(self):
        text, label = self.buf.strip(), None
        self.buf = ""
        if not text:
            return
        if self.tag == "h2" and (m := re.match(r"^([一二三四五六七八九十]+、)", text)):
            self.chapter, label = m.group(1), m.group(1)
        elif self.tag == "h3" and (m := re.match(r"^(（[一二三四五六七八九十]+）)", text)):
            label = self.chapter + m.group(1)
        self.lines.append((label, text + "\n"))


def html_spans(path: Path) -> list[tuple[str, str]]:
    parser = _Html()
    parser.feed(path.read_text(encoding="utf-8"))
    return _spans(parser.lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": pdf_spans, ".docx": docx_spans, ".html": html_spans}[path.suffix](path)


def main() -> int:
    answers = json.loads((HERE / "answers.json").read_text(encoding="utf-8"))
    errors = 0
    for name, kinds in answers.items():
        doc = spans(HERE / name)
        by_label = {}
        for label, text in doc:
            by_label[label] = by_label.get(label, "") + text
        for kind, entries in kinds.items():
            for e in entries:
                span = by_label.get(e["article"])
                for field in ("text", "suggestion"):
                    if e.get(field) and (span is None or e[field] not in span):
                        errors += 1
                        print(f"{name} {kind} {e['article']}: {field} not found: {e[field]}")
    for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        doc = spans(HERE / q["doc"])
        hits = {label for label, text in doc if all(k in text for k in q["keywords"])}
        if hits != {q["article"]} or any(" " in k for k in q["keywords"]):
            errors += 1
            print(f"{q['doc']} question {q['query']}: keywords {q['keywords']} hit {sorted(hits)}, want {q['article']}")
    print("errors:", errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
