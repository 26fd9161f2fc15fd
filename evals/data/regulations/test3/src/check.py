"""Check test3 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the airline docx's numbered paragraphs and
section headings (`4.1　电话接听`, `4.1.1　…`, `3.2　…`; a one-number chapter heading such as `4　服务时限` opens
text that belongs to no article); the hospital Markdown's bold `**第X条**` paragraphs (a `## ` heading — 第X章 or
the closing FAQ — opens text outside every article); the heating company's GB18030 text, where `三、` opens a
chapter, `（二）` an article of it (`三、（二）`), and `附：` the FAQ outside every article.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group  # noqa: E402

HERE = Path(__file__).parent.parent
DOCX_ARTICLE = re.compile(r"^(\d+(?:\.\d+)+)　")
DOCX_CHAPTER = re.compile(r"^\d+　")
MD_ARTICLE = re.compile(r"^\*\*(第[一二三四五六七八九十]+条)\*\*")
TXT_CHAPTER = re.compile(r"^([一二三四五六七八九十]+、)")
TXT_ARTICLE = re.compile(r"^(（[一二三四五六七八九十]+）)")


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def md_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        label = m.group(1) if (m := MD_ARTICLE.match(line)) else ("" if line.startswith("#") else None)
        lines.append((label, line + "\n"))
    return group(lines)


def txt_spans(path: Path) -> list[tuple[str, str]]:
    lines, chapter = [], ""
    for line in path.read_bytes().decode("gb18030").splitlines():
        line, label = line.strip(), None
        if m := TXT_CHAPTER.match(line):
            chapter = label = m.group(1)
        elif m := TXT_ARTICLE.match(line):
            label = chapter + m.group(1)
        elif line.startswith("附："):
            chapter = label = ""
        lines.append((label, line + "\n"))
    return group(lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".txt": txt_spans, ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
