"""A conversation as turns, and the facts a reply can use: how to address the caller, the order."""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from knowledge.normalize import normalize

Role = Literal["customer", "agent"]
AGENT_ROLES = {"agent", "assistant", "客服", "trainee"}

# Two-character surnames are rare but common enough on a call line that 欧阳 must not become 欧.
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "慕容", "令狐", "皇甫", "尉迟", "公孙", "长孙", "宇文", "司徒", "夏侯")
HAN = r"[\u4e00-\u9fff]"
SURNAME = "(" + "|".join(COMPOUND_SURNAMES) + rf"|{HAN})"
SURNAME_STATED = re.compile(rf"(?<!您贵)(?<!你贵)姓(?!名){SURNAME}")
NAME_STATED = re.compile(rf"我叫({HAN}{{2,4}})")
TITLED = re.compile(rf"{SURNAME}(先生|女士|小姐)")
ORDER = re.compile(r"(?:订单|单号|运单|快递单|工单)[号码]*(?:是|为|:|：|\s)*([A-Za-z]{0,4}\d[\dA-Za-z-]{3,})")
BARE_NUMBER = re.compile(r"(?<![\dA-Za-z])([A-Za-z]{0,4}\d{8,20})(?![\dA-Za-z])")
PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")
# Words that sit before 先生/女士 without being a surname (这位先生, 那位女士).
NOT_SURNAMES = set("这那位各该此某老小大我你您他她")
FEMALE_CUES = ("我老公", "我丈夫", "我先生", "本小姐", "我是女", "我一个女")
MALE_CUES = ("我老婆", "我媳妇", "我妻子", "我太太", "我爱人她", "我是男")


class Turn(BaseModel):
    """One line of the conversation."""

    role: Role
    text: str


class Facts(BaseModel):
    """What the conversation has told us that a reply should use."""

    surname: str | None = None
    title: str | None = None  # 先生 / 女士, when known
    order: str | None = None
    phone: str | None = None

    @property
    def address(self) -> str | None:
        """王先生 / 李女士 once the surname is known; 王先生/女士 when the gender is not."""
        if not self.surname:
            return None
        return self.surname + (self.title or "先生/女士")


def as_turns(text_or_turns) -> list[Turn]:
    """Accept one customer line, a list of lines (customer first, alternating) or turn objects."""
    if text_or_turns is None:
        return []
    if isinstance(text_or_turns, str):
        return [Turn(role="customer", text=text_or_turns)]
    turns = []
    for i, item in enumerate(text_or_turns):
        if isinstance(item, str):
            turns.append(Turn(role="customer" if i % 2 == 0 else "agent", text=item))
            continue
        data = item if isinstance(item, dict) else getattr(item, "__dict__", {})
        role = str(data.get("role") or data.get("speaker") or "customer").lower()
        text = data.get("text") or data.get("content") or ""
        turns.append(Turn(role="agent" if role in AGENT_ROLES else "customer", text=str(text)))
    return turns


def last_customer_line(turns: list[Turn]) -> str:
    """The most recent customer turn's text ('' when it was silence or there was none)."""
    for turn in reversed(turns):
        if turn.role == "customer":
            return turn.text
    return ""


def surname_of(name: str) -> str:
    return name[:2] if name.startswith(COMPOUND_SURNAMES) else name[:1]


def extract_facts(turns: list[Turn]) -> Facts:
    """Surname and title, order number and phone from every turn; later mentions win."""
    facts = Facts()
    for turn in turns:
        text = normalize(turn.text)
        customer = turn.role == "customer"
        for match in TITLED.finditer(text):
            surname = surname_of(match.group(1))
            if surname[0] not in NOT_SURNAMES:
                facts.surname = surname
                facts.title = "女士" if match.group(2) in {"女士", "小姐"} else "先生"
        if customer:
            stated = SURNAME_STATED.search(text) or NAME_STATED.search(text)
            if stated:
                name = stated.group(1)
                facts.surname = surname_of(name) if stated.re is NAME_STATED else name
            if any(cue in text for cue in FEMALE_CUES):
                facts.title = "女士"
            elif any(cue in text for cue in MALE_CUES):
                facts.title = "先生"
            if phone := PHONE.search(text):
                facts.phone = phone.group(1)
        if order := ORDER.search(text):
            facts.order = order.group(1)
        elif customer:
            for bare in BARE_NUMBER.finditer(text):
                if not PHONE.fullmatch(bare.group(1)):
                    facts.order = bare.group(1)
    return facts
