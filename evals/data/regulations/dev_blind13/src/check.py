"""Check dev_blind13 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the HTML page's `<h4>第X条 …` headings, the
PDF's `第X条` lines and its `附件` line, the Markdown handbook's `### 2.1` / `#### 3.1.2` headings. A chapter
heading (the HTML `<h3>第X章`, the PDF's 第X章 line, a Markdown `## 3. 服务用语` or `## 修订记录`) and the HTML
sidebar headings (`<h3>常见问题`, `<h3>相关链接`) start text that belongs to no article.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, group, html_spans, md_spans, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)")
PDF_HEADING = re.compile(r"^(第[一二三四五六七八九十]+条|附件$|第[一二三四五六七八九十]+章)")


def h4_articles(lines):
    """An `<h4>第X条 …` heading opens its article; any h1–h3 (title, chapter, sidebar block) opens no-article text."""
    return [((m.group(1) if (m := ARTICLE.match(text)) else None) if tag == "h4"
             else "" if tag in ("h1", "h2", "h3") else None, text) for tag, text in lines]


def pdf_articles(path: Path) -> list[tuple[str, str]]:
    """第X章 lines open no-article text, so a chapter heading is not part of the article before it."""
    return [("" if label.startswith("第") and label.endswith("章") else label, text)
            for label, text in pdf_spans(path, PDF_HEADING)]


def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".html": lambda path: html_spans(path, h4_articles), ".pdf": pdf_articles}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
