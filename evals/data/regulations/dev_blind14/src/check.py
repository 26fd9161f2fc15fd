"""Check dev_blind14 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the docx's `3.2.1　` clause paragraphs (its
chapter and section headings and the unnumbered 修订记录 heading open text that belongs to no article), the
UTF-16 text's `第X条　` lines (第X章 lines belong to no article), and the HTML page's `<h3>（一）` headings under an
`<h2>一、` chapter, labelled `一、（一）` (every `<h2>` opens text outside the articles, so the FAQ and the
related-rules list are outside them).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, html_spans  # noqa: E402

HERE = Path(__file__).parent.parent
CLAUSE = re.compile(r"^(\d+\.\d+\.\d+)　")
HEADING = re.compile(r"^(\d+(?:\.\d+)?　|修订记录$)")
TXT_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)　")
TXT_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")
H2 = re.compile(r"^([一二三四五六七八九十]+、)")
H3 = re.compile(r"^(（[一二三四五六七八九十]+）)")


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := CLAUSE.match(text)) else ("" if HEADING.match(text) else None)


def txt_spans(path: Path) -> list[tuple[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xff\xfe") and b"\r\x00\n\x00" in raw, "want UTF-16 LE with BOM and CRLF"
    lines = []
    for line in raw.decode("utf-16").splitlines():
        line = line.strip()
        m = TXT_ARTICLE.match(line)
        lines.append((m.group(1) if m else "" if TXT_CHAPTER.match(line) else None, line + "\n"))
    return group(lines)


def chapter_sections(lines):
    """`<h3>（二）` under `<h2>三、` is article 三、（二）; every `<h2>` itself opens text outside the articles."""
    labelled, chapter = [], ""
    for tag, text in lines:
        label = None
        if tag == "h2":
            chapter, label = (m.group(1) if (m := H2.match(text)) else ""), ""
        elif tag == "h3" and (m := H3.match(text)):
            label = chapter + m.group(1)
        labelled.append((label, text))
    return labelled


def spans(path: Path) -> list[tuple[str, str]]:
    return {".txt": txt_spans, ".html": lambda path: html_spans(path, chapter_sections),
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
