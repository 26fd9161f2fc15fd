"""The grader against the independently labelled transcripts in evals/data/transcripts/."""
from __future__ import annotations

import json
from collections import defaultdict

import pytest

from core.settings import Settings
from simulator.transcript import Transcript

BANDS = {"good": (80, 101), "middling": (60, 80), "poor": (0, 60)}
DATA = Settings().labelled_dir / "transcripts"
FILES = sorted(DATA.glob("*.json"))

pytestmark = pytest.mark.skipif(not FILES, reason="calibration transcripts not present")


@pytest.fixture(scope="module")
def graded(grader):
    out = []
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append((data, grader.grade(Transcript.model_validate(data))))
    return out


def test_at_least_80_percent_fall_in_their_band(graded):
    misses = [(d["id"], d["label"]["band"], g.score) for d, g in graded
              if not BANDS[d["label"]["band"]][0] <= g.score < BANDS[d["label"]["band"]][1]]
    assert len(misses) <= 0.2 * len(graded), misses


def test_good_beats_middling_beats_poor_in_every_scenario(graded):
    by_scenario = defaultdict(lambda: defaultdict(list))
    for data, grade in graded:
        by_scenario[data["scenario"]][data["label"]["band"]].append(grade.score)
    for scenario, bands in by_scenario.items():
        if set(bands) >= set(BANDS):
            assert min(bands["good"]) > max(bands["middling"]) > 0, scenario
            assert min(bands["middling"]) > max(bands["poor"]), scenario


def test_must_cite_turns_are_cited(graded):
    wanted = [(d["id"], t, {f.turn for f in g.findings}) for d, g in graded for t in d["label"]["must_cite"]]
    missing = [(i, t) for i, t, cited in wanted if t not in cited]
    # A must-cite turn the checker does not flag (its recall is measured in tests/assist) may slip through.
    assert len(missing) <= 0.1 * len(wanted), missing


def test_injection_turns_are_reported_and_never_lift_the_grade(graded):
    for data, grade in graded:
        injected = [f for f in grade.findings if f.category == "injection"]
        if injected:
            assert grade.score < 60 and {f.turn for f in injected} <= set(data["label"]["must_cite"])


def test_findings_point_at_real_turns_and_cite_rules(graded):
    for data, grade in graded:
        for finding in grade.findings:
            assert 0 <= finding.turn < len(data["turns"])
            assert finding.source is not None, (data["id"], finding)
