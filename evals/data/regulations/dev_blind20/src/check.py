"""Check dev_blind20 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the PDF's `第X条　` lines (a 第X章 line or the
closing 附：常见问题解答 opens text outside every article); the UTF-16 text's `（一）` items labelled with their
part (`二、（三）`; the file head, a `一、` part line and the 附：常见问题 block belong to no article); the HTML page's
`<h3>2.3 …</h3>` sections (an `<h2>` chapter or 常见问题 heading, and the top bar, navigation, breadcrumb, sidebar and
footer, belong to no article). `check.py kuaiche_ride.txt` prints a document's spans; `check.py --count` prints the
汉字 count of each document's extracted text.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, group, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
DOCS = ("haoting_hotel.pdf", "kuaiche_ride.txt", "yunyou_travel.html")
NUM = "一二三四五六七八九十"
# A lookahead-only alternative labels a chapter line '' (outside every article).
PDF_HEADING = re.compile(rf"^(第[{NUM}]+条(?=　)|(?=第[{NUM}]+章|附：常见问题))")
TXT_PART = re.compile(rf"^([{NUM}]+、)")
TXT_ITEM = re.compile(rf"^(（[{NUM}]+）)")
HTML_SECTION = re.compile(r"^(\d+\.\d+)\s")
HTML_BLOCKS = {"p", "li", "tr", "h1", "h2", "h3", "h4", "dt", "dd", "div", "header", "nav", "aside", "footer",
               "main", "article", "ul", "ol", "dl", "table", "thead", "tbody"}
HTML_OUTSIDE = {"header", "nav", "aside", "footer"}


def txt_spans(path: Path) -> list[tuple[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xff\xfe"), "kuaiche_ride.txt must start with a UTF-16LE BOM"
    lines, part = [], ""
    for line in raw[2:].decode("utf-16-le").split("\r\n"):
        line = line.strip()
        label = None
        if m := TXT_PART.match(line):
            part, label = m.group(1), ""
        elif line.startswith("附："):
            part, label = "", ""
        elif part and (m := TXT_ITEM.match(line)):
            label = part + m.group(1)
        lines.append((label, line + "\n"))
    return group(lines)


class _Page(HTMLParser):
    """Visible text of the page, one line per block element, each line labelled as in txt_spans."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str | None, str]] = []
        self.buf, self.skip, self.heading, self.start = "", 0, None, None

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", self.buf).strip()
        self.buf = ""
        if self.heading == "h2":
            self.start = ""
        elif self.heading == "h3" and (m := HTML_SECTION.match(text)):
            self.start = m.group(1)
        if text or self.start is not None:
            self.lines.append((self.start, text + "\n"))
            self.start = None
        self.heading = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("style", "script", "title"):
            self.skip += 1
        elif tag in ("td", "th"):
            self.buf += "\t" if self.buf.strip() else ""
        elif tag in HTML_BLOCKS:
            self.flush()
            if tag in HTML_OUTSIDE:
                self.start = ""
            if tag in ("h2", "h3"):
                self.heading = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self.skip -= 1
        elif tag in HTML_BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buf += data


def html_spans(path: Path) -> list[tuple[str, str]]:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    page.flush()
    return group([("", "")] + page.lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda path: pdf_spans(path, PDF_HEADING), ".txt": txt_spans, ".html": html_spans}[path.suffix](path)


def hanzi(path: Path) -> int:
    return sum(len(re.findall(r"[\u4e00-\u9fff]", text)) for _, text in spans(path))


if __name__ == "__main__":
    if sys.argv[1:] == ["--count"]:
        for name in DOCS:
            print(name, hanzi(HERE / name))
    elif sys.argv[1:]:
        for label, text in spans(HERE / sys.argv[1]):
            print(f"[{label}]", text.rstrip("\n").replace("\n", "\n    "))
    else:
        sys.exit(check(HERE, spans, polite_paraphrases=True))
