"""Check dev_blind29 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span; every `paraphrase` must address the caller as 您.
Articles:
- gongjijin_center.html: an `<h3>（一）…` section labelled with its `<h2>` chapter (`二、（三）`); every `<h2>`
  (the numbered chapters and `常见问题`) opens text outside every article, and so do the top bar, breadcrumb,
  title, document-number line and tip before the first chapter; `<nav>`, `<footer>`, `<title>`, `<style>` dropped.
- dianti_maintenance.md: a `### 2.1` heading (two-level number); the `# ` title, the opening blockquote, the
  `## 1 总则` chapter headings and `## 修改记录` open text outside every article.
- yibao_hotline.docx: a `第X条　` paragraph (its （一） items and the table of 第十四条 belong to it); a `第X章`
  heading, the title, document number and meeting line before 第一条, the signature lines and the 附件 belong to
  no article.
With a file name as argument, prints that document's article spans and its 汉字 count instead.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, html_spans, md_spans  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
HTML_CHAPTER = re.compile(rf"^([{NUM}]+、)")
HTML_ITEM = re.compile(rf"^(（[{NUM}]+）)")
DOCX_ARTICLE = re.compile(rf"^(第[{NUM}]+条)　")
DOCX_OUTSIDE = re.compile(rf"^(第[{NUM}]+章|附件|临川市医疗保障服务中心$|\d{{4}}年\d+月\d+日$)")


def html_label(lines: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
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
    text = text.strip()
    if m := DOCX_ARTICLE.match(text):
        return m.group(1)
    return "" if DOCX_OUTSIDE.match(text) else None


def spans(path: Path) -> list[tuple[str, str]]:
    return {".html": lambda path: html_spans(path, html_label), ".md": md_spans,
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        found = spans(HERE / sys.argv[1])
        for label, text in found:
            print(f"=== [{label}]\n{text}")
        print("汉字:", sum(len(re.findall(r"[\u4e00-\u9fff]", text)) for _, text in found))
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
