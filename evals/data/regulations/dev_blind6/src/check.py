"""Check dev_blind6 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Articles: the PDF's and the docx's `第X条` paragraphs (a 第X章 line in the PDF runs on in the article before it; in
the docx it starts text outside every article), the docx's `附件` paragraph (the appendix's scoring table is its own
article, `附件`), and the HTML page's `<h3>（二）` headings under an `<h2>三、` chapter (article `三、（二）`; the top nav,
the tab list before the first chapter, the FAQ chapter 六、 and the footer belong to no article).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, html_spans, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)")
DOCX_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)　")
DOCX_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")


def docx_article(text: str) -> str | None:
    if m := DOCX_ARTICLE.match(text):
        return m.group(1)
    if text.strip() == "附件":
        return "附件"
    return "" if DOCX_CHAPTER.match(text) else None


def spans(path: Path) -> list[tuple[str, str]]:
    if path.suffix == ".pdf":
        return pdf_spans(path, ARTICLE)
    if path.suffix == ".docx":
        return docx_spans(path, docx_article)
    return html_spans(path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
