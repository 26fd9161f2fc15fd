"""Check dev_blind15 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the PDF standard's `5.1.2` / `6.3` clause
numbers at the start of a line, the Markdown code's `### 第X条` headings, the Word handbook's `3.2　` section
headings (Heading 2). A chapter (the PDF's `5 服务用语` and 前言, a Markdown `##` heading, the handbook's `3　服务时限`)
starts text that belongs to no article, so the PDF foreword and the Markdown closing FAQ are outside every article.
The Markdown `####` scene headings and the handbook's numbered list items (Word numbering, no number in the text)
belong to the article around them.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
# Group 1 is the clause number, or empty for a chapter line ("6 办理时限") and the foreword.
PDF_CLAUSE = re.compile(r"^(\d+(?:\.\d+)+(?=\s)|(?=\d+\s)|(?=前言$))")
MD_ARTICLE = re.compile(r"^### (第[一二三四五六七八九十]+条)")
DOCX_SECTION = re.compile(r"^(?:(\d+\.\d+)|()\d+)　")


def md_article(line: str) -> str | None:
    if m := MD_ARTICLE.match(line):
        return m.group(1)
    return "" if re.match(r"#{1,2} ", line) else None


def docx_article(text: str) -> str | None:
    return m.group(1) or m.group(2) if (m := DOCX_SECTION.match(text)) else None


def spans(path: Path) -> list[tuple[str, str]]:
    if path.suffix == ".pdf":
        return pdf_spans(path, PDF_CLAUSE)
    if path.suffix == ".md":
        return group((md_article(line.strip()), line.strip() + "\n")
                     for line in path.read_text(encoding="utf-8").splitlines())
    return docx_spans(path, docx_article)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
