"""Export files (the trainer's CSV of every session): private to this user, deleted after an hour."""
from __future__ import annotations

import csv
import io
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

# An export holds every trainee's scores: it lives an hour, long enough to download.
MAX_AGE = timedelta(hours=1)
PREFIX = "kefu-export-"


def write_export(text: str, name: str, directory: Path | None = None) -> Path:
    """Write text (with the BOM Excel needs for Chinese) to a fresh file only this user can read.

    Older exports in the same directory are deleted first, so none outlives MAX_AGE by much.
    """
    parent = Path(directory or tempfile.gettempdir())
    expired = time.time() - MAX_AGE.total_seconds()
    for old in parent.glob(PREFIX + "*"):
        info = old.lstat()  # never follow a link someone else planted in a shared temp dir
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and info.st_mtime < expired:
            shutil.rmtree(old, ignore_errors=True)
    # A directory of our own (0700) per export: the file keeps its plain name for the download.
    out = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent)) / name
    with open(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8-sig",
              newline="") as f:
        f.write(text)
    return out


def csv_text(header: list[str], rows: Iterable[list]) -> str:
    """CSV text whose cells a spreadsheet will not run as formulas (a name typed as =1+1 stays text)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
