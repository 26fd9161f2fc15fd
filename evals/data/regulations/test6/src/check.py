"""Check test6 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span; every `paraphrase` must address the customer as 您
(the shared `answer_check.check`). Articles: the PDF's `第X条　` lines (a 第X章 line or the closing 附：常见问题解答
opens text outside every article; the running header and footer are dropped), the HTML page's `<h3>2.1 …</h3>`
sections (an `<h2>` chapter heading, including the unnumbered 常见问题, opens text outside every article; the top
bar, breadcrumb, title and notice before the first chapter belong to no article; `<nav>`, `<footer>`, `<head>` are
not document text), and the docx's `第X条　` paragraphs (a `第X章` Heading 1 or 附：常见问答 opens text outside every
article; table cells belong to the clause before the table).

This script adds checks of its own: paraphrase rows point at existing answers, every prescribed line and every docx
suggestion has its row, 8 near-miss rows per document, and it prints the per-document counts and 汉字 counts.
Run with a file name (`check.py xingyue_video.html`) to print that document's article spans instead.
"""

import io
import json
import re
import sys
from contextlib import redirect_stdout
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
NUM = "一二三四五六七八九十"
# A lookahead-only alternative labels a chapter line '' (outside every article).
PDF_HEADING = re.compile(rf"^(第[{NUM}]+条(?=　)|(?=第[{NUM}]+章|附：常见问题))")
DOCX_ARTICLE = re.compile(rf"^(第[{NUM}]+条)(?=　)")
DOCX_CHAPTER = re.compile(rf"^(第[{NUM}]+章|附：)")
HTML_SECTION = re.compile(r"^(\d+\.\d+)\s")
HAN = re.compile(r"[\u4e00-\u9fff]")


class _PageText(HTMLParser):
    """The page's visible document text, one block per line, each labelled as `group()` expects."""

    SKIP = {"head", "nav", "footer", "script", "style"}
    BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "div", "tr", "table", "ul", "ol", "dl"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.tag = None
        self.buf: list[str] = []
        self.lines: list[tuple[str | None, str]] = [("", "")]

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.flush()
            self.tag = tag

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip -= 1
        elif tag in self.BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        self.buf = []
        if not text:
            return
        label = None
        if self.tag == "h2":
            label = ""
        elif self.tag == "h3":
            label = m.group(1) if (m := HTML_SECTION.match(text)) else ""
        self.lines.append((label, text + "\n"))


def html_spans(path: Path) -> list[tuple[str, str]]:
    parser = _PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    parser.flush()
    return group(parser.lines)


def docx_article(text: str) -> str | None:
    return m.group(1) if (m := DOCX_ARTICLE.match(text)) else ("" if DOCX_CHAPTER.match(text) else None)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda path: pdf_spans(path, PDF_HEADING), ".html": html_spans,
            ".docx": lambda path: docx_spans(path, docx_article)}[path.suffix](path)


def own_checks() -> int:
    """Consistency of the three label files with each other; prints the counts table."""
    answers = json.loads((HERE / "answers.json").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in (HERE / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines() if line]
    questions = [json.loads(line) for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    errors = 0

    def fail(message: str) -> None:
        nonlocal errors
        errors += 1
        print("OWN:", message)

    for doc, ans in answers.items():
        forbidden = {f["text"]: f for f in ans["forbidden"]}
        prescribed = [p["text"] for p in ans["prescribed"]]
        mine = [r for r in rows if r["doc"] == doc]
        for r in mine:
            kind = r["kind"]
            if kind == "paraphrase" and (r["label"] != "violation" or r["forbidden_text"] not in forbidden):
                fail(f"{doc}: paraphrase row {r['text']}")
            if kind == "suggestion" and (r["label"] != "ok" or forbidden.get(r["forbidden_text"], {}).get("suggestion") != r["text"]):
                fail(f"{doc}: suggestion row {r['text']}")
            if kind == "near_miss" and (r["label"] != "ok" or r["resembles"] not in forbidden):
                fail(f"{doc}: near-miss row {r['text']}")
            if kind == "prescribed" and (r["label"] != "ok" or "scenario" not in r):
                fail(f"{doc}: prescribed row {r['text']}")
        for text in forbidden:
            if sum(r["kind"] == "paraphrase" and r["forbidden_text"] == text for r in mine) != 2:
                fail(f"{doc}: forbidden {text} needs 2 paraphrases")
            if forbidden[text]["suggestion"] and not any(r["kind"] == "suggestion" and r["forbidden_text"] == text for r in mine):
                fail(f"{doc}: suggestion of {text} has no row")
        pres_rows = [r for r in mine if r["kind"] == "prescribed"]
        if len(pres_rows) != len(prescribed):
            fail(f"{doc}: {len(pres_rows)} prescribed rows for {len(prescribed)} prescribed lines")
        for p, r in zip(ans["prescribed"], pres_rows):
            if p["scenario"] != r["scenario"]:
                fail(f"{doc}: prescribed row scenario {r['text']}")
        near = sum(r["kind"] == "near_miss" for r in mine)
        if near != 8:
            fail(f"{doc}: {near} near-miss rows")
        for r in mine:
            if r["kind"] == "near_miss" and r["text"] in forbidden:
                fail(f"{doc}: near-miss row repeats a forbidden phrase")
        text = "".join(t for _, t in spans(HERE / doc))
        qs = sum(q["doc"] == doc for q in questions)
        print(f"{doc}: 汉字 {len(HAN.findall(text))}, forbidden {len(ans['forbidden'])}, slas {len(ans['slas'])}, "
              f"points {len(ans['points'])}, prescribed {len(prescribed)}, questions {qs}, paraphrase lines {len(mine)}")
    print(f"paraphrases.jsonl: {len(rows)} lines, questions.jsonl: {len(questions)} lines")
    return errors


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for label, text in spans(HERE / sys.argv[1]):
            print(f"[{label}]", text.rstrip())
        sys.exit(0)
    extra = own_checks()
    out = io.StringIO()
    with redirect_stdout(out):
        status = check(HERE, spans, polite_paraphrases=True)
    shared = out.getvalue().rstrip().splitlines()
    count = 0
    for line in shared:
        if m := re.fullmatch(r"errors: (\d+)", line.strip()):
            count = int(m.group(1))
        else:
            print(line)
    print(f"errors: {count + extra}")
    sys.exit(1 if count + extra else status)
