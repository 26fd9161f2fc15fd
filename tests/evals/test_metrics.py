"""Metrics on tiny hand-made inputs whose answers can be worked out on paper."""
from __future__ import annotations

import pytest

from evals import metrics as m


def test_binary_counts():
    # tp=2, fn=1, fp=1, tn=2
    got = m.binary([True, True, True, False, False, False], [True, True, False, True, False, False])
    assert got["precision"] == pytest.approx(2 / 3)
    assert got["recall"] == pytest.approx(2 / 3)
    assert got["f1"] == pytest.approx(2 / 3)
    assert got["false_positive_rate"] == pytest.approx(1 / 3)
    assert got["accuracy"] == pytest.approx(4 / 6)


def test_check_per_category_false_positives_are_counted_on_compliant_lines():
    metrics, charts = m.check_metrics(
        ["violation", "violation", "ok", "ok"], ["forbidden_phrase", "address_ni", None, None],
        [{"forbidden_phrase", "address_ni"}, set(), {"address_ni"}, set()])
    assert metrics["recall"] == 0.5 and metrics["false_positive_rate"] == 0.5
    assert metrics["forbidden_phrase.recall"] == 1.0
    assert metrics["address_ni.recall"] == 0.0
    assert metrics["address_ni.false_positive_rate"] == 0.5
    assert charts[0].matrix == [[1, 1], [1, 1]]


@pytest.mark.parametrize("ranks, hit1, hitk, mrr", [
    ([1, 2, None, 5], 0.25, 0.75, (1 + 1 / 2 + 1 / 5) / 4),
    ([None, None], 0.0, 0.0, 0.0),
    ([1, 1, 1], 1.0, 1.0, 1.0),
])
def test_search_hit_at_k_and_mrr(ranks, hit1, hitk, mrr):
    metrics, _ = m.search_metrics(ranks, k=5)
    assert metrics["hit@1"] == hit1 and metrics["hit@k"] == hitk
    assert metrics["mrr"] == pytest.approx(mrr)


def test_first_hit_rank_needs_every_keyword():
    hits = ["很抱歉，让您久等了", "退款操作需在3个工作日内完成", "换货5个工作日"]
    assert m.first_hit_rank(hits, ["3个工作日", "退款"]) == 2
    assert m.first_hit_rank(hits, ["7个工作日"]) is None


def test_emotion_accuracy_and_confusion():
    metrics, charts = m.emotion_metrics(["angry", "angry", "sad", "neutral"], ["angry", "anxious", "sad", "neutral"],
                                        [(0.9, 0.8), (0.7, 0.5), (0.6, 0.6), (None, 0.1)])
    assert metrics["accuracy"] == 0.75
    assert metrics["angry.recall"] == 0.5
    assert metrics["intensity_mae"] == pytest.approx((0.1 + 0.2 + 0.0) / 3)
    matrix = charts[0]
    assert matrix.matrix[matrix.rows.index("angry")][matrix.cols.index("anxious")] == 1


def test_suggest_shares_are_over_all_suggestions():
    metrics, _ = m.suggest_metrics(["refund", "delivery"], ["refund", "repair"],
                                   [[(False, True), (True, True)], [(False, False)]])
    assert metrics["scenario_accuracy"] == 0.5
    assert metrics["share_never_flagged"] == pytest.approx(2 / 3)
    assert metrics["share_cited"] == pytest.approx(2 / 3)
    assert metrics["share_answered"] == 1.0


def test_grade_band_agreement_mae_spearman_and_order():
    metrics, _ = m.grade_metrics(["good", "middling", "poor", "good"], [92, 65, 70, 80],
                                 ["refund", "refund", "refund", "misdial"],
                                 [(set(), {3}), ({5}, {5}), ({1, 3}, {3}), (set(), set())])
    assert metrics["band_agreement"] == 0.75  # 70 is middling, not poor
    assert metrics["mae"] == pytest.approx((2 + 5 + 40 + 10) / 4)
    assert metrics["must_cite_recall"] == pytest.approx(2 / 3)
    assert metrics["order_holds"] == 0.0  # refund: middling 65 < poor 70
    assert 0 < metrics["spearman"] < 1


@pytest.mark.parametrize("x, y, rho", [([1, 2, 3], [10, 20, 30], 1.0), ([1, 2, 3], [3, 2, 1], -1.0),
                                       ([1, 1, 1], [1, 2, 3], 0.0)])
def test_spearman(x, y, rho):
    assert m.spearman(x, y) == pytest.approx(rho)


def test_simulate_resolution_and_pass_k():
    metrics, _ = m.simulate_metrics(
        [["resolved"], ["resolved"], ["escalated", "hung_up"]],
        [["resolved", "resolved", "resolved"], ["resolved", "out_of_turns", "resolved"], ["hung_up", "escalated", "resolved"]])
    assert metrics["resolution_rate"] == pytest.approx(5 / 6)
    assert metrics["escalation_rate"] == pytest.approx(2 / 3)
    assert metrics["pass_rate"] == pytest.approx(7 / 9)
    assert metrics["pass^k"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("metric, lower", [("false_positive_rate", True), ("latency_p95_ms", True), ("mae", True),
                                           ("recall", False), ("hit@k", False), ("pass^k", False)])
def test_direction(metric, lower):
    assert m.lower_is_better(metric) is lower
