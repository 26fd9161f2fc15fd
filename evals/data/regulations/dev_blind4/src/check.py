"""Check dev_blind4 answers and questions against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Markdown articles are `## 3.2 …` headings, the GBK
text's are `第X条` lines, the docx's are `4.2　` paragraphs; a chapter heading joins the span before it.
"""

import json
import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent.parent
MD_HEADING = re.compile(r"^#+\s+(\d+\.\d+)\s")
TXT_HEADING = re.compile(r"^(第[一二三四五六七八九十]+条)　")
DOCX_HEADING = re.compile(r"^(\d+(?:\.\d+)+)　")


def _spans(lines: list[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """Group (label-or-None, line) pairs into (article, text) spans; text before the first article is ''."""
    spans, label, buf = [], "", []
    for new, line in lines:
        if new is not None:
            spans.append((label, "".join(buf)))
            label, buf = new, []
        buf.append(line)
    spans.append((label, "".join(buf)))
    return spans


def _text_spans(text: str, heading: re.Pattern) -> list[tuple[str, str]]:
    lines = []
    for line in text.splitlines():
        m = heading.match(line.strip())
        lines.append((m.group(1) if m else None, line.strip() + "\n"))
    return _spans(lines)


def md_spans(path: Path) -> list[tuple[str, str]]:
    return _text_spans(path.read_text(encoding="utf-8"), MD_HEADING)


def txt_spans(path: Path) -> list[tuple[str, str]]:
    return _text_spans(path.read_bytes().decode("gbk"), TXT_HEADING)


def docx_spans(path: Path) -> list[tuple[str, str]]:
    d = docx.Document(path)
    lines = []
    for block in d.element.body.iterchildren():
        tag = block.tag.split("}")[1]
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            m = DOCX_HEADING.match(text)
            lines.append((m.group(1) if m else None, text + "\n"))
        elif tag == "tbl":
            table = docx.table.Table(block, d)
            for row in table.rows:
                lines.append((None, "\n".join(c.text for c in row.cells) + "\n"))
    return _spans(lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".md": md_spans, ".txt": txt_spans, ".docx": docx_spans}[path.suffix](path)


def main() -> int:
    answers = json.loads((HERE / "answers.json").read_text(encoding="utf-8"))
    errors = 0
    for name, kinds in answers.items():
        by_label = {}
        for label, text in spans(HERE / name):
            by_label[label] = by_label.get(label, "") + text
        for kind, entries in kinds.items():
            for e in entries:
                span = by_label.get(e["article"])
                for field in ("text", "suggestion"):
                    if e.get(field) and (span is None or e[field] not in span):
                        errors += 1
                        print(f"{name} {kind} {e['article']}: {field} not found: {e[field]}")
    for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        hits = {label for label, text in spans(HERE / q["doc"]) if all(k in text for k in q["keywords"])}
        if hits != {q["article"]} or any(" " in k for k in q["keywords"]):
            errors += 1
            print(f"{q['doc']} question {q['query']}: keywords {q['keywords']} hit {sorted(hits)}, want {q['article']}")
    for line in (HERE / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        if p["kind"] == "paraphrase" and "您" not in p["text"]:
            errors += 1
            print(f"{p['doc']} paraphrase without 您: {p['text']}")
    print("errors:", errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
