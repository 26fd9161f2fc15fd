"""Per-file cleaning figures for `kefu ingest --report`."""
from __future__ import annotations

from knowledge.clean import CleanDoc

COLUMNS = ("chars_in", "chars_kept", "boilerplate_lines", "duplicates_dropped", "substitutions")


def ingest_report(docs: list[CleanDoc]) -> list[dict]:
    """One row per source file: {"file", chars_in, chars_kept, boilerplate_lines, duplicates_dropped, substitutions}."""
    return [{"file": doc.name, **{column: doc.report.get(column, 0) for column in COLUMNS}} for doc in docs]
