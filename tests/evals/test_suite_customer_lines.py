"""Suites over customer lines labelled for several tasks: acceptable scenarios, emotion, raised topics."""
from __future__ import annotations

import json

import pytest

from assist.conversation import as_turns
from assist.emotion import Emotion
from assist.suggest import Suggestion, Suggestions
from evals.runner import Components, run_suite
from evals.suite import SUITES_DIR, SuiteError, load_suite


class Canned:
    """A suggester that answers every line with one scenario, one emotion and fixed replies."""

    def __init__(self, scenario: str, emotion: str, replies: list[str]):
        self.scenario, self.emotion, self.replies = scenario, emotion, replies

    def suggest(self, turns_or_text) -> Suggestions:
        line = as_turns(turns_or_text)[-1].text
        return Suggestions(text=line, emotion=Emotion(label=self.emotion, intensity=0.5), scenario=self.scenario,
                           suggestions=[Suggestion(text=t, sources=[{"file": "规范.txt", "article": "第一条"}])
                                        for t in self.replies], backend="offline")


class Clean:
    """A checker that finds nothing (the replies here are judged on commitments only)."""

    def check(self, text):
        return type("Result", (), {"violations": []})()


def write_suite(tmp_path, rows: list[dict]) -> object:
    (tmp_path / "lines.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    (tmp_path / "s.yaml").write_text("name: t\ncomponent: suggest\ncases: lines.jsonl\n"
                                     "thresholds:\n  commitment_violations: \"<= 0\"\n", encoding="utf-8")
    return load_suite(tmp_path / "s.yaml")


ROWS = [
    {"text": "我的信用卡在国外刷不了了，是不是被冻结了", "emotion": "anxious", "scenarios": ["other", "inquiry"], "raised": []},
    {"text": "宽带断了三天了，师傅什么时候能来修", "emotion": "angry", "scenarios": ["repair", "complaint"],
     "raised": ["repair", "time_limit"]},
]


@pytest.mark.parametrize("scenario, expected_accuracy", [("other", 0.5), ("inquiry", 0.5), ("refund", 0.0)])
def test_scenario_counts_right_when_it_is_among_the_acceptable_keys(tmp_path, scenario, expected_accuracy):
    suite = write_suite(tmp_path, ROWS)
    result = run_suite(suite, Components(suggester=Canned(scenario, "anxious", ["请问您具体遇到了什么情况？"]),
                                         checker=Clean()))
    assert result.metrics["scenario_accuracy"] == expected_accuracy
    assert result.metrics["emotion_accuracy"] == 0.5


@pytest.mark.parametrize("reply, violations", [
    ("请问您具体遇到了什么情况？", 0),
    ("我马上为您安排师傅上门维修。", 1),        # repair: raised by the second line only
    ("我们会在3个工作日内为您办理退款。", 3),  # refund twice, a time limit once
])
def test_commitments_the_customer_did_not_raise_are_counted(tmp_path, reply, violations):
    result = run_suite(write_suite(tmp_path, ROWS), Components(suggester=Canned("other", "neutral", [reply]),
                                                               checker=Clean()))
    assert result.metrics["commitment_violations"] == violations
    assert result.passed == (violations == 0)


def test_a_suggest_case_needs_a_scenario(tmp_path):
    (tmp_path / "s.yaml").write_text("name: t\ncomponent: suggest\ncases:\n  - text: 我想问一下\n    scenarios: []\n",
                                     encoding="utf-8")
    with pytest.raises(SuiteError, match=r"s\.yaml:4: .*scenario"):
        load_suite(tmp_path / "s.yaml")


@pytest.mark.parametrize("name", ["customer-lines.yaml", "customer-emotion.yaml"])
def test_shipped_customer_line_suites_hold_only_the_test_split(name):
    suite = load_suite(SUITES_DIR / name)
    assert suite.cases and {c.split for c in suite.cases} == {"test"}
    for case in suite.cases:
        if suite.component == "suggest":
            assert case.acceptable and case.emotion and case.raised is not None
        else:
            assert case.label
