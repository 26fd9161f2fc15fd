import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

import cli
from core.settings import Settings, get_settings
from core.types import Chunk
from knowledge.embeddings import make_embedder
from knowledge.ingest import ingest
from knowledge.store import Store

ROOT = Path(__file__).resolve().parents[2]


def stored_ids(settings: Settings) -> set[str]:
    return Store(settings, make_embedder(settings)).ids()


def test_chunk_file_matches_the_store(built_settings):
    lines = (built_settings.data_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    chunks = [Chunk.model_validate_json(line) for line in lines]
    assert len(chunks) > 100
    assert {c.id for c in chunks} == stored_ids(built_settings)
    assert {c.source for c in chunks} == {p.name for p in built_settings.sources_dir.glob("*.txt")}


def test_second_ingest_embeds_nothing(built_settings):
    report = ingest(built_settings)
    assert (report.embedded, report.deleted) == (0, 0)
    assert report.chunks == len(stored_ids(built_settings))
    assert [row["file"] for row in report.files] == sorted(p.name for p in built_settings.sources_dir.glob("*.txt"))


def one_source(tmp_path: Path, built: Settings, name: str = "000_b0f07ce9147c76e2.txt") -> Settings:
    """Settings over a single real source, starting from the session's embedding cache."""
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(ROOT / "knowledge" / "sources" / name, sources / name)
    shutil.copytree(built.data_dir / "embeddings", tmp_path / "data" / "embeddings")
    return Settings(data_dir=tmp_path / "data", sources_dir=sources)


def test_only_changed_passages_are_embedded_and_stale_ones_deleted(tmp_path, built_settings):
    settings = one_source(tmp_path, built_settings)
    first = ingest(settings)
    assert first.chunks > 0 and first.embedded == 0
    source = next(settings.sources_dir.glob("*.txt"))
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("一次扣1分", "一次扣3分", 1), encoding="utf-8")
    second = ingest(settings)
    assert second.embedded == 1
    assert second.deleted <= 1
    assert second.chunks == first.chunks == len(stored_ids(settings))


def test_if_missing_skips_a_built_store_and_force_rebuilds(tmp_path, built_settings):
    settings = one_source(tmp_path, built_settings)
    assert ingest(settings, if_missing=True).skipped is False
    assert ingest(settings, if_missing=True).skipped is True
    rebuilt = ingest(settings, force=True)
    assert rebuilt.embedded == rebuilt.chunks
    assert rebuilt.chunks == len(stored_ids(settings))


def test_cli_ingest_report_json(tmp_path, built_settings, monkeypatch):
    settings = one_source(tmp_path, built_settings)
    monkeypatch.setenv("KEFU_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("KEFU_SOURCES_DIR", str(settings.sources_dir))
    get_settings.cache_clear()
    try:
        run = CliRunner().invoke(cli.app, ["ingest", "--report", "--json"])
        human = CliRunner().invoke(cli.app, ["ingest", "--report"])
    finally:
        get_settings.cache_clear()
    assert run.exit_code == 0, run.output
    row = json.loads(run.stdout)["files"][0]
    assert row["file"] == "000_b0f07ce9147c76e2.txt"
    assert row["chars_kept"] < row["chars_in"] and row["boilerplate_lines"] > 0
    assert "新嵌入 0 段" in human.stdout and "000_b0f07ce9147c76e2.txt" in human.stdout
