"""Writing a file whole or not at all: readers (other processes, a restarted app) never see half a file."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """Yield a hidden sibling to write; when the block succeeds it replaces path in one rename, else it is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Hidden, and without the target's extension, so nothing that lists a folder by extension picks up a torn file.
    partial = path.with_name(f".{path.name}.partial")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
