"""A regulation drafted from text written into a file, as a workspace import reads it (the extraction tests)."""
from __future__ import annotations

from knowledge.clean import clean_document
from knowledge.documents import read_document
from knowledge.rulebook_extract import extract_rulebook


def drafted(tmp_path, text: str, name: str = "规范.md", encoding: str = "utf-8"):
    """The draft rulebook of `text` saved as tmp_path/name in `encoding`."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return drafted_file(path)


def drafted_file(path):
    """The draft rulebook of a document already written (a Word file built cell by cell)."""
    return extract_rulebook([clean_document(read_document(path).text, path.name)])


def md_table(rows) -> str:
    """A Markdown pipe table of rows, the first its column names."""
    head, *body = rows
    return "\n".join(["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
                     + ["| " + " | ".join(r) + " |" for r in body])


def drafted_case(tmp_path, name: str, text):
    """The draft rulebook of a probe case: `text` written to tmp_path/name, or a builder writing that file itself
    (a Word document built paragraph by paragraph or cell by cell)."""
    if callable(text):
        text(tmp_path / name)
        return drafted_file(tmp_path / name)
    return drafted(tmp_path, text, name)


def points_match(book, expected) -> bool:
    """Whether a draft's points entries are the expected (points, kind, money) triples, in any order."""
    def key(triples):
        return sorted(triples, key=str)
    return key((p.points, p.kind, p.money) for p in book.points) == key(
        (None if a is None else float(a), k, None if m is None else float(m)) for a, k, m in expected)
