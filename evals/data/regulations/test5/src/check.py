"""Check test5 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the docx's `第X条　` paragraphs (第X章 opens
text that belongs to no article), the wiki page's `### 2.1` headings (an unnumbered heading such as `### 常见问题`
or `### 修订记录`, or a one-number `## 4` chapter, opens text outside every article), and the GB18030 text's
`（一）` lines, labelled with their chapter (`二、（一）`; a chapter line `二、…` opens text outside every article).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, md_spans  # noqa: E402

HERE = Path(__file__).parent.parent
DOCX_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)　")
DOCX_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")
TXT_CHAPTER = re.compile(r"^([一二三四五六七八九十]+、)")
TXT_ARTICLE = re.compile(r"^(（[一二三四五六七八九十]+）)")


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def txt_spans(path: Path):
    lines, chapter = [], ""
    for line in path.read_bytes().decode("gb18030").splitlines():
        line = line.strip()
        label = None
        if m := TXT_CHAPTER.match(line):
            chapter, label = m.group(1), ""
        elif m := TXT_ARTICLE.match(line):
            label = chapter + m.group(1)
        lines.append((label, line + "\n"))
    return group(lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".txt": txt_spans, ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
