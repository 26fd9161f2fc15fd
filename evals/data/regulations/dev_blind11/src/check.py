"""Check dev_blind11 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the PDF's `第X条　` lines (a 第X章 line, the
cover and the 目录 belong to no article); the Markdown handbook's `## 三、` chapter and `### （一）` section headings,
labelled together as `三、（一）` (an unnumbered heading such as `## 附：常见问答` opens text outside every article);
the GB18030 text's `一、` chapter and Tab-indented `（一）` section lines, labelled the same way, with its closing
`修订记录` block outside every article. Also prints each document's count of Chinese characters.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, group, pdf_spans  # noqa: E402

HERE = Path(__file__).parent.parent
PDF_ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条(?=　)|(?=第[一二三四五六七八九十]+章))")  # a 第X章 line labels ""
CHAPTER = re.compile(r"^([一二三四五六七八九十]+、)")
SECTION = re.compile(r"^(（[一二三四五六七八九十]+）)")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)")
HAN = re.compile(r"[\u4e00-\u9fff]")


def outline_labels(entries: list[tuple[str, str]]) -> list[tuple[str | None, str]]:
    """(kind, text) pairs, kind 'chapter', 'section', 'outside' or '' (body), as (label-or-None, line) pairs."""
    labelled, chapter = [], ""
    for kind, text in entries:
        label = None
        if kind == "chapter" and (m := CHAPTER.match(text)):
            chapter = label = m.group(1)
        elif kind == "section" and (m := SECTION.match(text)):
            label = chapter + m.group(1)
        elif kind in ("chapter", "section", "outside"):
            chapter = label = ""
        labelled.append((label, text + "\n"))
    return labelled


def md_spans(path: Path) -> list[tuple[str, str]]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = MD_HEADING.match(line.strip())
        kind = {2: "chapter", 3: "section"}.get(len(m.group(1)), "outside") if m else ""
        entries.append((kind, m.group(2) if m else line.strip()))
    return group(outline_labels(entries))


def txt_spans(path: Path) -> list[tuple[str, str]]:
    entries = []
    for line in path.read_bytes().decode("gb18030").splitlines():
        text = line.strip()
        kind = ("chapter" if not line.startswith("\t") and CHAPTER.match(text) else
                "section" if line.startswith("\t") and not line.startswith("\t\t") and SECTION.match(text) else
                "outside" if text == "修订记录" else "")
        entries.append((kind, text))
    return group(outline_labels(entries))


def spans(path: Path) -> list[tuple[str, str]]:
    return {".pdf": lambda p: pdf_spans(p, PDF_ARTICLE), ".md": md_spans, ".txt": txt_spans}[path.suffix](path)


if __name__ == "__main__":
    for name in ("dingxin_securities.pdf", "jinlan_property.md", "chidian_charging.txt"):
        parts = spans(HERE / name)
        print(name, "汉字", len(HAN.findall("".join(t for _, t in parts))), "articles", [a for a, _ in parts if a])
    sys.exit(check(HERE, spans, polite_paraphrases=True))
