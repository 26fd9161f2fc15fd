"""Check dev_blind24 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the PDF's `第X条　` lines (the closing
`附：常见问题解答` opens text outside every article, the 印发 line included); the Markdown's `### 2.2` headings
(a `## ` chapter heading, the opening blockquote and `## 附录 A` open text outside every article); the docx's
`2.1　` / `2.1.1　` numbered paragraphs (a one-number chapter heading such as `5　质量考核` opens text outside
every article; the title and the document-number lines before the first clause belong to none).
With a file name as argument (`check.py dianlu_charging.md`) it prints that document's article spans instead.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
# A lookahead-only alternative labels the FAQ line '' (outside every article).
PDF_HEADING = re.compile(rf"^(第[{NUM}]+条(?=　)|(?=附：常见问题))")
MD_SECTION = re.compile(r"^### (\d+\.\d+) ")
MD_CHAPTER = re.compile(r"^## ")
DOCX_ARTICLE = re.compile(r"^(\d+(?:\.\d+)+)　")
DOCX_CHAPTER = re.compile(r"^\d+　")


def md_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        label = None
        if m := MD_SECTION.match(line):
            label = m.group(1)
        elif MD_CHAPTER.match(line):
            label = ""
        lines.append((label, line + "\n"))
    return group(lines)


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda path: pdf_spans(path, PDF_HEADING), ".md": md_spans,
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for article, text in spans(HERE / sys.argv[1]):
            print(f"[{article}]\n{text}")
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
