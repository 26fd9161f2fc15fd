"""Check dev_blind21 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles:
- docx: the `4.1`/`4.1.1　` numbered paragraphs (two-level section titles are Heading 2, three-level clauses body
  text); a one-number chapter heading such as `5　业务办理时限`, or 前言, belongs to no article.
- GBK text: the `第X条　` lines; a `第X章` line, the heading lines before the first chapter and the closing
  `附：常见问题` block belong to no article.
- Markdown: the innermost numbered heading (`### 3.2 禁用语` -> `3.2`); a chapter heading `## 3. 服务用语`,
  the document-info blockquote before the first chapter and everything from `## 附录` on belong to no article.
Run with a file name (`check.py mengyou_game.md`) to print that document's article spans.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
TXT_ARTICLE = re.compile(rf"^(第[{NUM}]+条)(?=　)")
TXT_OUTSIDE = re.compile(rf"^(第[{NUM}]+章|附：)")
DOCX_ARTICLE = re.compile(r"^(\d+(?:\.\d+)+)　")
DOCX_CHAPTER = re.compile(r"^(\d+　|前言)")
MD_SECTION = re.compile(r"^#{2,4} (\d+(?:\.\d+)+) ")
MD_HEADING = re.compile(r"^#{1,4} ")


def txt_spans(path: Path) -> list[tuple[str, str]]:
    lines, started = [], False
    for line in path.read_bytes().decode("gbk").splitlines():
        line = line.strip()
        label = None
        if m := TXT_ARTICLE.match(line):
            label, started = m.group(1), True
        elif TXT_OUTSIDE.match(line) or not started:
            label = ""
        lines.append((label, line + "\n"))
    return group(lines)


def md_spans(path: Path) -> list[tuple[str, str]]:
    lines, appendix = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        label = None
        if line.startswith("## 附录"):
            appendix, label = True, ""
        elif not appendix and (m := MD_SECTION.match(line)):
            label = m.group(1)
        elif MD_HEADING.match(line):
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
        for label, text in spans(HERE / sys.argv[1]):
            print(f"[{label}] {text.strip()[:70]!r}")
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
