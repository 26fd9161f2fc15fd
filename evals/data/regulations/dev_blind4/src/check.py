"""Check dev_blind4 answers and questions against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Markdown articles are `## 3.2 …` headings, the GBK
text's are `第X条` lines, the docx's are `4.2　` paragraphs; a chapter heading joins the span before it.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, text_spans  # noqa: E402

HERE = Path(__file__).parent.parent
MD_HEADING = re.compile(r"^#+\s+(\d+\.\d+)\s")
TXT_HEADING = re.compile(r"^(第[一二三四五六七八九十]+条)　")
DOCX_HEADING = re.compile(r"^(\d+(?:\.\d+)+)　")


def md_spans(path: Path) -> list[tuple[str, str]]:
    return text_spans(path.read_text(encoding="utf-8"), MD_HEADING)


def txt_spans(path: Path) -> list[tuple[str, str]]:
    return text_spans(path.read_bytes().decode("gbk"), TXT_HEADING)


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_HEADING.match(text)) else None

def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".txt": txt_spans, ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
