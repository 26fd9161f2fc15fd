"""Whole simulated calls under scripted trainees: good ones calm and resolve, rude ones escalate."""
from __future__ import annotations

import time

import pytest

from sim_scripts import GOOD, RUDE, good_script
from simulator.persona import get_scenario, load_personas
from simulator.session import Session, SessionOver

PERSONAS = sorted(load_personas())
SEEDS = [0, 1, 2]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("scenario", sorted(GOOD))
def test_a_good_agent_calms_and_resolves_and_grades_well(persona, scenario, checker, grader):
    for seed in SEEDS:
        session = Session(persona, scenario, seed, checker=checker)
        start = session.opening().intensity
        transcript = session.play(good_script(session.scenario))
        assert session.outcome == "resolved", (seed, [t.text for t in transcript.turns])
        assert session.mood.intensity < start
        assert grader.grade(transcript).score >= 80


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("scenario", ["refund_not_arrived", "wrong_item", "boss_phone", "misdial", "cannot_hear"])
def test_a_rude_agent_makes_the_caller_give_up_and_grades_poorly(persona, scenario, checker, grader):
    for seed in SEEDS:
        session = Session(persona, scenario, seed, checker=checker)
        transcript = session.play(RUDE)
        assert session.outcome in ("escalated", "hung_up")
        last = transcript.turns[-1].text
        assert ("领导" in last or "经理" in last) if session.outcome == "escalated" else "不跟你说了" in last
        assert grader.grade(transcript).score < 60


def test_same_seed_and_lines_give_the_same_transcript(checker):
    script = good_script(get_scenario("wrong_item"))
    runs = [Session("anxious", "wrong_item", 5, checker=checker).play(script) for _ in range(2)]
    assert runs[0] == runs[1]


def test_facts_are_revealed_only_after_being_asked(checker):
    session = Session("angry", "refund_not_arrived", 0, checker=checker)
    order = session.scenario.facts["order"]
    session.opening()
    before = session.reply("您好，很高兴为您服务，非常抱歉给您添麻烦了。")
    after = session.reply("请问您的订单号是多少？")
    assert order not in before.text and order in after.text and after.stage == "giving_facts"


def test_an_agent_who_never_helps_runs_the_caller_out_of_patience(checker):
    session = Session("confused", "wrong_item", 0, checker=checker, max_turns=30)
    session.play(["嗯。"] * 30)
    assert session.outcome in ("hung_up", "escalated") and session.done


def test_out_of_turns(checker):
    session = Session("elderly", "warranty_repair", 0, checker=checker, max_turns=2)
    session.play(["您好，很高兴为您服务。", "请您稍等，我马上为您查询。", "还在查。"])
    assert session.outcome == "out_of_turns"
    with pytest.raises(SessionOver):
        session.reply("您好")


def test_customer_turns_carry_the_mood(checker):
    transcript = Session("noisy_line", "cannot_hear", 3, checker=checker).play(RUDE)
    for turn in transcript.turns:
        assert (turn.emotion is not None) == (turn.role == "customer")


def test_a_full_offline_session_takes_under_a_second(checker, grader):
    started = time.perf_counter()
    session = Session("angry", "refund_not_arrived", 0, checker=checker)
    grader.grade(session.play(good_script(session.scenario)))
    assert time.perf_counter() - started < 1.0
