"""What the call achieved: whether the trainee said anything gradable, and whether the caller left helped.

The grade's resolution group is decided here: the catalog scenario's time limits and must-dos, a
concrete time for matters outside the catalog, and the caller's last words. Both are read from the
words, not from the agent's own closing: a polite goodbye does not solve a confused caller's problem,
and a call of 嗯/好/喂 has nothing in it to grade.
"""
from __future__ import annotations

import re

from assist.intents import time_commitment
from knowledge.normalize import match_key

# Vague words about this scenario's matter, to place a missing time limit at the turn that dodged it.
_VAGUE = re.compile(r"尽快|很快|马上|几天|过两天|一般|应该|再等等|抓紧")
# A time said without a limit: 尽快, 过几天, 一般……会, 应该……到/好, 晚些时候, 两三天吧.
_VAGUE_TIME = re.compile(r"尽快|尽早|过(几|两)天|等几天|再等等|晚些时候|一般(来说|情况下)?.{0,8}(天|小时|会|就|能)"
                         r"|应该(会|能|就|是)?.{0,8}(到|好|处理|解决|修|送|上门)|[一二两三四五六七八九\d][到至~-]?[一二三四五六七八九十\d]?(天|个工作日)吧")
# Sounds and one-syllable acknowledgements that carry no service content on their own.
FILLERS = set("嗯啊好哦喂噢呃额唉哎诶欸哈嘿呀吧了呢嘛哪是对行的")
# Fewer content characters than this across all agent turns is not a call (您好 alone is 1).
MIN_CONTENT = 6
# The caller's closing words when they leave without help: still lost, asking what now, giving up.
_UNRESOLVED = re.compile(
    r"还是(不|没)(太)?(明白|懂|清楚|知道|会|解决|弄好|行)|(听|看|搞|弄)不(太)?(懂|明白|清楚)|没(听|搞|弄)(懂|明白)"
    r"|(那|那我|我)(该|应该|到底)?(怎么办|咋办|怎么弄|找谁)|不知道(该)?(怎么办|咋办|找谁)"
    r"|算了|没用|白打|等于没说|说了(也)?白说|不管了|没人管|还是没(人)?(解决|处理|办)"
    r"|(问题|事情|事儿)(还是)?没(有)?解决|自己(再)?想(想)?办法|我(再|还是)?去找别人|我去投诉")


def content_chars(text: str) -> int:
    """Characters in an agent line that are neither punctuation nor filler sounds."""
    return sum(1 for ch in match_key(text) if ch not in FILLERS)


def is_incomplete(agent_texts: list[str]) -> bool:
    """No agent turn, or only empty lines and fillers: nothing the trainee did can be graded."""
    return sum(content_chars(t) for t in agent_texts) < MIN_CONTENT


def unresolved_words(customer_texts: list[str]) -> str | None:
    """The caller's closing words that say they leave confused or without help, if any."""
    for text in customer_texts:
        if match := _UNRESOLVED.search(text):
            return match.group()
    return None


def call_ending(transcript, last: int, add) -> None:
    """The caller's last words decide whether they leave helped, however polite the goodbye was."""
    if transcript.outcome == "ended":
        add(last, "unresolved", "客户的问题还没有解决，坐席就结束了通话")
        return
    said = [t.text for t in transcript.turns if t.role == "customer"]
    # A bare 嗯/好吧/再见 at the very end says nothing; the line before it does.
    closing = [t for t in said[-2:] if len(t) > 3][-1:] or said[-1:]
    words = unresolved_words(closing)
    if words is not None:
        add(last, "unresolved", f"客户结束时仍未得到帮助（「{words}」），问题没有解决")


def scenario_resolution(agent, intents, scenario, add) -> None:
    """The catalog scenario's time limit (none given, too long, faster than the process) and its must-dos."""
    sla = scenario.sla
    if sla is not None:
        promised = [(i, time_commitment(t.text), t.text) for i, t in agent if "commitment" in intents[i]]
        if not promised:
            # Cite the turn that promised vaguely (尽快, 几天) about this matter, else the last one.
            vague = next((i for i, t in agent if _VAGUE.search(t.text) and any(w in t.text for w in sla.keywords)),
                         agent[-1][0])
            add(vague, "commitment", f"没有给出明确的处理时限（{sla.text}）", rules=sla.rules)
        for i, commitment, text in promised:
            if not any(word in text for word in sla.keywords):
                continue
            if commitment.hours() > sla.hours() * 1.01:
                add(i, "sla", f"承诺「{commitment.text}」超出规定时限（{sla.text}）", rules=sla.rules)
            elif sla.kind == "process" and commitment.hours() < sla.hours() / 2:
                add(i, "promise", f"承诺「{commitment.text}」快于规定流程（{sla.text}），属于不能兑现的承诺",
                    rules=sla.rules)
    for check in scenario.must_do:
        if not any(check.matches(t.text, intents[i]) for i, t in agent):
            near = next((i for i, t in agent if check.attempted(t.text)), agent[0][0])
            add(near, "must_do", check.detail, check.points, check.rules)

def vague_promise(agent, intents, add) -> None:
    """A matter outside our catalog still needs a concrete time limit once the agent talks about when."""
    vague = next((i for i, t in agent if _VAGUE_TIME.search(t.text)), None)
    if vague is not None and not any("commitment" in intents[i] for i, _ in agent):
        add(vague, "commitment", "只给出含糊的时间（尽快、一般、应该……），没有明确的处理时限")
