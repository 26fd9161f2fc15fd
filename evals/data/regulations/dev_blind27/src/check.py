"""Check dev_blind27 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span; every `paraphrase` must address the caller as 您.
Articles: the HTML page's `<h3>2.3 …` sections (an `<h2>` chapter or `<h2>常见问题` opens text outside every
article; the top bar, breadcrumb, title and meta line come before any article; `<nav>` and `<footer>` are dropped);
the Word-exported text's `第X条　` paragraphs (soft line breaks of the export are joined back; a `第X章` line and the
closing issuer line belong to no article; the tab-separated table belongs to 第十四条); the docx's `2.2.1　`
numbered paragraphs (a one-number chapter heading such as `4　考核与激励`, 修订说明 and 附录A belong to no article).
With a file name as argument, prints that document's article spans and its 汉字 count instead.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
HTML_ARTICLE = re.compile(r"^(\d+\.\d+)\s")
TXT_ARTICLE = re.compile(rf"^(第[{NUM}]+条)(?=　)")
TXT_CHAPTER = re.compile(rf"^第[{NUM}]+章")
TXT_ITEM = re.compile(rf"^（[{NUM}]+）")
DOCX_ARTICLE = re.compile(r"^(\d+(?:\.\d+)+)　")
DOCX_CHAPTER = re.compile(r"^(\d+　|修订说明|附录)")


class _Page(HTMLParser):
    SKIP = {"nav", "footer", "head", "script", "style"}
    BLOCK = {"p", "li", "h1", "h2", "h3", "tr", "div", "summary", "details", "ul", "table"}

    def __init__(self) -> None:
        super().__init__()
        self.skip, self.lines, self.buf, self.tag, self.cells = 0, [], "", None, None

    def _flush(self) -> None:
        text = self.buf.strip()
        if self.cells is not None:
            return
        if text:
            label = None
            if self.tag == "h2":
                label = ""
            elif self.tag == "h3" and (m := HTML_ARTICLE.match(text)):
                label = m.group(1)
            self.lines.append((label, text + "\n"))
        self.buf, self.tag = "", None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif self.skip:
            return
        elif tag == "tr":
            self._flush()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.buf = ""
        elif tag in self.BLOCK:
            self._flush()
            self.tag = tag

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip -= 1
        elif self.skip:
            return
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append(self.buf.strip())
            self.buf = ""
        elif tag == "tr" and self.cells is not None:
            self.lines.append((None, "\t".join(self.cells) + "\n"))
            self.cells, self.buf = None, ""
        elif tag in self.BLOCK:
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf += re.sub(r"\s+", " ", data) if self.cells is None else data.strip()


def html_spans(path: Path) -> list[tuple[str, str]]:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page._flush()
    return group(page.lines)


def txt_spans(path: Path) -> list[tuple[str, str]]:
    raw = path.read_bytes().decode("utf-8-sig").split("\r\n")
    issuer = raw[0].strip()
    lines: list[tuple[str | None, str]] = []
    prev = ""
    for line in raw:
        label = None
        if m := TXT_ARTICLE.match(line):
            label = m.group(1)
        elif TXT_CHAPTER.match(line) or line == issuer:
            label = ""
        hard = (label is not None or not line or not prev or "\t" in line or "\t" in prev
                or TXT_ITEM.match(line) or prev == issuer)
        if hard or not lines:
            lines.append((label, line + "\n"))
        else:  # a soft break of the export: join the wrapped line back
            lines[-1] = (lines[-1][0], lines[-1][1][:-1] + line + "\n")
        prev = line
    return group(lines)


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".html": html_spans, ".txt": txt_spans,
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        found = spans(HERE / sys.argv[1])
        for label, text in found:
            print(f"=== [{label}]\n{text}")
        print("汉字:", sum(len(re.findall(r"[\u4e00-\u9fff]", text)) for _, text in found))
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
