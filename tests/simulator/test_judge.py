"""The LLM judge helps or stays out: complete verdicts only, normalised names, quoted Chinese reasons, a bounded blend."""
from __future__ import annotations

import json

import pytest

from core.openai_api import OpenAIChatModel
from core.settings import Settings
from simulator.grader import Grader
from simulator.judge import CAP, RUBRIC, blend, criterion_key
from simulator.transcript import Transcript

CALL = [
    ("customer", "我在你们网上买的电饭煲收到就坏了，插上电没反应！"),
    ("agent", "您好，非常抱歉给您添麻烦了，请问您贵姓？"),
    ("customer", "姓李。"),
    ("agent", "李女士，我理解您的心情，请问您的订单号是多少？"),
    ("customer", "20231030915"),
    ("agent", "您的订单号是20231030915，对吗？我马上为您登记换货，换货会在3个工作日内完成，请问还有其他问题吗？"),
    ("customer", "没有了。"),
    ("agent", "感谢您的来电，再见。"),
]
QUOTED = {
    "courtesy": "坐席开头说「非常抱歉给您添麻烦了」，用语规范。",
    "empathy": "坐席说「我理解您的心情」，表示了理解。",
    "accuracy": "坐席复述「您的订单号是20231030915」并确认。",
    "resolution": "坐席承诺「换货会在3个工作日内完成」，时限明确。",
}


def transcript() -> Transcript:
    return Transcript.model_validate({"persona": "angry", "scenario": "wrong_item",
                                      "turns": [{"role": r, "text": t} for r, t in CALL]})


def verdict(scores: dict[str, int], reasons: dict[str, str] = QUOTED, names: dict[str, str] | None = None) -> str:
    names = names or {}
    return json.dumps({"scores": [{"criterion": names.get(c, c), "score": s, "reason": reasons[c]}
                                  for c, s in scores.items()]}, ensure_ascii=False)


def judged(server, *replies: str):
    from assist.check import Checker
    from knowledge.rulebook import load_rulebook

    server.reply(*replies)
    settings = Settings(llm_base_url=server.base_url, llm_model="test-model", llm_timeout=5, llm_retries=0)
    rulebook = load_rulebook()
    checker = Checker(rulebook, settings)
    model = OpenAIChatModel(settings, backoff=0.01)
    return Grader(rulebook, checker).grade(transcript()), Grader(rulebook, checker, model).grade(transcript())


@pytest.mark.parametrize("name, key", [
    ("courtesy", "courtesy"), (" Courtesy ", "courtesy"), ("EMPATHY", "empathy"), ('"accuracy"', "accuracy"),
    ("礼貌与规范用语", "courtesy"), ("情绪安抚", "empathy"), ("问题解决", "resolution"), ("vibes", None), ("", None),
])
def test_criterion_names_are_normalised(name, key):
    assert criterion_key(name) == key


@pytest.mark.parametrize("rule, mark, injected, total", [
    (90, 90, False, 90), (90, 100, False, 92), (80, 100, False, 83), (95, 20, False, 92),
    (70, 100, True, 70), (70, 40, True, 67), (2, 0, False, 2), (100, 100, False, 100),
])
def test_the_blend_moves_at_most_cap_points_and_never_lifts_an_injection(rule, mark, injected, total):
    assert blend(rule, mark, injected) == total and abs(total - rule) <= CAP


def test_a_complete_quoted_verdict_counts(openai_server):
    offline, graded = judged(openai_server, verdict({c: 10 for c in RUBRIC}, names={"courtesy": " Courtesy"}))
    assert graded.backend == "model:test-model" and "fallback" not in graded.model_dump()
    assert [j["criterion"] for j in graded.judge] == list(RUBRIC)
    assert offline.score <= graded.score <= offline.score + CAP


@pytest.mark.parametrize("reply", [
    verdict({"courtesy": 0}),  # one criterion of four: partial verdicts never count
    verdict({c: 3 for c in RUBRIC}, reasons={c: text for c, text in RUBRIC.items()}),  # the rubric echoed back
    verdict({c: 3 for c in RUBRIC}, reasons={c: "The agent was polite." for c in RUBRIC}),  # not Chinese
    verdict({**{c: 3 for c in RUBRIC}}, names={"empathy": "courtesy"}),  # one criterion twice
])
def test_a_partial_or_unsupported_verdict_stays_out(openai_server, reply):
    offline, graded = judged(openai_server, reply, reply)  # the repair round gets the same answer
    assert graded.score == offline.score and not graded.judge
    assert graded.backend == "offline" and graded.fallback.endswith("已仅按规则评分")


def test_a_verdict_repaired_to_quote_the_transcript_counts(openai_server):
    unquoted = verdict({c: 2 for c in RUBRIC}, reasons={c: "处理得不够好。" for c in RUBRIC})
    offline, graded = judged(openai_server, unquoted, verdict({c: 2 for c in RUBRIC}))
    assert graded.judge and graded.score == offline.score - CAP
    repair = openai_server.chat_requests[-1]["body"]["messages"][-1]["content"]
    assert "quote the transcript" in repair
