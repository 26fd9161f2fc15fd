"""Measure kefu with a served model (`make llm-eval`): is the model path never worse than offline?

Four parts, against whatever endpoint KEFU_LLM_BASE_URL names:
- the simulated caller: the share of its lines that keep to their stage in the scripted calls of
  evals/suites/simulate.yaml (facts given, demands made, no repeats, a customer's words), how many
  the model wrote on its first try, and any fact marked revealed that was never said;
- the judge: band agreement on the labelled transcripts with and without it, how often its verdict
  counted, and the spread of one transcript's grade over repeated gradings;
- suggestions over customer lines: template slots and customer-voice lines among the replies shown,
  and how many of the model's raw replies the screen caught;
- the check's second opinion (KEFU_CHECK_LLM) on the cross-domain test lines: how many lines it is asked
  about, and recall and false-positive rate with and without it.
Run by `kefu eval-served` (which `make llm-eval` calls once the local model is up).
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

from assist.voice import CUSTOMER_VOICE, SLOT, echoes
from evals.metrics import band_of
from evals.suite import load_suite

ROOT = Path(__file__).resolve().parent
# An independent look for slots in the replies shown: any placeholder a template could leave.
SHOWN_SLOT = re.compile(r"[Xx×＊*]{2,}|某某|【[^】]*】|\{[^}]*\}|\[[^\]\d]*\]")


def caller_stage(services, calls: int, seeds: int = 2) -> dict:
    """Customer lines in scripted calls: kept to stage (final and first try), and facts revealed unsaid."""
    from evals.runner import _Facts
    from simulator.session import Session

    suite = load_suite(ROOT / "suites" / "simulate.yaml")
    lines, unsaid = [], []
    for case in suite.cases[:calls]:
        for seed in range(seeds):
            session = Session(case.persona, case.scenario, seed, checker=services.checker,
                              chat_model=services.chat_model)
            log = _record(session.customer)
            session.play(line.format_map(_Facts(session.scenario.facts)) for line in case.script)
            said = " ".join(entry["line"] for entry in log)
            unsaid += [f"{case.id}/{seed}:{fact}" for fact in session.revealed
                       if session.scenario.facts.get(fact) and _unsaid(session.customer, fact, said)]
            lines += log
    return {
        "lines": len(lines),
        "kept_to_stage": _share(e["problem"] is None for e in lines),
        "written_by_model": _share(e["model"] for e in lines),
        "model_first_try": _share(e["model"] and not e["rejected"] for e in lines),
        "facts_revealed_unsaid": unsaid,
        "off_stage_examples": [r for e in lines for r in e["rejected"]][:10],
        "seconds_per_line": round(sum(e["seconds"] for e in lines) / max(1, len(lines)), 1),
    }


def _record(customer) -> list[dict]:
    """Log every line the caller says: its stage, who wrote it, and whether it keeps to the stage."""
    log: list[dict] = []
    say = customer.say

    def recorded(stage, mood, asked, revealed, history):
        failures, off, start = customer.llm_failures, len(customer.off_stage), time.monotonic()
        line = say(stage, mood, asked, revealed, history)
        earlier = {e["line"] for e in log}
        log.append({"stage": stage, "line": line,
                    "model": customer.chat_model is not None and customer.llm_failures == failures,
                    "rejected": customer.off_stage[off:],
                    "problem": customer.stage_problem(stage, line, list(asked), earlier),
                    "seconds": time.monotonic() - start})
        return line

    customer.say = recorded
    return log


def _unsaid(customer, fact: str, said: str) -> bool:
    return customer.stage_problem("giving_facts", said, [fact], set()) is not None


def judge(services, transcripts: int, repeats: int, repeated: int = 5) -> dict:
    """Band agreement on labelled transcripts with and without the judge; spread over repeated gradings."""
    from simulator.grader import Grader
    from simulator.transcript import Transcript

    offline = Grader(services.rulebook, services.checker, emotion=services.emotion, scenarios=services.scenarios)
    files = sorted((ROOT / "data" / "transcripts").glob("*.json"))[:transcripts]
    rows, spreads = [], []
    for i, path in enumerate(files):
        data = json.loads(path.read_text(encoding="utf-8"))
        transcript = Transcript.model_validate(data)
        start = time.monotonic()
        judged = [services.grader.grade(transcript) for _ in range(repeats if i < repeated else 1)]
        rows.append({"id": data["id"], "band": data["label"]["band"], "offline": offline.grade(transcript).score,
                     "judged": judged[0].score, "counted": bool(judged[0].judge), "fallback": judged[0].fallback,
                     "seconds": round((time.monotonic() - start) / len(judged), 1)})
        if len(judged) > 1:
            scores = [g.score for g in judged]
            spreads.append({"id": data["id"], "scores": scores, "spread": max(scores) - min(scores)})
    return {
        "transcripts": len(rows),
        "band_agreement_offline": _share(band_of(r["offline"]) == r["band"] for r in rows),
        "band_agreement_judged": _share(band_of(r["judged"]) == r["band"] for r in rows),
        "verdicts_counted": _share(r["counted"] for r in rows),
        "max_spread": max((s["spread"] for s in spreads), default=None),
        "spreads": spreads,
        "rows": rows,
    }


def suggestions(services, count: int) -> dict:
    """Slots and customer-voice lines among the replies shown, and the raw model replies the screen caught."""
    lines = [json.loads(line)["text"] for line in
             (ROOT / "data" / "customer_lines.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()][:count]
    suggester = services.suggester
    raw: list[tuple[str, str]] = []
    screen = suggester.screen

    def watched(context, replies, seen=None):
        raw.extend((context.line, r.text) for r in replies)
        return screen(context, replies, seen)

    suggester.screen = watched
    shown, fallbacks, times = [], 0, []
    for line in lines:
        start = time.monotonic()
        result = suggester.suggest(line)
        times.append(time.monotonic() - start)
        fallbacks += result.fallback is not None
        shown += [(line, s.text) for s in result.suggestions]
    suggester.screen = screen
    bad_voice = lambda pairs: [t for line, t in pairs if CUSTOMER_VOICE.search(t) or echoes(t, [line])]  # noqa: E731
    return {
        "customer_lines": len(lines),
        "shown": len(shown),
        "shown_with_slots": [t for _, t in shown if SHOWN_SLOT.search(t)],
        "shown_in_customer_voice": bad_voice(shown),
        "fewer_than_3": sum(1 for line in lines if sum(1 for l, _ in shown if l == line) < 3),
        "fell_back": fallbacks,
        "raw_model_replies": len(raw),
        "raw_with_slots": len([t for _, t in raw if SLOT.search(t) or SHOWN_SLOT.search(t)]),
        "raw_in_customer_voice": len(bad_voice(raw)),
        "seconds_per_line": round(sum(times) / max(1, len(times)), 1),
    }


def second_opinion(services) -> dict:
    """The cross-domain check suites with and without the served model's opinion on their unsure lines."""
    from assist.check import Checker
    from assist.verdict import SecondOpinion
    from knowledge.embeddings import make_embedder

    cases = [case for name in ("bank", "ecommerce", "telecom", "utilities")
             for case in load_suite(ROOT / "suites" / f"check-{name}.yaml").cases]
    offline = services.checker
    opinion = SecondOpinion(services.chat_model)
    asked = Checker(services.rulebook, services.settings, embedder=make_embedder(services.settings), second_opinion=opinion)
    rows, times = [], []
    for case in cases:
        start = time.monotonic()
        judged = asked.check(case.text)
        # The model was asked when it answered or when the line fell back for want of an answer.
        if was_asked := judged.backend != "offline" or bool(judged.fallback):
            times.append(time.monotonic() - start)
        rows.append({"text": case.text, "violation": case.label == "violation", "asked": was_asked,
                     "fell_back": bool(judged.fallback), "offline": bool(offline.check(case.text).violations),
                     "judged": bool(judged.violations)})
    violations = [r for r in rows if r["violation"]]
    compliant = [r for r in rows if not r["violation"]]
    return {
        "lines": len(rows),
        "asked": sum(r["asked"] for r in rows),
        "fell_back": sum(r["fell_back"] for r in rows),
        "recall_offline": _share(r["offline"] for r in violations),
        "recall_judged": _share(r["judged"] for r in violations),
        "fpr_offline": _share(r["offline"] for r in compliant),
        "fpr_judged": _share(r["judged"] for r in compliant),
        "seconds_per_asked_line": round(sum(times) / max(1, len(times)), 1),
        "rows": [r for r in rows if r["asked"]],
    }


def _share(flags) -> float:
    flags = list(flags)
    return round(sum(map(bool, flags)) / len(flags), 3) if flags else 0.0


def run_served(services, lines: int = 50, calls: int = 10, transcripts: int = 32, repeats: int = 3,
               repeated: int = 5, out: str | Path = ".kefu/reports/served.json", show=print) -> dict:
    """All four measures against `services`' served model; each part is shown as it finishes, all saved to `out`."""
    report = {"backend": services.chat_model.backend}
    for name, run in (("suggestions", lambda: suggestions(services, lines)),
                      ("caller", lambda: caller_stage(services, calls)),
                      ("judge", lambda: judge(services, transcripts, repeats, repeated)),
                      ("second_opinion", lambda: second_opinion(services))):
        start = time.monotonic()
        report[name] = {**run(), "minutes": round((time.monotonic() - start) / 60, 1)}
        show({name: {k: v for k, v in report[name].items() if k != "rows"}})
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return report
