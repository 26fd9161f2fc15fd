"""A practice scenario made from a real call (the 质检 tab's 「生成练习场景」): the caller's words open it."""
from __future__ import annotations

import re

from assist.conversation import as_turns, extract_facts
from assist.intents import requested_info
from knowledge.normalize import HAN
from knowledge.rulebook import SCENARIOS
from simulator.own_scenarios import OwnScenario, parse_scenario
from simulator.persona import DataError

_FACT_NAMES = {"name": "姓", "order": "订单号", "phone": "手机号", "date": "日期", "address": "地址", "product": "产品"}
_DIGITS = re.compile(r"[0-9*＊]{4,}")


def scenario_from_call(turns: list[tuple[str, str]], persona_key: str, scenario_key: str, title: str,
                       assigned_to: list[str] | str | None) -> OwnScenario:
    """A practice scenario from a real call: the caller's own words open it, and the facts they gave come with it."""
    calls = as_turns([{"role": role, "text": text} for role, text in turns])
    said = [t.text.strip() for t in calls if t.role == "customer" and t.text.strip()]
    if not said:
        raise DataError("这通电话没有客户的话，无法生成练习场景。")
    # Greetings and fillers (喂，你好 / 嗯) say nothing about the problem.
    opening = [line for line in said if len(HAN.findall(line)) >= 4][:3] or said[:1]
    known, hidden = {}, {}
    for k, turn in enumerate(calls):
        if turn.role != "agent":
            continue
        answer = next((t.text for t in calls[k + 1:k + 2] if t.role == "customer"), "")
        for key in sorted(requested_info(turn.text)):
            if answer and (value := _fact_value(key, answer)):
                hidden[_FACT_NAMES[key]] = value  # given when asked, so asked for in practice too
    stated = extract_facts([t for t in calls if t.role == "customer"])
    for key, value in (("name", stated.surname), ("order", stated.order), ("phone", stated.phone)):
        if value and _FACT_NAMES[key] not in hidden:
            known[_FACT_NAMES[key]] = value
    return parse_scenario({
        "title": (title or "").strip()[:60], "opening": opening, "facts": known, "hidden": hidden,
        "persona": persona_key, "resolve_intents": ["solution", "commitment"],
        # A detector that knows the workspace's own scenarios may name one of them: that is no shared key.
        "scenario_key": scenario_key if scenario_key in SCENARIOS else "other",
        "assigned_to": [assigned_to] if isinstance(assigned_to, str) else list(assigned_to or [])})


def _fact_value(key: str, answer: str) -> str | None:
    if key == "name":
        return extract_facts(as_turns(answer)).surname
    if digits := _DIGITS.search(answer):
        return digits.group()
    words = re.sub(r"[，,。！!？?\s]+", "，", answer).strip("，")
    return words[:30] or None
