"""`kefu bench` measures batch QA in a process of its own: throughput and peak memory (tiny size only)."""
from __future__ import annotations

import pytest

from core.settings import Settings
from evals import bench
from evals.runner import Components


@pytest.mark.timeout(600)  # two processes build the grader; slow only when the shared machine is busy
def test_bench_reports_qa_throughput_and_peak_rss(tmp_path):
    from services import build_services

    built = build_services(Settings(data_dir=tmp_path / "data"))
    result = bench._qa(Components(settings=built.settings, checker=built.checker, grader=built.grader), 6)
    assert result["calls"] == 6 and result["utterances"] > 6
    assert result["utterances_per_second"] > 0 and result["process_seconds"] >= result["seconds"]
    assert 50 < result["peak_rss_mb"] < 4096 and result["worker_peak_rss_mb"] > 0
