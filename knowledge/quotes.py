"""The line a question asks about, found in the passages quoting it: a quotation the question repeats, whole or for the
most part of what it says the agent would say; and the words reporting what the caller says, which name no line."""
from __future__ import annotations

import re

from knowledge.parties import CALLER

# "客户说失业了还不上钱" reports what the caller says; it asks what to do, not what the agent may say
# ("跟用户说找物业" is the agent speaking).
REPORTED = re.compile(rf"(?<![跟和对向给同])(?:{CALLER}|对方|他|她)(?:一直|总是|又|就|还|老)?说")

# A quotation a question repeats word for word ("能跟用户说‘这单我管不了’吗", quotation marks or not) is the line asked
# about; the passage quoting it (a forbidden list, a prescribed line) answers, whatever else shares the words.
_QUOTATION = re.compile(r"[“「『\"]([^”」』\"]{4,})[”」』\"]")
# A caller's matter quoted after the verb raising it ("用户反映“网速太慢”“总是掉线”的") names a case, not a line.
_MATTERS = re.compile(r"(?<=反映|反馈|投诉|咨询)(?:[“「『][^”」』]*[”」』][、，和及或]?)+")


# What the agent would say, after the verb ("能不能跟客户说要通知你单位"): a quotation repeating most of it (four
# characters or more, half the words said or more) is the line asked about, though the question does not give it whole.
_SAID = re.compile(r"(?:说|讲|问(?!题)|称呼?|叫)([^，。？?！!]{4,})")
_SAID_RUN = 4


def quoting(question: str, passages: dict[int, str]) -> set[int]:
    """The passages holding a quotation of four characters or more that the question repeats, or one repeating most
    of what the question says the agent would say."""
    key = re.sub(r"\W", "", question)
    said = [re.sub(r"\W", "", m.group(1)) for m in _SAID.finditer(REPORTED.sub("", question))]
    return {i for i, text in passages.items()
            if any(quoted in key or any(_repeats(line, quoted) for line in said)
                   for quoted in (re.sub(r"\W", "", m.group(1)) for m in _QUOTATION.finditer(_MATTERS.sub("", text))))}


def _repeats(said: str, quotation: str) -> bool:
    """Whether a quotation holds a run of what is said, of _SAID_RUN characters or more and half of it or more."""
    need = max(_SAID_RUN, (len(said) + 1) // 2)
    return any(said[i:i + need] in quotation for i in range(len(said) - need + 1))
