"""Build the dev_blind27 documents from the readable sources beside this script (run with the kefu venv).

tingche_parking.html is hand-written in the parent folder and has no source here. jiayuan_mortgage.txt (UTF-8, LF,
one paragraph a line) -> ../jiayuan_mortgage.txt as Word's "plain text with line breaks" export: UTF-8 with BOM,
CRLF, every paragraph wrapped at a fixed page width (a CJK character two columns), Chinese line-start rules kept
(closing punctuation never starts a line, an ASCII number or word is never split, an opening quote never ends one);
table rows (tab-separated) are not wrapped. chayu_franchise.md -> ../chayu_franchise.docx (make_docx.py's Markdown
subset; its `## ` chapters are Heading 1, its 2.2.1 clauses plain numbered paragraphs).
"""

import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

WIDTH = 76  # display columns: 38 CJK characters, about one line of 小四 on A4
NO_START = set("，。、；：？！）》”’」％%,.;:?!)")
NO_END = set("（《“‘「(")


def cols(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-.:/")


def wrap(par: str) -> list[str]:
    if "\t" in par:
        return [par]
    out, start = [], 0
    while start < len(par):
        width, end = 0, start
        while end < len(par) and width + cols(par[end]) <= WIDTH:
            width += cols(par[end])
            end += 1
        if end >= len(par):
            out.append(par[start:])
            break
        # An ASCII run (phone number, time, LPR) stays whole: break before it.
        back = end
        while back > start and is_word(par[back - 1]) and is_word(par[back]):
            back -= 1
        if back > start:
            end = back
        # Closing punctuation hangs on this line; an opening mark moves down.
        while end < len(par) and par[end] in NO_START:
            end += 1
        while end - 1 > start and par[end - 1] in NO_END:
            end -= 1
        out.append(par[start:end])
        start = end
    return out


def word_export(text: str) -> bytes:
    lines = [piece for par in text.split("\n") for piece in (wrap(par) if par else [""])]
    return "\ufeff".encode() + "\r\n".join(lines).encode("utf-8") + b"\r\n"


if __name__ == "__main__":
    text = (HERE / "jiayuan_mortgage.txt").read_text(encoding="utf-8").rstrip("\n")
    (HERE.parent / "jiayuan_mortgage.txt").write_bytes(word_export(text))
    build_docx(HERE / "chayu_franchise.md", HERE.parent / "chayu_franchise.docx")
