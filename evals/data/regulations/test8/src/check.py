"""Check test8 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span; every `paraphrase` must address the caller as 您.
Articles: the docx's `第X条　` paragraphs (a `第X章` chapter heading, the title block before 第一条, and the closing
issuer line with the 附件 after it belong to no article; tables belong to the article before them); the Markdown's
`### 2.1` headings (the title, the opening metadata table and blockquote, every `#`/`##` heading — chapters,
`## 附录　常见问题`, `## 修订记录` — open text outside every article); the GB18030 text's `（一）` items labelled with
their chapter (`二、（三）`; a `一、` chapter line, the title lines before it and the closing issuer line with the
附 after it belong to no article; `1.` lines are entries of the item above them).
With a file name as argument, prints that document's article spans and its 汉字 count instead.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
DOCX_ARTICLE = re.compile(rf"^(第[{NUM}]+条)　")
DOCX_OUTSIDE = re.compile(rf"^(第[{NUM}]+章|附件$|禾盛消费金融有限公司$)")
MD_ARTICLE = re.compile(r"^###\s+(\d+\.\d+)\s")
MD_OTHER_HEADING = re.compile(r"^#{1,2}\s")
TXT_CHAPTER = re.compile(rf"^([{NUM}]+、)")
TXT_ITEM = re.compile(rf"^(（[{NUM}]+）)")


def docx_article(text: str) -> str | None:
    text = text.strip()
    if m := DOCX_ARTICLE.match(text):
        return m.group(1)
    return "" if DOCX_OUTSIDE.match(text) else None


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


def txt_spans(path: Path) -> list[tuple[str, str]]:
    raw = path.read_bytes().decode("gb18030").split("\r\n")
    issuer = raw[0].strip()
    lines, chapter = [], ""
    for line in raw:
        text = line.strip()
        label = None
        if m := TXT_CHAPTER.match(text):
            chapter, label = m.group(1), ""
        elif text.startswith(issuer) and lines:
            chapter, label = "", ""
        elif chapter and (m := TXT_ITEM.match(text)):
            label = chapter + m.group(1)
        lines.append((label, text + "\n"))
    return group(lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".docx": lambda path: docx_spans(path, docx_article), ".md": md_spans,
            ".txt": txt_spans}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        found = spans(HERE / sys.argv[1])
        for label, text in found:
            print(f"=== [{label}]\n{text}")
        print("汉字:", sum(len(re.findall(r"[\u4e00-\u9fff]", text)) for _, text in found))
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
