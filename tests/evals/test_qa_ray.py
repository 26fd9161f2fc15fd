"""The Ray engine runs the same per-call function as the local one: identical scores on a 500-call sample."""
from __future__ import annotations

import json
from functools import partial

import pytest

from core.settings import Settings
from evals.qa import synth
from evals.qa.engine import Options, run_qa

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'kefu[ray]')")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    yield
    ray.shutdown()


@pytest.mark.timeout(900)
def test_ray_and_local_engines_score_identically(local_ray, tmp_path, monkeypatch):
    from cli.qa import _qa_grader
    from services import build_services

    settings = Settings(data_dir=tmp_path / "data")
    monkeypatch.setenv("KEFU_DATA_DIR", str(settings.data_dir))
    built = build_services(settings)
    source = tmp_path / "calls.jsonl"
    synth.write(source, 500, synth.pool(30, checker=built.checker), seed=5)
    run_qa([source], tmp_path / "local", lambda: built.grader, None, Options(workers=1))
    # Ray workers rebuild the grader from a picklable recipe, as `kefu qa --engine ray` does.
    run_qa([source], tmp_path / "ray", partial(_qa_grader, settings, "demo"), None, Options(engine="ray", workers=2))
    read = lambda out: [json.loads(line) for line in (out / "calls.jsonl").read_text(encoding="utf-8").splitlines()]
    local, on_ray = read(tmp_path / "local"), read(tmp_path / "ray")
    assert len(local) == 500 and [(r["call_id"], r["score"]) for r in local] == [(r["call_id"], r["score"]) for r in on_ray]
    assert local == on_ray
