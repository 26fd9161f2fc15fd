"""Run eval suites against components that are handed in (the CLI and app build them).

Offline cases run one after another, so latencies are clean; cases of an `llm` suite run
concurrently up to `workers`, each retried with backoff when the model call fails.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from typing import Any

from pydantic import BaseModel

from assist.intents import commitments, raised
from core.llm import ChatModel, LLMError
from evals import metrics as m
from evals.suite import Case, Suite, Threshold

# (done, total, what): how a long run reports progress (the CLI draws a rich bar from it).
Progress = Callable[[int, int, str], None]
RETRIES = 3
BACKOFF_S = 1.0


@dataclass
class Components:
    """What suites run against; `None` marks a component that is not available."""

    settings: Any = None
    rulebook: Any = None
    checker: Any = None
    searcher: Any = None
    emotion: Any = None
    scenarios: Any = None
    suggester: Any = None
    grader: Any = None
    chat_model: ChatModel | None = None

    @classmethod
    def of(cls, services: Any, **overrides) -> "Components":
        """Pick the components off any object that has them as attributes (e.g. services.Services)."""
        picked = {f.name: getattr(services, f.name, None) for f in fields(cls)}
        return replace(cls(**picked), **overrides)


NEEDS = {"check": "checker", "search": "searcher", "emotion": "emotion", "suggest": "suggester",
         "grade": "grader", "simulate": "checker"}


class CaseResult(BaseModel):
    """One case (one repeat for simulate): what was expected, what came, and how long it took."""

    id: str
    passed: bool
    expected: str
    got: str
    latency_ms: float
    error: str | None = None


class SuiteResult(BaseModel):
    """A suite's metrics, its thresholds with their verdicts, chart data and every case."""

    name: str
    component: str
    path: str
    backend: str
    metrics: dict[str, float] = {}
    thresholds: list[dict] = []
    charts: list[m.Chart] = []
    cases: list[CaseResult] = []
    skipped: str | None = None
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.skipped is None and all(t["passed"] for t in self.thresholds)


def run_suites(suites: list[Suite], components: Components, workers: int = 4,
               progress: Progress | None = None) -> list[SuiteResult]:
    """Run every suite; a suite whose component or backend is missing is reported as skipped."""
    total = sum(len(s.cases) * (s.repeats if s.component == "simulate" else 1) for s in suites)
    done = 0

    def tick(what: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, what)

    return [run_suite(s, components, workers, tick) for s in suites]


def run_suite(suite: Suite, components: Components, workers: int = 4,
              tick: Callable[[str], None] | None = None) -> SuiteResult:
    """Run one suite's cases and score them."""
    result = SuiteResult(name=suite.name, component=suite.component, path=str(suite.path or ""), backend=suite.backend)
    needed = getattr(components, NEEDS[suite.component])
    if needed is None:
        result.skipped = f"组件 {suite.component} 不可用（未构建）"
    elif suite.backend == "llm" and (components.chat_model is None or getattr(components.chat_model, "offline", True)):
        result.skipped = "此评测需要大模型后端：请设置 KEFU_LLM_BASE_URL"
    if result.skipped:
        result.thresholds = [{"metric": str(t), "value": None, "passed": False} for t in suite.bounds()]
        return result
    started = time.perf_counter()
    run_one = RUNNERS[suite.component]
    jobs = [(case, seed) for case in suite.cases
            for seed in (range(suite.seed, suite.seed + suite.repeats) if suite.component == "simulate" else [None])]

    def job(item):
        case, seed = item
        out = _attempt(run_one, suite, case, seed, components, retries=RETRIES if suite.backend == "llm" else 0)
        if tick:
            tick(f"{suite.name} · {case.id}")
        return out

    if suite.backend == "llm" and workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            outs = list(pool.map(job, jobs))
    else:
        outs = [job(item) for item in jobs]
    scored = [(case, seed, raw) for (case, seed), (_, raw) in zip(jobs, outs)]
    metrics, charts = SCORERS[suite.component](suite, scored)
    lat_metrics, lat_charts = m.latency_metrics([r.latency_ms for r, _ in outs])
    result.metrics = {k: m.clean(v) for k, v in {**metrics, **lat_metrics}.items()}
    result.charts = charts + lat_charts
    result.cases = [r for r, _ in outs]
    result.thresholds = [_verdict(t, result.metrics) for t in suite.bounds()]
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _verdict(threshold: Threshold, metrics: dict[str, float]) -> dict:
    value = metrics.get(threshold.metric)
    return {"metric": threshold.metric, "op": threshold.op, "bound": threshold.bound, "value": value,
            "passed": threshold.met(value)}


def _attempt(run_one, suite, case, seed, components, retries: int):
    """Run one case; model failures are retried with backoff, any other failure fails just this case."""
    for attempt in range(retries + 1):
        started = time.perf_counter()
        try:
            result, raw = run_one(suite, case, seed, components)
            result.latency_ms = round((time.perf_counter() - started) * 1000, 3)
            return result, raw
        except LLMError as exc:
            if attempt < retries:
                time.sleep(BACKOFF_S * 2 ** attempt)
                continue
            error = f"LLMError: {exc}"
        except Exception as exc:  # one broken case must not end the run; it is reported as failed
            error = f"{type(exc).__name__}: {exc}"
        return (CaseResult(id=_case_id(case, seed), passed=False, expected=_expected(suite, case), got="",
                           latency_ms=round((time.perf_counter() - started) * 1000, 3), error=error), None)


def _case_id(case: Case, seed: int | None) -> str:
    return case.id if seed is None else f"{case.id}#seed{seed}"


def _expected(suite: Suite, case: Case) -> str:
    return {"check": lambda c: c.label + (f" ({c.category})" if c.category else ""),
            "search": lambda c: " + ".join(c.keywords),
            "emotion": lambda c: c.label,
            "suggest": lambda c: " / ".join(c.acceptable),
            "grade": lambda c: f"{c.label.band}; cite turns {c.label.must_cite}",
            "simulate": lambda c: " / ".join(c.expect)}[suite.component](case)


def _result(suite, case, seed, passed: bool, got: str) -> CaseResult:
    return CaseResult(id=_case_id(case, seed), passed=passed, expected=_expected(suite, case), got=got, latency_ms=0)


# --- one case per component: returns (CaseResult, raw value for the scorer) ---


def _check(suite, case, seed, c: Components):
    violations = c.checker.check(case.text).violations
    # A hit citing one of the rulebook's 服务禁语 is a forbidden phrase, whatever finer category it carries.
    forbidden = {f.id for f in c.rulebook.forbidden_phrases} if c.rulebook is not None else set()
    found = {v.category for v in violations} | {"forbidden_phrase" for v in violations if v.rule in forbidden}
    passed = bool(found) == (case.label == "violation")
    got = "; ".join(f"{v.category}: {v.phrase}" for v in violations) or "ok"
    return _result(suite, case, seed, passed, f"{got} ← {case.text}"), found


def _search(suite, case, seed, c: Components):
    hits = c.searcher.search(case.query, suite.k).hits
    rank = m.first_hit_rank([h.text for h in hits], case.keywords)
    got = f"rank {rank}" if rank else "miss: " + " | ".join(h.text[:40] for h in hits[:3])
    return _result(suite, case, seed, rank is not None, f"{got} ← {case.query}"), rank


def _emotion(suite, case, seed, c: Components):
    read = c.emotion.read(case.text)
    got = f"{read.label} {read.intensity:.2f} ← {case.text}"
    return _result(suite, case, seed, read.label == case.label, got), (read.label, read.intensity)


def _suggest(suite, case, seed, c: Components):
    out = c.suggester.suggest(case.text)
    checks = [(bool(c.checker.check(s.text).violations) if c.checker else False, bool(s.sources))
              for s in out.suggestions]
    # Without labelled topics, what the customer's own lines name is what a reply may speak to.
    turns = [case.text] if isinstance(case.text, str) else [t.get("text", "") for t in case.text
                                                            if t.get("role", "customer") == "customer"]
    allowed = set(case.raised) if case.raised is not None else raised(turns)
    unraised = sorted({topic for s in out.suggestions for topic in commitments(s.text) - allowed})
    passed = (out.scenario in case.acceptable and checks and all(not f and cited for f, cited in checks)
              and not unraised and (case.emotion is None or out.emotion.label == case.emotion))
    flagged = sum(f for f, _ in checks)
    text = case.text if isinstance(case.text, str) else case.text[-1].get("text", "")
    extra = f"; unraised {'/'.join(unraised)}" if unraised else ""
    got = f"{out.scenario}, {out.emotion.label}; {len(checks)} suggestions, {flagged} flagged{extra} ← {text}"
    return _result(suite, case, seed, bool(passed), got), (out.scenario, checks, out.emotion.label, len(unraised))


def _grade(suite, case, seed, c: Components):
    grade = c.grader.grade({"persona": case.persona, "scenario": case.scenario, "turns": case.turns})
    cited = {f.turn for f in grade.findings if f.turn is not None}
    want = set(case.label.must_cite)
    passed = m.band_of(grade.score) == case.label.band and want <= cited
    got = f"{grade.score} ({m.band_of(grade.score)}); cited turns {sorted(cited)}"
    return _result(suite, case, seed, passed, got), (grade.score, want, cited)


def play(case, seed: int, c: Components):
    """Play one scripted simulate case with this seed; returns the transcript."""
    from simulator.session import Session

    session = Session(case.persona, case.scenario, seed, checker=c.checker, chat_model=c.chat_model)
    facts = _Facts(session.scenario.facts)
    return session.play(line.format_map(facts) for line in case.script)


def _simulate(suite, case, seed, c: Components):
    transcript = play(case, seed, c)
    outcome = transcript.outcome or "unfinished"
    last = next((t for t in reversed(transcript.turns) if t.role == "customer"), None)
    mood = f"{last.emotion} {last.intensity:.2f}" if last and last.intensity is not None else ""
    got = f"{outcome} after {len(transcript.turns)} turns; caller {mood}"
    return _result(suite, case, seed, outcome in case.expect, got), transcript.outcome


class _Facts(dict):
    """Script placeholders ({name}, {order}, {phone}, {date}) filled from the scenario's hidden facts."""

    def __missing__(self, key: str) -> str:
        return ""


RUNNERS = {"check": _check, "search": _search, "emotion": _emotion, "suggest": _suggest, "grade": _grade,
           "simulate": _simulate}


# --- scorers: the suite's cases and raw values → metrics and charts ---


def _score_check(suite, scored):
    return m.check_metrics([c.label for c, _, _ in scored], [c.category for c, _, _ in scored],
                           [raw or set() for _, _, raw in scored])


def _score_search(suite, scored):
    return m.search_metrics([raw for _, _, raw in scored], suite.k)


def _score_emotion(suite, scored):
    got = [raw or ("", 0.0) for _, _, raw in scored]
    return m.emotion_metrics([c.label for c, _, _ in scored], [g[0] for g in got],
                             [(c.intensity, g[1]) for (c, _, _), g in zip(scored, got)])


def _score_suggest(suite, scored):
    got = [raw or ("", [], "", 0) for _, _, raw in scored]
    # A detected key among the acceptable ones counts as the label, so accuracy and confusion read it as right.
    expected = [g[0] if g[0] in c.acceptable else c.acceptable[0] for (c, _, _), g in zip(scored, got)]
    metrics, charts = m.suggest_metrics(expected, [g[0] for g in got], [g[1] for g in got])
    metrics["commitment_violations"] = float(sum(g[3] for g in got))
    moods = [(c.emotion, g[2]) for (c, _, _), g in zip(scored, got) if c.emotion]
    if moods:
        metrics["emotion_accuracy"] = m.ratio(sum(e == g for e, g in moods), len(moods))
    return metrics, charts


def _score_grade(suite, scored):
    got = [raw or (0.0, set(c.label.must_cite), set()) for c, _, raw in scored]
    return m.grade_metrics([c.label.band for c, _, _ in scored], [g[0] for g in got],
                           # Transcripts from other call centres group by their `domain`; ours by scenario.
                           [getattr(c, "domain", None) or c.scenario for c, _, _ in scored],
                           [(g[1], g[2]) for g in got])


def _score_simulate(suite, scored):
    by_case: dict[str, tuple[list[str], list[str | None]]] = {}
    for case, _, outcome in scored:
        by_case.setdefault(case.id, (case.expect, []))[1].append(outcome)
    return m.simulate_metrics([e for e, _ in by_case.values()], [o for _, o in by_case.values()])


SCORERS = {"check": _score_check, "search": _score_search, "emotion": _score_emotion, "suggest": _score_suggest,
           "grade": _score_grade, "simulate": _score_simulate}
