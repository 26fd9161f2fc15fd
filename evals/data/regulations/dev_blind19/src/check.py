"""Check dev_blind19 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the PDF's `第X条　` lines (a 第X章 line or the
closing 附：常见问题解答 opens text outside every article), the GB18030 text's `（一）` items labelled with their
chapter (`二、（三）`; a `一、` chapter line or the 附：常见问题 block belongs to no article), and the docx's `3.4.1　`
numbered paragraphs (a one-number chapter heading such as `5　质量考核`, or 前言, belongs to no article).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
# A lookahead-only alternative labels a chapter line '' (outside every article).
PDF_HEADING = re.compile(rf"^(第[{NUM}]+条(?=　)|(?=第[{NUM}]+章|附：常见问题))")
TXT_CHAPTER = re.compile(rf"^([{NUM}]+、)")
TXT_ITEM = re.compile(rf"^(（[{NUM}]+）)")
DOCX_ARTICLE = re.compile(r"^(\d+(?:\.\d+)+)　")
DOCX_CHAPTER = re.compile(r"^(\d+　|前言)")


def txt_spans(path: Path) -> list[tuple[str, str]]:
    lines, chapter = [], ""
    for line in path.read_bytes().decode("gb18030").splitlines():
        line = line.strip()
        label = None
        if m := TXT_CHAPTER.match(line):
            chapter, label = m.group(1), ""
        elif line.startswith("附："):
            chapter, label = "", ""
        elif chapter and (m := TXT_ITEM.match(line)):
            label = chapter + m.group(1)
        lines.append((label, line + "\n"))
    return group(lines)


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda path: pdf_spans(path, PDF_HEADING), ".txt": txt_spans,
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
