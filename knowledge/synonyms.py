"""Restore spun synonyms and OCR misreadings using the reviewed table in spun.yaml."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

SPUN_TABLE = Path(__file__).with_name("spun.yaml")


class Replacement(BaseModel):
    """One reviewed mapping from a spun (or misread) form to the standard wording."""

    spun: str
    standard: str
    files: list[str] = Field(default_factory=list)
    only: list[str] = Field(default_factory=list)
    keep: list[str] = Field(default_factory=list)

    def applies_to(self, name: str) -> bool:
        return not self.files or any(name.startswith(prefix) for prefix in self.files)


@lru_cache(maxsize=4)
def load_replacements(path: Path = SPUN_TABLE) -> tuple[Replacement, ...]:
    """The reviewed table, longest spun form first so 治理步伐 wins over 步伐."""
    rows = [Replacement(**row) for row in yaml.safe_load(path.read_text(encoding="utf-8"))]
    for row in rows:
        for context in row.only + row.keep:
            if row.spun not in context:
                raise ValueError(f"spun.yaml: context {context!r} does not contain {row.spun!r}")
    return tuple(sorted(rows, key=lambda row: -len(row.spun)))


def _inside(text: str, start: int, spun: str, contexts: list[str]) -> bool:
    """True when the occurrence of `spun` at `start` sits inside one of `contexts`."""
    for context in contexts:
        offset = context.find(spun)
        while offset >= 0:
            if text.startswith(context, start - offset) and start - offset >= 0:
                return True
            offset = context.find(spun, offset + 1)
    return False


def restore(text: str, name: str, table: tuple[Replacement, ...] | None = None) -> tuple[str, int]:
    """Apply the table to one document's text; return the text and the number of substitutions."""
    count = 0
    for row in table if table is not None else load_replacements():
        if row.spun not in text or not row.applies_to(name):
            continue
        pieces: list[str] = []
        last = 0
        for match in re.finditer(re.escape(row.spun), text):
            start = match.start()
            if row.only and not _inside(text, start, row.spun, row.only):
                continue
            if _inside(text, start, row.spun, row.keep):
                continue
            pieces.append(text[last:start])
            pieces.append(row.standard)
            last = match.end()
            count += 1
        pieces.append(text[last:])
        text = "".join(pieces)
    return text, count
