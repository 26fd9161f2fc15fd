"""Check dev_blind16 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the Markdown standard's `### 3.2` headings,
the HTML page's 第X条 cells (the first cell of a row in the 条款 | 内容 tables), and the GBK text's `（一）` lines,
written with their chapter (`二、（三）`). A chapter heading (`## 三、…`, `<h2>`, the text's `一、` line) starts text
that belongs to no article, so the HTML FAQ block lies outside every article; a table that follows an article's
table (the HTML 考核 table) belongs to the last article before it.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, group, html_spans, md_spans  # noqa: E402

HERE = Path(__file__).parent.parent
HTML_ARTICLE = re.compile(r"^第[一二三四五六七八九十]+条$")
TXT_CHAPTER = re.compile(r"^([一二三四五六七八九十]+、)")
TXT_ARTICLE = re.compile(r"^(（[一二三四五六七八九十]+）)")


def article_cells(lines):
    """A `第X条` cell opens its article; an `<h2>` chapter opens text that belongs to no article."""
    return [(text if tag == "td" and HTML_ARTICLE.match(text) else "" if tag == "h2" else None, text)
            for tag, text in lines]


def txt_spans(path: Path) -> list[tuple[str, str]]:
    lines, chapter = [], ""
    for line in path.read_bytes().decode("gbk").splitlines():
        line, label = line.strip(), None
        if m := TXT_CHAPTER.match(line):
            chapter = label = m.group(1)
        elif m := TXT_ARTICLE.match(line):
            label = chapter + m.group(1)
        lines.append((label, line + "\n"))
    return group(lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".html": lambda path: html_spans(path, article_cells), ".txt": txt_spans}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
