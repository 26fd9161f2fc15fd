"""Check dev_blind26 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the PDF's `第X条　` lines (a 第X章 line or the
closing 附：常见问题解答 opens text outside every article); the Markdown's `### 2.1` headings (a `#`/`##` heading, such
as `## 五、常见问题` or `## 更新记录`, opens text outside every article, and so does the opening blockquote); the docx's
`（一）` paragraphs labelled with their chapter (`二、（三）`; a `一、` chapter heading, and the title, document number
and 编制说明 before the first chapter, belong to no article).
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
MD_ARTICLE = re.compile(r"^###\s+(\d+\.\d+)\s")
MD_OTHER_HEADING = re.compile(r"^#{1,2}\s")
DOCX_CHAPTER = re.compile(rf"^([{NUM}]+、)")
DOCX_ITEM = re.compile(rf"^(（[{NUM}]+）)")


def md_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        label = None
        if m := MD_ARTICLE.match(line):
            label = m.group(1)
        elif i == 0 or MD_OTHER_HEADING.match(line):
            label = ""
        lines.append((label, line.strip() + "\n"))
    return group(lines)


def docx_article_labeller():
    chapter = ""

    def article(text: str) -> str | None:
        nonlocal chapter
        text = text.strip()
        if m := DOCX_CHAPTER.match(text):
            chapter = m.group(1)
            return ""
        if chapter and (m := DOCX_ITEM.match(text)):
            return chapter + m.group(1)
        return None

    return article


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda path: pdf_spans(path, PDF_HEADING), ".md": md_spans,
            ".docx": lambda path: docx_spans(path, docx_article_labeller())}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for label, text in spans(HERE / sys.argv[1]):
            print(f"[{label}] {text[:60]!r}")
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
