"""Check dev_blind28 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span; every `paraphrase` must address the caller as 您.
Articles: the docx's numbered paragraphs and headings `1.1 `, `3.1 `, `3.2.1 ` (the title block, 修订记录, a
`第X部分` chapter heading and 附录A belong to no article; each table belongs to the article before it; the running
header and footer are not in the body); the PDF's `第X条　` lines (each page's header and footer dropped; the
cover notice, a `第X章` line and 附：常见问题解答 belong to no article); the GB18030 text's `2.3 ` lines (the file
head, a `2. ` chapter line and 附：修订说明 belong to no article).
With a file name as argument, prints that document's article spans and its 汉字 count instead.
"""

import re
import sys
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
DOCX_ARTICLE = re.compile(r"^(\d+(?:\.\d+)+)\s")
DOCX_OUTSIDE = re.compile(rf"^(第[{NUM}]+部分|附录|修订记录)")
PDF_ARTICLE = re.compile(rf"^(第[{NUM}]+条)(?=　)")
PDF_OUTSIDE = re.compile(rf"^(第[{NUM}]+章|附：)")
TXT_ARTICLE = re.compile(r"^(\d+\.\d+)\s")
TXT_OUTSIDE = re.compile(r"^(\d+\.\s|附：)")


def docx_article(text: str) -> str | None:
    text = text.strip()
    if m := DOCX_ARTICLE.match(text):
        return m.group(1)
    return "" if DOCX_OUTSIDE.match(text) else None


def pdf_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for page in PdfReader(path).pages:
        for line in page.extract_text().splitlines()[2:]:  # running header and footer
            line = line.strip()
            label = m.group(1) if (m := PDF_ARTICLE.match(line)) else ("" if PDF_OUTSIDE.match(line) else None)
            lines.append((label, line))
    return group(lines)


def txt_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for line in path.read_bytes().decode("gb18030").split("\r\n"):
        label = m.group(1) if (m := TXT_ARTICLE.match(line)) else ("" if TXT_OUTSIDE.match(line) else None)
        lines.append((label, line + "\n"))
    return group(lines)


def hanzi(path: Path, found: list[tuple[str, str]]) -> int:
    """汉字 of the extracted text; in the docx a merged table cell counts once (row.cells repeats it)."""
    if path.suffix == ".docx":
        import docx
        body = docx.Document(path).element.body
        text = "".join(t.text or "" for t in body.iter() if t.tag.endswith("}t"))
    else:
        text = "".join(t for _, t in found)
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def spans(path: Path) -> list[tuple[str, str]]:
    return {".docx": lambda path: docx_spans(path, docx_article), ".pdf": pdf_spans,
            ".txt": txt_spans}[path.suffix](path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        found = spans(HERE / sys.argv[1])
        for label, text in found:
            print(f"=== [{label}]\n{text}")
        print("汉字:", hanzi(HERE / sys.argv[1], found))
        sys.exit(0)
    sys.exit(check(HERE, spans, polite_paraphrases=True))
