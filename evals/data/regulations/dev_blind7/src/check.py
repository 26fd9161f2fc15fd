"""Check dev_blind7 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the Markdown handbook's `## 第X条` headings
(a `# 第X章` heading opens text outside every article); the GB18030 text's `（一）` items, named with their section
as `二、（一）` (a `一、` section line opens text outside every article, like a chapter); the Word file's table rows
whose first cell is `第X条` (paragraphs such as `第X章`, the `附件` heading open text outside every article; captions
`表1 …` and the tables after them belong to the article row before them).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import Spans, check, docx_spans, group  # noqa: E402

HERE = Path(__file__).parent.parent
MD_HEADING = re.compile(r"^#{1,6}\s+(第[一二三四五六七八九十]+[章条])")
SECTION = re.compile(r"^([一二三四五六七八九十]+、)")
ITEM = re.compile(r"^(（[一二三四五六七八九十]+）)")
ARTICLE = re.compile(r"^第[一二三四五六七八九十]+条$")
OUTSIDE = re.compile(r"^(第[一二三四五六七八九十]+章|附件)")


def md_spans(path: Path) -> Spans:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = MD_HEADING.match(line.strip())
        label = None if not m else (m.group(1) if m.group(1).endswith("条") else "")
        lines.append((label, line.strip() + "\n"))
    return group(lines)


def txt_spans(path: Path) -> Spans:
    lines, section = [], ""
    for line in path.read_text(encoding="gb18030").splitlines():
        line, label = line.strip(), None
        if m := SECTION.match(line):
            section, label = m.group(1), ""
        elif m := ITEM.match(line):
            label = section + m.group(1)
        lines.append((label, line + "\n"))
    return group(lines)


def docx_outside(text: str) -> str | None:
    """A title, chapter or annex paragraph opens text outside any article."""
    return "" if OUTSIDE.match(text) else None


def docx_article_row(cells: list[str]) -> str | None:
    """A table row whose first cell is 第X条 is that article."""
    return cells[0] if ARTICLE.match(cells[0]) else None


def spans(path: Path) -> Spans:
    return {".md": md_spans, ".txt": txt_spans,
            ".docx": lambda path: docx_spans(path, docx_outside, docx_article_row)}[path.suffix](path)


if __name__ == "__main__":
    if "--spans" in sys.argv:  # print each document's article spans, for labelling
        for name in sys.argv[2:]:
            for label, text in spans(HERE / name):
                print(f"=== [{label}]\n{text}")
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
