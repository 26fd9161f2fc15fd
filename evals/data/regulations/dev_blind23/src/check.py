"""Check dev_blind23 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span (text outside every article included). Articles:

- qingquan_purifier.txt (GB18030): `第5条` lines (Arabic numbers, numbered through the whole document); a
  `第X部分` line, a ruling line of `=` or `-`, the heading block before 第1条 and the closing 附：坐席常见问答 block
  (with the signature under it) belong to no article. `（1）` and `1．` lines are items of their article, and the
  space-aligned points table belongs to the article before it.
- yifu_wallet.html: each `<h3>第五条　…</h3>` opens 第五条, which runs to the next heading; every `<h1>`/`<h2>`
  (第X章, 常见问题) opens text outside every article, as do the top bar, the side navigation, the breadcrumb
  and the footer. Table rows are read cell by cell (tab-separated), list items and `<dt>`/`<dd>` one per line.
- anju_rental.docx: `第五条　` paragraphs; a `第X章` heading, the title, the centred document number, the
  signature lines and the closing `附件　常见问题答复口径` (its 问/答 paragraphs) belong to no article.
  Tables belong to the article before them.

With a file name as argument (`check.py yifu_wallet.html`) it prints that document's article spans instead.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
TXT_ARTICLE = re.compile(r"^(第\d+条)")
TXT_OUTSIDE = re.compile(r"^(第[一二三四五六七八九十]+部分|={5,}|-{5,}|附：)")
HTML_ARTICLE = re.compile(rf"^(第[{NUM}]+条)")
DOCX_ARTICLE = re.compile(rf"^(第[{NUM}]+条)　")
DOCX_OUTSIDE = re.compile(rf"^(第[{NUM}]+章|附件|安居好房|安居运营|（2026|2026年)")


def txt_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for n, line in enumerate(path.read_bytes().decode("gb18030").splitlines()):
        line = line.strip()
        label = "" if n == 0 else None
        if m := TXT_ARTICLE.match(line):
            label = m.group(1)
        elif TXT_OUTSIDE.match(line):
            label = ""
        lines.append((label, line + "\n"))
    return group(lines)


class _Blocks(HTMLParser):
    """The page's text as (label, line) pairs: one line per block element, table rows as tab-separated cells."""

    BLOCKS = {"h1", "h2", "h3", "p", "li", "dt", "dd", "tr", "div", "footer", "nav"}
    SKIP = {"head", "style", "script", "title"}
    OUTSIDE = {"nav", "footer"}

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[tuple[str | None, str]] = []
        self.buffer, self.tag, self.skip, self.outside = "", None, 0, 0

    def flush(self) -> None:
        text = self.buffer.strip()
        self.buffer = ""
        if not text:
            return
        label = None
        if self.outside or self.tag in ("h1", "h2") or not self.lines:
            label = ""
        elif self.tag == "h3" and (m := HTML_ARTICLE.match(text)):
            label = m.group(1)
        # Leaving the navigation or the footer: the next line reopens whatever follows.
        self.lines.append((label, text + "\n"))

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCKS:
            self.flush()
            self.tag = tag
            if tag in self.OUTSIDE:
                self.outside += 1
        elif tag in ("td", "th") and self.buffer.strip():
            self.buffer += "\t"

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.flush()
            if tag in self.OUTSIDE:
                self.outside -= 1
                self.lines.append(("", ""))

    def handle_data(self, data):
        if not self.skip:
            self.buffer += re.sub(r"[ \t\r\n]+", " ", data) if data.strip() else ""


def html_spans(path: Path) -> list[tuple[str, str]]:
    parser = _Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    parser.flush()
    return group(parser.lines)


def docx_article(text: str) -> str | None:
    if m := DOCX_ARTICLE.match(text):
        return m.group(1)
    return "" if DOCX_OUTSIDE.match(text) else None


def spans(path: Path) -> list[tuple[str, str]]:
    return {".txt": txt_spans, ".html": html_spans,
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


def han(path: Path) -> int:
    return sum(len(re.findall(r"[\u4e00-\u9fff]", text)) for _, text in spans(path))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for label, text in spans(HERE / sys.argv[1]):
            print(f"[{label or '—'}] {text.rstrip()}\n")
        sys.exit(0)
    for name in ("qingquan_purifier.txt", "yifu_wallet.html", "anju_rental.docx"):
        print(f"{name}: {han(HERE / name)} 汉字")
    sys.exit(check(HERE, spans, polite_paraphrases=True))
