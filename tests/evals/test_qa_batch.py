"""Batch QA end to end with the real grader: ordering on labelled calls, outputs, bad input, workers, resume."""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict

import pytest

from core.settings import Settings
from evals.qa import engine, synth
from evals.qa.engine import Options, QAError, run_qa

LABELLED = sorted((Settings().labelled_dir / "transcripts").glob("*.json"))
RANK = {"poor": 0, "middling": 1, "good": 2}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from services import build_services

    return build_services(Settings(data_dir=tmp_path_factory.mktemp("qa-data")))


@pytest.fixture(scope="module")
def synthetic(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("qa-in") / "calls.jsonl"
    synth.write(path, 120, synth.pool(24, checker=built.checker), seed=3)
    return path


def grader_of(built):
    return lambda: built.grader


def results(out) -> dict[str, dict]:
    return {r["call_id"]: r for r in map(json.loads, (out / "calls.jsonl").read_text(encoding="utf-8").splitlines())}


@pytest.mark.skipif(not LABELLED, reason="labelled transcripts not present")
def test_labelled_calls_as_a_batch_rank_good_over_middling_over_poor(built, tmp_path):
    rows, label = [], {}
    for path in LABELLED:
        data = json.loads(path.read_text(encoding="utf-8"))
        label[data["id"]] = (data["scenario"], data["label"]["band"])
        rows += [{"call_id": data["id"], "agent_id": "A1", "role": t["role"], "text": t["text"]} for t in data["turns"]]
    source = tmp_path / "labelled.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    run_qa([source], tmp_path / "out", grader_of(built), None, Options())
    got = results(tmp_path / "out")
    by_scenario = defaultdict(lambda: defaultdict(list))
    for call_id, (scenario, band) in label.items():
        by_scenario[scenario][band].append(got[call_id]["score"])
    for scenario, bands in by_scenario.items():
        assert min(bands["good"]) > max(bands["middling"]) > max(bands["poor"]), (scenario, dict(bands))


def test_outputs_are_complete_and_chinese(built, synthetic, tmp_path):
    out = tmp_path / "out"
    summary = run_qa([synthetic], out, grader_of(built), None, Options())
    calls = results(out)
    assert summary["calls"] == len(calls) == 120 and summary["utterances"] == sum(c["utterances"] for c in calls.values())
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["rules"] == summary["rules"]
    some = next(c for c in calls.values() if c["findings"])
    assert set(some["findings"][0]) >= {"turn", "category", "rule", "source", "detail", "points", "start_ms"}
    raw = (out / "agents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert table[0][:4] == ["坐席工号", "通话数", "已评分通话数", "平均分"] and len(table) - 1 == len(summary["agents"])
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d", table[1][7])
    html = (out / "report.html").read_text(encoding="utf-8")
    ids = {f["rule"] for c in calls.values() for f in c["findings"] if f["rule"]}
    assert "<svg" not in html and "<img" not in html  # drawn in the browser, never server-rendered
    assert not [i for i in ids if i in html], "internal rule ids leaked into the report"
    assert not (out / "checkpoint").exists()


def test_bad_calls_are_reported_and_the_run_completes(built, tmp_path):
    source = tmp_path / "mixed.jsonl"
    rows = [{"call_id": "only-customer", "agent_id": "A1", "role": "customer", "text": "喂？有人吗？"},
            {"call_id": "untimed", "agent_id": "A2", "role": "agent", "text": "您好，很高兴为您服务。"},
            {"call_id": "untimed", "agent_id": "A2", "role": "customer", "text": "我想查一下订单。"}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + "{坏行\n", encoding="utf-8")
    summary = run_qa([source, tmp_path / "missing.csv"], tmp_path / "out", grader_of(built), None, Options())
    calls = results(tmp_path / "out")
    assert calls["only-customer"]["status"] == "no_agent" and calls["only-customer"]["score"] is None
    assert any(f["category"] == "no_timestamps" for f in calls["untimed"]["findings"])
    assert summary["no_agent"] == 1 and summary["untimed"] == 1 and summary["problems"] == 3
    assert "mixed.jsonl:1: 通话 only-customer 只有客户发言，没有坐席发言，未评分" in summary["problem_lines"]
    assert any(p.startswith("mixed.jsonl:4: 不是有效的 JSON") for p in summary["problem_lines"])


def test_bad_files_are_reported_and_the_good_ones_graded(built, tmp_path):
    header = "call_id,agent_id,role,text\n"
    (tmp_path / "gbk.csv").write_bytes((header + "g1,A1,customer,我家宽带断了\ng1,A1,agent,您好，非常抱歉\n").encode("gbk"))
    (tmp_path / "nocol.csv").write_text("call_id,role,text\nn1,agent,您好\n", encoding="utf-8")
    big = {"call_id": "b1", "agent_id": "A2", "role": "agent", "text": "嗯" * (4 << 20)}
    ok = {"call_id": "b1", "agent_id": "A2", "role": "agent", "text": "您好，很高兴为您服务。"}
    (tmp_path / "big.jsonl").write_text(json.dumps(big) + "\n" + json.dumps(ok, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "again.csv").write_text(header + "g1,A9,customer,又是我\n", encoding="utf-8")
    files = [tmp_path / n for n in ("gbk.csv", "nocol.csv", "big.jsonl", "again.csv")]
    summary = run_qa(files, tmp_path / "out", grader_of(built), None, Options())
    assert sorted(results(tmp_path / "out")) == ["b1", "g1"] and summary["problems"] == 4
    for name in ("gbk.csv: ", "nocol.csv: ", "big.jsonl:1: ", "again.csv:2: "):
        assert any(p.startswith(name) for p in summary["problem_lines"]), name


def test_no_readable_input_is_a_clear_error(built, tmp_path):
    with pytest.raises(QAError, match="没有可读取的输入文件"):
        run_qa([tmp_path / "nope.jsonl"], tmp_path / "out", grader_of(built), None, Options())


def test_workers_give_the_same_scores(built, synthetic, tmp_path):
    run_qa([synthetic], tmp_path / "one", grader_of(built), None, Options(workers=1))
    run_qa([synthetic], tmp_path / "two", grader_of(built), None, Options(workers=2))
    assert results(tmp_path / "one") == results(tmp_path / "two")


def test_an_interrupted_run_resumes_without_counting_twice(built, synthetic, tmp_path, monkeypatch):
    whole = run_qa([synthetic], tmp_path / "whole", grader_of(built), None, Options())
    monkeypatch.setattr(engine, "CHECKPOINT_EVERY", 25)

    def crash(calls, utterances):
        if calls >= 50:
            raise KeyboardInterrupt

    out = tmp_path / "resumed"
    with pytest.raises(KeyboardInterrupt):
        run_qa([synthetic], out, grader_of(built), None, Options(), crash)
    assert (out / "checkpoint").exists()
    resumed = run_qa([synthetic], out, grader_of(built), None, Options())
    lines = (out / "calls.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len({json.loads(line)["call_id"] for line in lines}) == 120
    assert results(out) == results(tmp_path / "whole")
    for key in ("calls", "utterances", "rules", "categories", "agents", "mean_score"):
        assert resumed[key] == whole[key], key


def test_cli_prints_the_summary_and_rejects_a_bad_map(synthetic, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from cli import app

    monkeypatch.setenv("KEFU_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    ok = runner.invoke(app, ["qa", str(synthetic), "--out", str(tmp_path / "out"), "--workers", "1", "--json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["calls"] == 120
    bad = runner.invoke(app, ["qa", str(synthetic), "--out", str(tmp_path / "out"), "--map", "坐席工号"])
    assert bad.exit_code == 2 and "--map" in bad.output


def test_batch_grading_keeps_to_the_fast_layers(built):
    from evals.qa.inspection import Inspector
    from evals.qa.timing import Timing, load_config

    grader = built.grader
    # The app's grader reads unsure lines with embeddings; forked workers must not (they would wait forever).
    assert grader.scenarios.vectors is not None and grader.checker.semantic is not None
    inspector = Inspector(grader, Timing(load_config(None), grader.rulebook))
    assert inspector.grader.scenarios.vectors is None and inspector.grader.checker.semantic is None
    assert grader.scenarios.vectors is not None and grader.checker.semantic is not None
