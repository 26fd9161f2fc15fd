"""The offline caller answers what the agent said: a greeting gets the problem, a request gets the fact,
a vague promise gets pressed on, and a goodbye ends the call with nothing more from the caller."""
from __future__ import annotations

import re
from itertools import cycle

import pytest

from simulator.bank import load_banks
from simulator.persona import load_personas
from simulator.session import OUTCOMES, Session

PERSONAS = sorted(load_personas())
SEEDS = [0, 1, 2, 3]
SCENARIOS = ["refund_not_arrived", "order_not_shipped", "wrong_item", "warranty_repair"]

GREETINGS = ["您好，很高兴为您服务。", "您好，这里是客服中心，请讲。", "您好，请问有什么可以帮您？",
             "下午好，欢迎致电客服热线。", "您好，我是客服小李，请讲。"]
ASKS = [("order", "麻烦您提供一下订单号好吗？"), ("order", "请问您的订单号是多少？"),
        ("phone", "请您留一下联系电话好吗？"), ("phone", "方便告诉我您的手机号吗？"),
        ("name", "请问您贵姓？"), ("name", "请问怎么称呼您？")]
VAGUE = ["我们正在处理，请您耐心等待。", "这个我们会尽快处理的。", "已经在处理中了。", "您放心，我们会很快给您处理的。",
         "正在为您跟进，过两天就好。"]
GOODBYES = ["感谢您的来电，再见。", "好的，祝您生活愉快，再见！", "那就先这样，再见。", "感谢您的来电，祝您生活愉快。"]
PRESSING = re.compile(r"多久|什么时候|哪天|几天|时间|多快|准话")


def _scripts():
    """Varied scripts: each a list of (kind, line); kinds say what the caller's reply must do."""
    greet, ask, vague = cycle(GREETINGS), cycle(ASKS), cycle(VAGUE)
    for k in range(4):
        fact1, line1 = next(ask)
        fact2, line2 = next(ask)
        yield [("greeting", next(greet)), (fact1, line1), ("vague", next(vague)), (fact2, line2),
               ("goodbye", GOODBYES[k])]


def _matches(kind: str, reply, session: Session) -> bool:
    scenario, topic = session.scenario, session.customer.topic
    if kind == "greeting":
        return any(issue in reply.text for issue in topic.issue)
    if kind == "vague":
        return bool(PRESSING.search(reply.text))
    return scenario.facts[kind] in reply.text


def test_the_caller_answers_the_agents_intent_in_at_least_95_percent_of_turns():
    hits, misses = 0, []
    for persona in PERSONAS:
        for seed in SEEDS:
            for scenario, script in zip(cycle(SCENARIOS), _scripts()):
                session = Session(persona, scenario, seed)
                session.opening()
                for kind, line in script:
                    if session.done:
                        misses.append((persona, seed, kind, "call already over"))
                        break
                    before = len(session.turns)
                    reply = session.reply(line)
                    if kind == "goodbye":
                        ok = session.done and len(session.turns) == before + 1 and session.outcome in OUTCOMES
                    else:
                        ok = _matches(kind, reply, session)
                    hits += ok
                    if not ok:
                        misses.append((persona, seed, kind, reply.text))
    assert hits / (hits + len(misses)) >= 0.95, misses


@pytest.mark.parametrize("persona", PERSONAS)
def test_nothing_is_said_after_the_agents_goodbye_even_when_resolved(persona):
    session = Session(persona, "misdial", 0)
    session.opening()
    session.reply("您好，很高兴为您服务，您打错了，这里是电商客服，不是您要找的地方。")
    if not session.done:
        turns = len(session.turns)
        reply = session.reply("不客气，感谢您的来电，再见。")
        assert session.done and reply.text == "" and len(session.turns) == turns + 1
    assert session.outcome in OUTCOMES


def test_a_confused_caller_answers_a_greeting_with_the_problem_not_with_understanding():
    topic = load_banks().scenarios["refund_not_arrived"]
    for seed in range(6):
        session = Session("confused", "refund_not_arrived", seed)
        session.opening()
        reply = session.reply("您好，很高兴为您服务。")
        assert any(issue in reply.text for issue in topic.issue) and "懂了" not in reply.text
