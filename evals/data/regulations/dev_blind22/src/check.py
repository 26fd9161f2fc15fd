"""Check dev_blind22 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the docx's `第X条　` paragraphs (a 第X章
heading, the title and notice before 第一条, and the closing signature and date belong to no article); the PDF's
`1.1　` and `2.3.1　` lines (a one-number chapter line such as `2.　服务时限`, the 文件编号 line and the closing
附：常见问题 belong to no article); the Markdown's `### 2.1` sections (a `## ` heading, including 修订记录 and
常见问题, opens text outside every article). With a file name argument, print that document's spans.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
DOCX_ARTICLE = re.compile(rf"^(第[{NUM}]+条)　")
DOCX_OUTSIDE = re.compile(rf"^(第[{NUM}]+章|安葆财产保险股份有限公司|\d{{4}}年\d+月\d+日$)")
# A lookahead-only alternative labels a chapter line '' (outside every article).
PDF_HEADING = re.compile(r"^(\d+\.\d+(?:\.\d+)?(?=　)|(?=\d+\.　|文件编号：|附：常见问题))")
MD_ARTICLE = re.compile(r"^###\s+(\d+\.\d+)\s")


def docx_article(text: str) -> str | None:
    if m := DOCX_ARTICLE.match(text):
        return m.group(1)
    return "" if DOCX_OUTSIDE.match(text) else None


def md_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        label = None
        if m := MD_ARTICLE.match(line):
            label = m.group(1)
        elif line.startswith("#"):
            label = ""
        lines.append((label, line + "\n"))
    return group(lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda path: pdf_spans(path, PDF_HEADING), ".md": md_spans,
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for label, text in spans(HERE / sys.argv[1]):
            print(f"[{label}]", text.replace("\n", "⏎")[:4000])
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
