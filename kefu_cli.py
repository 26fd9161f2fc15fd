"""The `kefu` command line: thin wiring, one library call per subcommand."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="kefu 客服: agent assist and training simulator.")


def emit(obj) -> None:
    """Print one JSON object on one line, Chinese kept readable."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run_jsonl(handle: Callable[[str], dict], key: str) -> None:
    """Answer one stdin line at a time; a bad line yields an error object and the run goes on."""
    for raw in sys.stdin:
        line = raw.rstrip("\n")
        try:
            emit(handle(line))
        except Exception as exc:  # one bad line must not end a batch
            emit({key: line, "error": str(exc) or type(exc).__name__})


# --- commands: each calls one library function (see ARCHITECTURE.md) ---


if __name__ == "__main__":
    app()
