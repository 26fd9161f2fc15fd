"""Offline replies composed from the rulebook: prescribed phrases with the conversation's slots filled.

The composer works on the same variables the suggest prompt is rendered from, so the offline
model and a served model answer the same question: replies that cite rules by their number in
`rules`. Upset callers get the calming procedure (聆听, 表示理解, 说明, 详细记录) around the phrase.
A reply never names another organisation (the demo phrases name their own shop) and never promises
a refund, repair, delivery, compensation or time limit the caller did not raise. Where the rulebook
has too few phrases, or no scenario fits (`other`), empathetic clarifying questions fill the gap.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, Field

from assist.intents import commitments
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
    "other": (),  # no script fits: ask, do not borrow another scene's promises
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
# The record step is worded several ways so three replies (and successive turns) do not end alike.
RECORDS = ("您反映的{topic}情况我已经详细记录下来了。", "您说的{topic}问题我这边都记下了。",
           "您讲的{topic}情况我已经一条条记录好了。", "我把您说的{topic}情况完整登记下来了。")
TOPIC_NAMES = {"refund": "退款", "repair": "维修", "delivery": "配送"}
CALM_PROCEDURE = "安抚"
# Our own clarifying questions for lines no scene script fits; the opener follows the caller's mood.
CLARIFY = ("为了帮您准确处理，请问您现在最希望我们帮您解决的是哪一点？",
           "方便跟我说说具体是哪一项业务、出现了什么情况吗？我好帮您核实。",
           "我想先跟您确认一下，您这次来电主要是想了解情况，还是需要我们帮您办理什么？")
OPENERS = {"upset": ("非常理解您的心情，", "您先别着急，", "您的心情我完全理解，"),
           "satisfied": ("感谢您的认可，", "谢谢您的反馈，", "非常感谢您，"),
           "calm": ("好的，", "明白，", "您好，")}
# Where an organisation names itself in a phrase: 这里是X / 欢迎致电X / 您好，X，.
ORG = (r"[\u4e00-\u9fffA-Za-z]{2,12}?(?:有限公司|公司|集团|金行|银行|商城|超市|酒店|电器|商行|客服中心|服务中心|热线)")
ORG_AFTER = re.compile(rf"(?P<lead>这里是|欢迎致电|欢迎来电|感谢您?致电)(?P<name>{ORG})")
ORG_GREETING = re.compile(rf"(?P<lead>您好[，,])(?P<name>{ORG})[，,]")
GENERIC_ORG = "客服中心"


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


def own_company(text: str, company: str | None) -> str:
    """The text with any self-named organisation replaced by `company` (or none: 客服中心 / dropped)."""
    text = ORG_AFTER.sub(lambda m: m.group("lead") + (company or GENERIC_ORG), text)
    return ORG_GREETING.sub(lambda m: m.group("lead") + (f"{company}，" if company else ""), text)


def opener(emotion: dict, index: int) -> str:
    """A mood-fitting opening for the index-th reply."""
    mood = "upset" if emotion.get("upset") else "satisfied" if emotion.get("label") == "satisfied" else "calm"
    return OPENERS[mood][index % len(OPENERS[mood])]


def record_sentence(scenario: str, raised: set[str], index: int) -> str:
    """The record step, varied by reply and naming the caller's topic when it is this scene's own."""
    topic = TOPIC_NAMES[scenario] if scenario in TOPIC_NAMES and scenario in raised else ""
    return RECORDS[index % len(RECORDS)].format(topic=topic)


def clarifying(variables: dict, rules: list[RuleRef], start: int) -> list[DraftReply]:
    """Empathetic clarifying questions, citing the calming procedure (or the first rule)."""
    cite = next((i for i, r in enumerate(rules, 1) if r.kind == "procedure"), 1 if rules else None)
    address = variables["facts"].get("address")
    replies = []
    for i, question in enumerate(CLARIFY):
        head = opener(variables["emotion"], start + i)
        text = f"{address}，{head}{question}" if address else f"{head}{question}"
        replies.append(DraftReply(text=text, rules=[cite] if cite else []))
    return replies


def compose(variables: dict) -> Draft:
    """Up to `count` replies from the prescribed phrases in `rules`, calming upset callers first."""
    rules = [RuleRef.model_validate(r) for r in variables["rules"]]
    scenario, facts, count = variables["scenario"], variables["facts"], variables.get("count", 3)
    upset = variables["emotion"].get("upset", False)
    avoid = set(variables.get("avoid") or ())
    calm = next((i for i, r in enumerate(rules, 1) if r.kind == "procedure" and CALM_PROCEDURE in r.text), None)
    sla = next((i for i, r in enumerate(rules, 1) if r.kind == "sla"), None)
    order_ref = facts.get("order") if scenario in ORDER_SCENARIOS else None
    raised = set(variables.get("raised") or ())
    company = variables.get("company")
    # Successive turns start the wording cycles at a different place, so the agent is not handed the same lines.
    shift = len(variables.get("turns") or ()) // 2

    drafts: list[DraftReply] = []
    if scenario == "other":
        drafts += [d for d in clarifying(variables, rules, shift) if d.text not in avoid][:count]
    for number, rule in enumerate(rules, 1):
        if rule.kind != "phrase" or len(drafts) >= count:
            continue
        if rule.scenario != scenario and len(rule.text) < MIN_BORROWED:
            continue
        body = fill(rule.text, scenario, facts)
        if body is None or commitments(body) - raised:
            continue
        body = own_company(body, company)
        cited = [number]
        if sla and rule.scenario == scenario and not has_time(body, facts.get("sla", "")):
            timed = body.rstrip("。！") + "，" + SLA_SENTENCE[scenario].format(sla=facts["sla"]) + "。"
            if not commitments(timed) - raised:  # the time limit only once the caller asked when
                body = timed
                cited.append(sla)
        if order_ref and rule.scenario == scenario and order_ref not in body:
            body = f"关于订单{order_ref}，" + body
        address = facts.get("address")
        if address and address not in body:
            body = f"{address}，{body}"
        if upset and calm:
            head, sep, rest = body.partition("，") if address and body.startswith(address) else ("", "", body)
            body = f"{head}{sep}{opener(variables['emotion'], len(drafts) + shift)}{rest.removeprefix('您好，')}"
            if "记录" not in body and "记下" not in body:
                body += record_sentence(scenario, raised, len(drafts) + shift)
            cited.append(calm)
        if body not in avoid and all(body != d.text for d in drafts):
            drafts.append(DraftReply(text=body, rules=cited))
    if len(drafts) < count:  # a workspace's own rulebook may have few phrases for this scene
        drafts += [d for d in clarifying(variables, rules, shift + len(drafts))
                   if d.text not in avoid and all(d.text != x.text for x in drafts)][:count - len(drafts)]
    return Draft(suggestions=drafts)
