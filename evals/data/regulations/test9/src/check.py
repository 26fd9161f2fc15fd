"""Check test9 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span (text outside every article included); every
`paraphrase` must address the caller as 您. Articles:
- the PDF's `第X条　` lines (each page's running header and footer dropped, wrapped lines joined); a `第X章` line,
  the closing `附：坐席常见问答` and the issuer lines after it belong to no article; the text before 第一条 (title,
  date of adoption) neither; the 第十四条 table belongs to 第十四条;
- the HTML page's `<h3>（一）…` sections under an `<h2>二、…` chapter, labelled `二、（一）`; every `<h2>` (the
  chapter headings and `常见问题`) opens text outside every article, and so does everything before the first
  `<h2>` (top bar, breadcrumb, title, meta line, notice); `<nav>`, `<footer>`, `<title>` and `<style>` are dropped;
  a table belongs to the `<h3>` section it stands in, one line per cell;
- the docx's `2.2.1　` / `2.4　` numbered paragraphs (number, full-width space); a one-number chapter heading
  (`2　服务时限`), 修订记录 and 附录A open text outside every article, as do the title and centred lines before
  them; a table, the 表2 caption, the 注： line and the a）b） items belong to the numbered paragraph before them.
With a file name as argument, prints that document's article spans and its 汉字 count instead.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, html_spans, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
# A lookahead-only alternative labels a chapter line or the closing Q&A '' (outside every article).
PDF_HEADING = re.compile(rf"^(第[{NUM}]+条(?=　)|(?=第[{NUM}]+章|附：))")
HTML_CHAPTER = re.compile(rf"^([{NUM}]+、)")
HTML_ITEM = re.compile(rf"^(（[{NUM}]+）)")
DOCX_ARTICLE = re.compile(r"^(\d+(?:\.\d+)+)　")
DOCX_OUTSIDE = re.compile(r"^(\d+　|修订记录|附录)")


def html_items(lines: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    labelled, chapter = [], ""
    for tag, text in lines:
        label = None
        if tag == "h2":
            m = HTML_CHAPTER.match(text)
            chapter, label = (m.group(1) if m else ""), ""
        elif tag == "h3" and chapter and (m := HTML_ITEM.match(text)):
            label = chapter + m.group(1)
        labelled.append((label, text))
    return labelled


def docx_article(text: str) -> str | None:
    if m := DOCX_ARTICLE.match(text):
        return m.group(1)
    return "" if DOCX_OUTSIDE.match(text) else None


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda path: pdf_spans(path, PDF_HEADING),
            ".html": lambda path: html_spans(path, html_items),
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        found = spans(HERE / sys.argv[1])
        for label, text in found:
            print(f"=== [{label}]\n{text}")
        print("汉字:", sum(len(re.findall(r"[\u4e00-\u9fff]", text)) for _, text in found))
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
