"""Check dev_blind25 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the GBK text's `2.3 ` lines (a `第X部分`
line, the header before it, or the closing 附：常见问题 block belongs to no article); the HTML's `<h3>2.3 …</h3>`
sections (the top bar, `<h1>` and meta line, and any unnumbered `<h2>` such as 常见问题 belong to no article; a
numbered `<h2>5 附则</h2>` without `<h3>` sections belongs to none either; nav, footer, head, script are dropped);
the docx's `第X条　` paragraphs (a `第X章` heading opens text outside every article).
Run with a file name to print that document's article spans.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
TXT_CHAPTER = re.compile(rf"^第[{NUM}]+部分")
TXT_ARTICLE = re.compile(r"^(\d+\.\d+) ")
HTML_ARTICLE = re.compile(r"^(\d+\.\d+) ")
DOCX_ARTICLE = re.compile(rf"^(第[{NUM}]+条)　")
DOCX_CHAPTER = re.compile(rf"^第[{NUM}]+章")
BLOCKS = {"p", "li", "h1", "h2", "h3", "tr", "dt", "dd", "div", "table", "ul", "dl", "thead", "tbody"}
DROPPED = {"nav", "footer", "head", "script", "style"}


def txt_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for line in path.read_bytes().decode("gbk").splitlines():
        line = line.strip()
        label = None
        if TXT_CHAPTER.match(line) or line.startswith("附："):
            label = ""
        elif m := TXT_ARTICLE.match(line):
            label = m.group(1)
        lines.append((label, line + "\n"))
    return group(lines)


class _Blocks(HTMLParser):
    """Collect (tag, text) for each block of visible text, table cells of a row joined by a space."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.tag, self.text, self.dropped = "", "", 0

    def flush(self) -> None:
        if self.text.strip():
            self.blocks.append((self.tag, " ".join(self.text.split())))
        self.text = ""

    def handle_starttag(self, tag, attrs) -> None:
        if tag in DROPPED:
            self.dropped += 1
        elif tag in BLOCKS:
            self.flush()
            self.tag = tag
        elif tag in ("td", "th"):
            self.text += " "

    def handle_endtag(self, tag) -> None:
        if tag in DROPPED:
            self.dropped -= 1
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data) -> None:
        if not self.dropped:
            self.text += data


def html_spans(path: Path) -> list[tuple[str, str]]:
    parser = _Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.flush()
    lines = []
    for tag, text in parser.blocks:
        label = None
        if tag == "h2" or tag == "h1":
            label = ""
        elif tag == "h3":
            label = m.group(1) if (m := HTML_ARTICLE.match(text)) else ""
        lines.append((label, text + "\n"))
    return group(lines)


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".txt": txt_spans, ".html": html_spans,
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for label, text in spans(HERE / sys.argv[1]):
            print(f"[{label}]\n{text}")
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
