"""The served-model eval runs end to end against the loopback test server, and says how to start without one."""
from __future__ import annotations

import json

import pytest

from evals import served

PLANTED = {"suggestions": [{"text": "XX先生/女士，您好，非常抱歉给您添麻烦了。", "rules": [1]},
                           {"text": "你们到底什么时候处理？", "rules": [1]},
                           {"text": "请您稍等，我马上为您核实处理。", "rules": [1]}]}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("served")  # shared, so the classifiers are trained once


@pytest.fixture
def services(data_dir, openai_server):
    from core.settings import Settings
    from services import build_services

    openai_server.default_reply = json.dumps(PLANTED, ensure_ascii=False)
    built = build_services(Settings(data_dir=data_dir, llm_base_url=openai_server.base_url, llm_model="test-model",
                                    llm_timeout=5.0, llm_retries=0))
    built.__dict__["searcher"] = None  # no store: the eval's figures do not depend on retrieval
    return built


def test_suggestions_are_measured_and_planted_faults_caught(services):
    report = served.suggestions(services, 3)
    assert report["customer_lines"] == 3 and report["shown"] >= 3
    assert report["raw_with_slots"] >= 3 and report["raw_in_customer_voice"] >= 3
    assert report["shown_with_slots"] == [] and report["shown_in_customer_voice"] == []


def test_the_caller_and_the_judge_are_measured(services, openai_server):
    caller = served.caller_stage(services, calls=1, seeds=1)
    assert caller["lines"] >= 2 and 0 <= caller["kept_to_stage"] <= 1 and caller["facts_revealed_unsaid"] == []
    judged = served.judge(services, transcripts=2, repeats=2)
    assert judged["transcripts"] == 2 and judged["verdicts_counted"] == 0  # the planted reply is no verdict
    assert judged["band_agreement_judged"] == judged["band_agreement_offline"]
    assert judged["spreads"] and judged["max_spread"] == 0


def test_the_checks_second_opinion_is_measured_and_a_bad_answer_changes_nothing(services):
    # Every line of the suites: which few sit near the learned stage's decision moves whenever it is retrained.
    report = served.second_opinion(services)
    # The planted reply is no verdict: every line asked about falls back to the offline result.
    assert report["lines"] >= 300 and report["asked"] == report["fell_back"] == len(report["rows"]) >= 1
    assert (report["recall_judged"], report["fpr_judged"]) == (report["recall_offline"], report["fpr_offline"])


def test_without_an_endpoint_it_says_how_to_start_one(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from core.settings import get_settings
    from cli import app

    monkeypatch.delenv("KEFU_LLM_BASE_URL", raising=False)
    monkeypatch.setenv("KEFU_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["eval-served", "--lines", "1"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2 and "KEFU_LLM_BASE_URL" in result.output


def test_the_report_holds_every_part(services, tmp_path):
    shown = []
    report = served.run_served(services, lines=1, calls=1, transcripts=1, repeats=1, repeated=0,
                               out=tmp_path / "served.json", show=shown.append)
    assert [list(part) for part in shown] == [["suggestions"], ["caller"], ["judge"], ["second_opinion"]]
    assert json.loads((tmp_path / "served.json").read_text(encoding="utf-8")) == report
