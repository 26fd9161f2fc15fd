"""Check dev_blind9 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the PDF's and the docx's `第X条` (in the docx
a bold run at the start of a normal paragraph), the docx's `附件1`, and the UTF-16 text file's `2.1` / `2.1.1`
numbers (the innermost one). A chapter (第X章, 第X部分) and the text file's closing `附：` FAQ block start text that
belongs to no article; the PDF's cover and contents pages belong to none either.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, pdf_spans, text_spans  # noqa: E402

HERE = Path(__file__).parent.parent
NUMERALS = "[一二三四五六七八九十]+"
# An empty group 1 labels a chapter line '' (outside every article).
PDF_HEADING = re.compile(rf"^(第{NUMERALS}条(?=　)|(?=第{NUMERALS}章　))")
DOCX_HEADING = re.compile(rf"^(第{NUMERALS}条(?=　)|附件\d+|(?=第{NUMERALS}章))")
TXT_HEADING = re.compile(rf"^(\d+\.\d+(?:\.\d+)*(?=　)|(?=第{NUMERALS}部分)|(?=附：))")


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_HEADING.match(text)) else None


def spans(path: Path) -> list[tuple[str, str]]:
    if path.suffix == ".pdf":
        return pdf_spans(path, PDF_HEADING)
    if path.suffix == ".docx":
        return docx_spans(path, docx_article)
    return text_spans(path.read_text(encoding="utf-16"), TXT_HEADING)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
