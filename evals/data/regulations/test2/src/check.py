"""Check test2's labels against the built documents' extracted text.

Every answer `text`/`suggestion` must occur verbatim inside its article; every question's keywords must occur
together in its article and in no other. Run: .venv/bin/python evals/data/regulations/test2/src/check.py
"""

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from docx import Document
from pypdf import PdfReader

DIR = Path(__file__).parent.parent
CN = "一二三四五六七八九十"


def _docx(path: Path) -> dict[str, str]:
    doc = Document(path)
    articles: dict[str, str] = {}
    current = "前言"
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            if re.match(rf"第[{CN}百]+章", text):
                current = text.split()[0]
            elif m := re.match(rf"(第[{CN}百]+条)", text):
                current = m.group(1)
            articles[current] = articles.get(current, "") + text + "\n"
        elif tag == "tbl":
            cells = ["".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t")) for tc in block.iter() if tc.tag.endswith("}tc")]
            articles[current] = articles.get(current, "") + "\n".join(cells) + "\n"
    return articles


def _pdf(path: Path) -> dict[str, str]:
    articles: dict[str, str] = {}
    top, current = "前言", "前言"
    for page in PdfReader(path).pages:
        for line in page.extract_text().splitlines():
            if line.startswith("华岳燃气集团有限公司企业标准") or re.fullmatch(r"— \d+ —", line):
                continue  # running header and footer
            if m := re.match(rf"([{CN}]+、)", line):
                top = current = m.group(1)
            elif m := re.match(rf"(（[{CN}]+）)", line):
                current = top + m.group(1)
            # Wrapped lines are joined without a break, as a reader of the page would.
            articles[current] = articles.get(current, "") + line
    return articles


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.articles: dict[str, str] = {}
        self.current, self.tag = "前言", ""

    def handle_starttag(self, tag, attrs):
        self.tag = tag

    def handle_data(self, data):
        if self.tag in ("script", "style", "title"):
            return
        if self.tag in ("h2", "h3") and (m := re.match(r"(\d+(?:\.\d+)?) ", data)):
            self.current = m.group(1)
        self.articles[self.current] = self.articles.get(self.current, "") + data + "\n"


def articles(name: str) -> dict[str, str]:
    """Map article label to the extracted text under it."""
    path = DIR / name
    if name.endswith(".docx"):
        return _docx(path)
    if name.endswith(".pdf"):
        return _pdf(path)
    parser = _Html()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.articles


def main() -> int:
    errors = []
    answers = json.loads((DIR / "answers.json").read_text(encoding="utf-8"))
    docs = {name: articles(name) for name in answers}
    for name, kinds in answers.items():
        arts = docs[name]
        for kind, entries in kinds.items():
            for e in entries:
                body = arts.get(e["article"], "")
                for field in ("text", "suggestion"):
                    if e.get(field) and e[field] not in body:
                        errors.append(f"{name} {kind} {field} not in {e['article']}: {e[field]}")
    for line in (DIR / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        arts = docs[q["doc"]]
        hits = [a for a, body in arts.items() if all(k in body for k in q["keywords"])]
        if hits != [q["article"]]:
            errors.append(f"question {q['query']} keywords {q['keywords']} hit {hits}, want {q['article']}")
    for line in (DIR / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        if p["kind"] == "paraphrase":
            known = {f["text"] for f in answers[p["doc"]]["forbidden"]}
            if p["forbidden_text"] not in known:
                errors.append(f"paraphrase of unknown phrase {p['forbidden_text']}")
            if p["text"] in known:
                errors.append(f"paraphrase equals the phrase {p['text']}")
    print("\n".join(errors) or "all labels check out")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
