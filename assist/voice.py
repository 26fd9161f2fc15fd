"""Keep a suggested reply in the agent's voice: no template slots, no customer's words, no echo.

A served model imitates the prescribed phrases it is shown, template slots included (XX先生/女士,
【订单号】), and small models drift into the caller's role or parrot the caller's line. A slot is
filled from the conversation's facts (the customer's address, the order number) or the sentence
holding it is dropped; a reply in the customer's voice, or one made mostly of the caller's own
words, is rejected so that it is redrafted or replaced.
"""
from __future__ import annotations

import re

# A salutation slot in front of 先生/女士: XX先生/女士, ×× 女士, 某先生.
ADDRESS_SLOT = re.compile(r"(?:[Xx×＊*]{1,4}|某某?|【[^】]{0,6}】)\s*(?:先生|女士|小姐)(?:\s*/\s*(?:先生|女士|小姐))*")
# An order-number slot: 订单号XXXX, 单号为【订单号】, 订单（编号）.
ORDER_SLOT = re.compile(r"(?P<lead>(?:订单|单)号?(?:码)?\s*(?:是|为|：|:)?\s*)(?:[Xx×＊*#]{2,}|【[^】]*】|\[[^\]\d]*\]|"
                        r"\{[^}]*\}|<[^>]*>|（[^）]*(?:编号|号码|单号)[^）]*）)")
# Any other placeholder a template leaves: XX, ***, 【姓名】, [日期], {name}, <时间>, 某某, ……处.
SLOT = re.compile(r"[Xx×＊*]{2,}|某某|【[^】]*】|\[[^\]\d]*\]|\{[^}]*\}|<[^>]{1,12}>|（\s*(?:姓名|日期|时间|金额|电话|编号)\s*）")
SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*")
# What only the caller says: the company as 你们, their own order or money, demands on the agent.
CUSTOMER_VOICE = re.compile(
    r"你们|我(?:的|要|想|这个)(?:订单|快递|包裹|退款|钱|货|东西|投诉|退货|换货)|我要(?:投诉|退|换|找)|"
    r"(?:给|帮)我(?:退|换|查|看|问|解决|处理|说)|我(?:已经)?等了|凭什么|管不管")
# A reply made this much of the caller's own character pairs is an echo, not an answer.
ECHO_SHARE = 0.6
MIN_PAIRS = 4


def fill_slots(text: str, facts: dict) -> str:
    """The reply with its slots filled from `facts` (address, order); sentences with a slot left are dropped."""
    address, order = facts.get("address"), facts.get("order")
    text = ADDRESS_SLOT.sub(address or "", text)
    text = ORDER_SLOT.sub(lambda m: m["lead"] + order if order else m[0], text)
    kept = [s for s in SENTENCE.findall(text) if not SLOT.search(s) and not ORDER_SLOT.search(s)]
    # A removed salutation leaves its comma behind: "，您好" and "您好，，" read as "您好" and "您好，".
    return re.sub(r"^[\s，,、]+", "", re.sub(r"([，,、])\s*[，,、]+", r"\1", "".join(kept))).strip()


def char_pairs(text: str) -> set[str]:
    """Adjacent letter/digit pairs of a text: a cheap measure of how much two lines share."""
    chars = [c for c in text if c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:])}


def echoes(text: str, customer_lines: list[str]) -> bool:
    """Whether the reply is mostly the caller's own words."""
    pairs = char_pairs(text)
    if len(pairs) < MIN_PAIRS:
        return any(text.strip("。！？!? ") and text.strip("。！？!? ") in line for line in customer_lines)
    return any(len(pairs & char_pairs(line)) >= ECHO_SHARE * len(pairs) for line in customer_lines)


def agent_line(text: str, facts: dict, customer_lines: list[str]) -> str | None:
    """The reply fit for the agent to say, or None when it speaks as the customer, echoes them, or is left empty."""
    filled = fill_slots(text, facts)
    if not filled or CUSTOMER_VOICE.search(filled) or echoes(filled, customer_lines):
        return None
    return filled
