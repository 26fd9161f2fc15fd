"""Check test7 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the GB18030 text's `第X条　` lines (a `第X章`
line, or the closing 修订说明 with the 抄送/联系人/印发 lines after it, opens text outside every article; the notice
and title before 第一章 belong to no article), the Markdown's `### 2.1` headings (`## 1. 总则`, `## 常见问题（FAQ）`,
`## 修订记录` and the front blockquote belong to no article; answer_check.md_spans), and the docx's `4.2 ` numbered
paragraphs (a chapter heading such as `4. 服务时限` and the cover lines belong to no article; a table belongs to the
clause before it). With a file name as argument, print that document's spans instead.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, md_spans  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
TXT_ARTICLE = re.compile(rf"^(第[{NUM}]+条)(?=　)")
TXT_OUTSIDE = re.compile(rf"^(第[{NUM}]+章|修订说明)")
DOCX_ARTICLE = re.compile(r"^(\d+\.\d+) ")
DOCX_CHAPTER = re.compile(r"^\d+\. ")


def txt_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for line in path.read_bytes().decode("gb18030").splitlines():
        line = line.strip()
        label = None
        if m := TXT_ARTICLE.match(line):
            label = m.group(1)
        elif TXT_OUTSIDE.match(line):
            label = ""
        lines.append((label, line + "\n"))
    return group(lines)


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".txt": txt_spans, ".md": md_spans,
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for article, text in spans(HERE / sys.argv[1]):
            print(f"[{article}]", text.replace("\n", " ⏎ ")[:160])
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
