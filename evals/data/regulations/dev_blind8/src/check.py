"""Check dev_blind8 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: in the docx and the HTML page, headings
numbered with at least one dot (`2.1`, `2.1.1`, `3.3.2`), the innermost one counting; in the Markdown handbook,
paragraphs opening with a bold `**第X条**`. A one-number or unnumbered chapter heading (docx `4 质量考核`,
`附录A 术语`; HTML `<h1>`/`<h2>` such as `5 质检与积分` or the comment thread's `3 条评论`; Markdown setext
headings underlined with === or ---) starts text that belongs to no article, so the docx glossary, the HTML
comment thread and the Markdown FAQ are outside every article. Unnumbered `<h3>`/`<h4>` (HTML `提示`) and ATX
headings inside an article (Markdown `#### 禁止`) continue the article.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, html_spans  # noqa: E402

HERE = Path(__file__).parent.parent
NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\s")
DOCX_CHAPTER = re.compile(r"^(\d+|附录[A-Z])\s")
MD_ARTICLE = re.compile(r"^\*\*(第[一二三四五六七八九十]+条)\*\*")
SETEXT = re.compile(r"^(=+|-+)$")


def md_spans(path: Path) -> list[tuple[str, str]]:
    raw = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = []
    for i, line in enumerate(raw):
        label = None
        if m := MD_ARTICLE.match(line):
            label = m.group(1)
        elif line and i + 1 < len(raw) and SETEXT.match(raw[i + 1]):
            label = ""
        lines.append((label, line + "\n"))
    return group(lines)


def numbered_headings(lines):
    """A heading numbered with a dot opens its article; an unnumbered `<h1>`/`<h2>` opens text outside any article."""
    labelled = []
    for tag, text in lines:
        label = None
        if tag in ("h1", "h2", "h3", "h4"):
            m = NUMBERED.match(text + " ")
            label = m.group(1) if m else ("" if tag in ("h1", "h2") else None)
        labelled.append((label, text))
    return labelled


def docx_article(text: str) -> str | None:
    if m := NUMBERED.match(text):
        return m.group(1)
    return "" if DOCX_CHAPTER.match(text) else None


def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".html": lambda path: html_spans(path, numbered_headings), ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
