"""Metrics per component, computed from (case, what came back) pairs; pure functions, no I/O.

Each `*_metrics` function returns flat `{name: value}` metrics plus the chart data the report
draws (confusion matrices, scores against labels, rank histograms).
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Literal

import numpy as np
from pydantic import BaseModel

CHECK_CATEGORIES = ("forbidden_phrase", "rude_tone", "shift_responsibility", "blame_customer", "address_ni",
                    "command_tone", "jargon", "lecturing", "bare_opening", "injection")
EMOTIONS = ("angry", "anxious", "sad", "noisy", "confused", "neutral", "satisfied")
BANDS = ("poor", "middling", "good")
# Score ranges of the labelled bands (evals/data/README.md) and their midpoints for the MAE.
BAND_RANGES = {"good": (80, 100), "middling": (60, 79.999), "poor": (0, 59.999)}
BAND_MIDPOINTS = {"good": 90.0, "middling": 70.0, "poor": 30.0}
OUTCOMES = ("resolved", "escalated", "hung_up", "out_of_turns")
LATENCY = ("latency_p50_ms", "latency_p95_ms", "latency_mean_ms")

METRICS: dict[str, tuple[str, ...]] = {
    "check": ("precision", "recall", "f1", "false_positive_rate", "accuracy"),
    "search": ("hit@1", "hit@3", "hit@k", "mrr"),
    "emotion": ("accuracy", "macro_f1", "intensity_mae"),
    "suggest": ("scenario_accuracy", "share_never_flagged", "share_cited", "share_answered", "emotion_accuracy",
                "commitment_violations"),
    "grade": ("band_agreement", "mae", "spearman", "must_cite_recall", "order_holds"),
    "simulate": ("resolution_rate", "escalation_rate", "pass_rate", "pass^k"),
}
# Per-label metrics, e.g. `forbidden_phrase.recall` for check or `angry.recall` for emotion.
PER_LABEL = {"check": (CHECK_CATEGORIES, ("precision", "recall", "f1", "false_positive_rate")),
             "emotion": (EMOTIONS, ("precision", "recall", "f1"))}


class Chart(BaseModel):
    """Data for one chart; `kind` picks the drawing (see evals.report)."""

    kind: Literal["confusion", "strip", "bars", "histogram"]
    title: str
    rows: list[str] = []        # confusion: expected labels; strip: groups; bars: labels
    cols: list[str] = []        # confusion: predicted labels
    matrix: list[list[int]] = []
    points: list[tuple[str, float]] = []   # strip: (group, value)
    values: list[float] = []    # bars: one per row; histogram: raw samples
    bands: list[tuple[float, float, str]] = []  # strip: shaded reference ranges
    unit: str = ""


def lower_is_better(metric: str) -> bool:
    """Error rates, errors and latencies improve downwards."""
    return metric.endswith(("false_positive_rate", "mae", "_ms", "escalation_rate", "violations"))


def is_known(component: str, metric: str) -> bool:
    """Whether `metric` is reported for `component` (thresholds may only name these)."""
    if metric in METRICS.get(component, ()) or metric in LATENCY:
        return True
    labels, names = PER_LABEL.get(component, ((), ()))
    label, _, name = metric.rpartition(".")
    return label in labels and name in names


def ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def binary(expected: list[bool], got: list[bool]) -> dict[str, float]:
    """Precision, recall, F1, false-positive rate and accuracy of yes/no predictions."""
    tp = sum(e and g for e, g in zip(expected, got))
    fp = sum(g and not e for e, g in zip(expected, got))
    fn = sum(e and not g for e, g in zip(expected, got))
    tn = sum(not e and not g for e, g in zip(expected, got))
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {"precision": precision, "recall": recall,
            "f1": ratio(2 * precision * recall, precision + recall),
            "false_positive_rate": ratio(fp, fp + tn), "accuracy": ratio(tp + tn, len(expected))}


def confusion(expected: list[str], got: list[str], labels: list[str] | None = None) -> Chart:
    """A confusion matrix (rows expected, columns predicted) over the labels that occur."""
    labels = labels or sorted(set(expected) | set(got))
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for e, g in zip(expected, got):
        if e in index and g in index:
            matrix[index[e]][index[g]] += 1
    return Chart(kind="confusion", title="", rows=labels, cols=labels, matrix=matrix)


def check_metrics(labels: list[str], categories: list[str | None], found: list[set[str]]):
    """Binary violation metrics, then one-vs-rest per category (its false positives counted on compliant lines)."""
    expected = [label == "violation" for label in labels]
    metrics = binary(expected, [bool(f) for f in found])
    for cat in CHECK_CATEGORIES:
        if cat not in categories:
            continue
        per = binary([c == cat for c in categories], [cat in f for f in found])
        ok = [not e for e in expected]
        per["false_positive_rate"] = ratio(sum(cat in f for f, o in zip(found, ok) if o), sum(ok))
        metrics |= {f"{cat}.{name}": per[name] for name in PER_LABEL["check"][1]}
    matrix = confusion(["violation" if e else "ok" for e in expected],
                       ["violation" if f else "ok" for f in found], ["violation", "ok"])
    matrix.title = "Violation vs compliant (rows: label, columns: checker)"
    cats = [c for c in CHECK_CATEGORIES if c in categories]
    bars = Chart(kind="bars", title="Recall per category", rows=cats, values=[metrics[f"{c}.recall"] for c in cats])
    return metrics, [matrix, bars]


def first_hit_rank(hit_texts: list[str], keywords: list[str]) -> int | None:
    """1-based rank of the first hit that contains every keyword, None when none does."""
    return next((rank for rank, text in enumerate(hit_texts, 1) if all(k in text for k in keywords)), None)


def search_metrics(ranks: list[int | None], k: int):
    """hit@1, hit@3, hit@k and mean reciprocal rank (a miss counts 0)."""
    n = len(ranks)
    metrics = {f"hit@{cut}": ratio(sum(r is not None and r <= cut for r in ranks), n) for cut in (1, 3)}
    metrics["hit@k"] = ratio(sum(r is not None and r <= k for r in ranks), n)
    metrics["mrr"] = ratio(sum(1 / r for r in ranks if r is not None and r <= k), n)
    counts = Counter(r if r is not None and r <= k else "miss" for r in ranks)
    rows = [*map(str, range(1, k + 1)), "miss"]
    bars = Chart(kind="bars", title=f"Rank of the first answering hit (k={k})", rows=rows,
                 values=[counts.get(int(r) if r != "miss" else r, 0) for r in rows], unit="queries")
    return metrics, [bars]


def emotion_metrics(expected: list[str], got: list[str], intensities: list[tuple[float | None, float]]):
    """Accuracy, macro F1, per-label precision/recall/F1 and intensity MAE; confusion and intensity charts."""
    metrics = {"accuracy": ratio(sum(e == g for e, g in zip(expected, got)), len(expected))}
    f1s = []
    for label in EMOTIONS:
        if label not in expected:
            continue
        per = binary([e == label for e in expected], [g == label for g in got])
        metrics |= {f"{label}.{name}": per[name] for name in PER_LABEL["emotion"][1]}
        f1s.append(per["f1"])
    metrics["macro_f1"] = sum(f1s) / len(f1s) if f1s else 0.0
    pairs = [(want, have) for want, have in intensities if want is not None]
    if pairs:
        metrics["intensity_mae"] = sum(abs(w - h) for w, h in pairs) / len(pairs)
    matrix = confusion(expected, got, [label for label in EMOTIONS if label in expected or label in got])
    matrix.title = "Emotion confusion (rows: label, columns: reader)"
    strip = Chart(kind="strip", title="Read intensity by labelled emotion", rows=list(dict.fromkeys(expected)),
                  points=[(e, have) for e, (_, have) in zip(expected, intensities)])
    return metrics, [matrix, strip]


def suggest_metrics(expected: list[str], got: list[str], per_line: list[list[tuple[bool, bool]]]):
    """Scenario accuracy and, over all suggestions, the share never flagged by check and the share citing a source.

    `per_line[i]` holds (flagged, cited) for each suggestion offered for line i.
    """
    every = [s for line in per_line for s in line]
    metrics = {"scenario_accuracy": ratio(sum(e == g for e, g in zip(expected, got)), len(expected)),
               "share_never_flagged": ratio(sum(not flagged for flagged, _ in every), len(every)),
               "share_cited": ratio(sum(cited for _, cited in every), len(every)),
               "share_answered": ratio(sum(bool(line) for line in per_line), len(per_line))}
    matrix = confusion(expected, got)
    matrix.title = "Scenario confusion (rows: label, columns: detector)"
    return metrics, [matrix]


def spearman(x: list[float], y: list[float]) -> float:
    """Spearman rank correlation with average ranks for ties (0 when either side is constant)."""
    if len(x) < 2:
        return 0.0
    rx, ry = _ranks(x), _ranks(y)
    if rx.std() == 0 or ry.std() == 0:
        return 0.0
    return float(np.corrcoef(rx, ry)[0, 1])


def _ranks(values: list[float]) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    order = values.argsort(kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values), dtype=float)
    for v in np.unique(values):  # ties share their mean rank
        tied = values == v
        ranks[tied] = ranks[tied].mean()
    return ranks


def band_of(score: float) -> str:
    return "good" if score >= 80 else "middling" if score >= 60 else "poor"


def grade_metrics(bands: list[str], scores: list[float], scenarios: list[str | None],
                  must_cite: list[tuple[set[int], set[int]]]):
    """Band agreement, MAE against band midpoints, Spearman(score, band), must-cite recall and band order.

    `must_cite[i]` = (turns the label says must be cited, turns the grade cited).
    `order_holds` = share of scenarios with all three bands where good > middling > poor.
    """
    metrics = {
        "band_agreement": ratio(sum(band_of(s) == b for s, b in zip(scores, bands)), len(bands)),
        "mae": ratio(sum(abs(s - BAND_MIDPOINTS[b]) for s, b in zip(scores, bands)), len(bands)),
        "spearman": spearman(scores, [BANDS.index(b) for b in bands]),
        "must_cite_recall": ratio(sum(len(want & got) for want, got in must_cite), sum(len(w) for w, _ in must_cite)),
    }
    by_scenario: dict[str, dict[str, list[float]]] = {}
    for scenario, band, score in zip(scenarios, bands, scores):
        by_scenario.setdefault(scenario or "", {}).setdefault(band, []).append(score)
    full = [b for b in by_scenario.values() if all(band in b for band in BANDS)]
    held = [b for b in full if min(b["good"]) > max(b["middling"]) and min(b["middling"]) > max(b["poor"])]
    metrics["order_holds"] = ratio(len(held), len(full))
    strip = Chart(kind="strip", title="Grade by labelled band", rows=list(reversed(BANDS)), unit="score",
                  points=list(zip(bands, scores)),
                  bands=[(*BAND_RANGES[b], b) for b in reversed(BANDS)])
    return metrics, [strip]


def simulate_metrics(expected: list[list[str]], outcomes: list[list[str]]):
    """Per case the outcomes it accepts and the outcome of each repeat (seed).

    resolution_rate: share of runs resolved among cases that expect resolution (good scripts);
    escalation_rate: share of runs escalated or hung up among cases that expect that (rude scripts);
    pass_rate: share of runs ending as expected; pass^k: share of cases ending as expected in all k repeats.
    """
    good = [o for e, runs in zip(expected, outcomes) if "resolved" in e for o in runs]
    rude = [o for e, runs in zip(expected, outcomes) if "resolved" not in e for o in runs]
    runs = [(o in e) for e, rs in zip(expected, outcomes) for o in rs]
    metrics = {"resolution_rate": ratio(good.count("resolved"), len(good)),
               "escalation_rate": ratio(sum(o in ("escalated", "hung_up") for o in rude), len(rude)),
               "pass_rate": ratio(sum(runs), len(runs)),
               "pass^k": ratio(sum(all(o in e for o in rs) for e, rs in zip(expected, outcomes)), len(expected))}
    if not good:
        del metrics["resolution_rate"]
    if not rude:
        del metrics["escalation_rate"]
    want = ["resolved" if "resolved" in e else "escalated/hung_up" for e, rs in zip(expected, outcomes) for _ in rs]
    got = [o if o == "resolved" or o == "out_of_turns" or o is None else "escalated/hung_up"
           for rs in outcomes for o in rs]
    matrix = confusion(want, [g or "unfinished" for g in got],
                       ["resolved", "escalated/hung_up", "out_of_turns", "unfinished"])
    matrix.title = "Outcome (rows: what the script should get, columns: what happened)"
    return metrics, [matrix]


def latency_metrics(latencies_ms: list[float]):
    """p50, p95 and mean latency, and the histogram of all samples."""
    if not latencies_ms:
        return {}, []
    arr = np.asarray(latencies_ms)
    metrics = {"latency_p50_ms": float(np.percentile(arr, 50)), "latency_p95_ms": float(np.percentile(arr, 95)),
               "latency_mean_ms": float(arr.mean())}
    return metrics, [Chart(kind="histogram", title="Latency per case", values=list(latencies_ms), unit="ms")]


def clean(value: float) -> float:
    """Metrics rounded for reports; NaN (never produced on purpose) becomes 0."""
    return 0.0 if math.isnan(value) else round(value, 4)
