"""Offline replies composed from the rulebook: prescribed phrases with the conversation's slots filled.

The composer works on the same variables the suggest prompt is rendered from, so the offline
model and a served model answer the same question: replies that cite rules by their number in
`rules`. Upset callers get the calming procedure (聆听, 表示理解, 说明, 详细记录) around the phrase.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, Field

from knowledge.rulebook import Rulebook, Sla

# A slot we cannot fill (an agent number, the content of a correction) makes a phrase unusable.
UNFILLABLE = re.compile(r"XX号|x{2,}号|应该是……|……$|请问您……|麻烦您……|请您……")
CUSTOMER_SLOT = re.compile(r"XX(?:先生/女士|先生/小姐|先生|女士)[，,]?\s*")
TOPIC_SLOT = "……"
# Where a scenario has too few usable phrases, borrow from these (in order).
FALLBACK = {
    "thanks": ("closing",), "apology": ("closing",), "suggestion": ("closing",), "closing": (), "misdial": (),
    "greeting": (), "silent_line": (), "noisy_line": (), "need_record": (), "cannot_answer_now": (), "hold": (),
    "transfer": ("hold",), "manager_contact": ("cannot_answer_now",), "doubt_answer": ("cannot_answer_now",),
    "long_wait": ("greeting",), "complaint": ("cannot_answer_now",),
    "inquiry": ("confirm_info", "hold", "cannot_answer_now"),
    "wrong_explanation": ("doubt_answer", "cannot_answer_now"),
    "rude_customer": ("complaint", "unclear_request"),
    "unclear_request": ("confirm_info",),
    "product_damage": ("complaint", "cannot_answer_now"),
    "repair": ("hold", "cannot_answer_now"),
    "delivery": ("hold", "cannot_answer_now"),
    "refund": ("hold", "cannot_answer_now"),
    "return_exchange": ("hold", "cannot_answer_now"),
    "slow_reply": ("cannot_answer_now",),
    "unfamiliar_business": ("hold", "cannot_answer_now"),
}
DEFAULT_FALLBACK = ("hold", "cannot_answer_now")
# Borrowed phrases this short (是的，好的。) say nothing about the caller's problem.
MIN_BORROWED = 8
# What the customer is asking about, to fill 请问您要咨询的是……吗？
TOPICS = {"refund": "退款进度", "return_exchange": "退换货", "delivery": "物流进度", "repair": "维修",
          "inquiry": "产品和服务信息", "complaint": "投诉处理", "product_damage": "产品造成的损失"}
# The time limit a scenario's reply should promise: words its Sla.applies_to must contain.
SLA_FOR = {"refund": "退款", "return_exchange": "换货", "complaint": "投诉", "product_damage": "投诉",
           "cannot_answer_now": "解决不了", "slow_reply": "解决不了"}
SLA_SENTENCE = {"refund": "退款会在{sla}内完成", "return_exchange": "换货会在{sla}内完成",
                "complaint": "我们会在{sla}内联系您", "product_damage": "我们会在{sla}内联系您",
                "cannot_answer_now": "我们会在{sla}内给您回复", "slow_reply": "我们会在{sla}内给您回复"}
ORDER_SCENARIOS = frozenset({"refund", "return_exchange", "delivery", "repair", "complaint", "product_damage", "slow_reply"})
UNITS = {"working_day": "个工作日", "hour": "小时", "day": "天", "minute": "分钟", "week": "周"}
CN_DIGITS = dict(zip("一二三四五六七八九十", "12345678910"))
# Calming steps the composer adds for upset callers (wording ours, each step from the procedure).
UNDERSTAND = ("非常理解您的心情，", "您的心情我完全理解，", "给您带来不便，非常抱歉，")
RECORD = "您反映的情况我已经详细记录下来。"
CALM_PROCEDURE = "安抚"


class RuleRef(BaseModel):
    """A rule offered to the model, cited by its 1-based number in the prompt."""

    kind: str  # phrase | sla | procedure | hit
    scenario: str = ""
    text: str
    file: str
    article: str

    @property
    def cite(self) -> str:
        return f"{self.file} · {self.article}"


class DraftReply(BaseModel):
    text: str
    rules: list[int] = Field(default_factory=list)


class Draft(BaseModel):
    """What the suggest task returns: replies, each citing rule numbers."""

    suggestions: list[DraftReply] = Field(default_factory=list)


def sla_for(rulebook: Rulebook, scenario: str) -> Sla | None:
    """The time limit that applies to a scenario: the most specific SLA naming its subject."""
    word = SLA_FOR.get(scenario)
    if not word:
        return None
    matches = [s for s in rulebook.slas if word in s.applies_to and s.unit in UNITS and not isinstance(s.value, tuple)]
    return min(matches, key=lambda s: (len(s.applies_to), s.value), default=None)


def sla_text(sla: Sla) -> str:
    """3个工作日, 48小时 …"""
    return f"{sla.value:g}{UNITS[sla.unit]}"


def has_time(text: str, sla: str) -> bool:
    digits = "".join(CN_DIGITS.get(ch, ch) for ch in text)
    return sla in digits


def fill(phrase: str, scenario: str, facts: dict) -> str | None:
    """The phrase with the caller's address, topic and order filled in; None if a slot cannot be."""
    if UNFILLABLE.search(phrase):
        return None
    address = facts.get("address")
    text = CUSTOMER_SLOT.sub(f"{address}，" if address else "", phrase)
    if TOPIC_SLOT in text:
        topic = TOPICS.get(scenario)
        if not topic:
            return None
        order = facts.get("order")
        text = text.replace(TOPIC_SLOT, f"订单{order}的{topic}" if order else topic)
    return text


def compose(variables: dict) -> Draft:
    """Up to `count` replies from the prescribed phrases in `rules`, calming upset callers first."""
    rules = [RuleRef.model_validate(r) for r in variables["rules"]]
    scenario, facts, count = variables["scenario"], variables["facts"], variables.get("count", 3)
    upset = variables["emotion"].get("upset", False)
    avoid = set(variables.get("avoid") or ())
    calm = next((i for i, r in enumerate(rules, 1) if r.kind == "procedure" and CALM_PROCEDURE in r.text), None)
    sla = next((i for i, r in enumerate(rules, 1) if r.kind == "sla"), None)
    order_ref = facts.get("order") if scenario in ORDER_SCENARIOS else None

    drafts: list[DraftReply] = []
    for number, rule in enumerate(rules, 1):
        if rule.kind != "phrase":
            continue
        if rule.scenario != scenario and len(rule.text) < MIN_BORROWED:
            continue
        body = fill(rule.text, scenario, facts)
        if body is None:
            continue
        cited = [number]
        if sla and rule.scenario == scenario and not has_time(body, facts.get("sla", "")):
            body = body.rstrip("。！") + "，" + SLA_SENTENCE[scenario].format(sla=facts["sla"]) + "。"
            cited.append(sla)
        if order_ref and rule.scenario == scenario and order_ref not in body:
            body = f"关于订单{order_ref}，" + body
        address = facts.get("address")
        if address and address not in body:
            body = f"{address}，{body}"
        if upset and calm:
            opener = UNDERSTAND[len(drafts) % len(UNDERSTAND)]
            head, sep, rest = body.partition("，") if address and body.startswith(address) else ("", "", body)
            body = f"{head}{sep}{opener}{rest.removeprefix('您好，')}"
            if "记录" not in body and "记下" not in body:
                body += RECORD
            cited.append(calm)
        if body not in avoid and all(body != d.text for d in drafts):
            drafts.append(DraftReply(text=body, rules=cited))
        if len(drafts) >= count:
            break
    return Draft(suggestions=drafts)
