"""Check dev_blind3 answers and questions against the documents' extracted text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. PDF lines are joined without line breaks and the
running header/footer lines are dropped, because a wrapped line is not a break in the sentence.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, html_spans, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
PDF_HEADING = re.compile(r"^(第[一二三四五六七八九十]+条|附件\d)　")
DOCX_HEADING = re.compile(r"^(\d+(?:\.\d+)+)　")  # 4.2 and 4.1.1 are both articles


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_HEADING.match(text)) else None

def spans(path: Path) -> list[tuple[str, str]]:
    readers = {".pdf": lambda p: pdf_spans(p, PDF_HEADING), ".docx": lambda p: docx_spans(p, docx_article),
               ".html": html_spans}
    return readers[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans))
