"""What the call achieved: whether the trainee said anything gradable, and whether the caller left helped.

The grade's resolution group is decided here, from the words of both sides rather than from the
agent's own closing: a polite goodbye does not solve a confused caller's problem, and a call of
嗯/好/喂 has nothing in it to grade. A QA supervisor's questions, each a finding in 问题解决:
- did the caller leave helped? (their closing words, or confusion they kept voicing to the end);
- did the agent take the matter on, or pass it back (无法/不清楚/建议您自己去……) without acting?
- did the agent promise what no agent may (私人微信, 我个人赔, 保证全免)?
- when the caller pressed for a time, was there one? (the catalog scenario's limits and must-dos too).
One more, in 安抚同理: did the caller have to say the same thing again?
The cues are ordinary service Chinese that any centre's calls use, not any one centre's wording.
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
# 算了 with a plan to call back (信号不好，我一会儿再打) postpones the call; it is not giving up on it.
_RETRY = re.compile(r"(一会儿?|回头|等会儿?|晚点|改天|待会儿?)再(打|来电|联系)")
# A caller still lost mid-call: does not understand, or asks what to do / where to go now.
# (A plain 怎么办 is how callers ask for help, so it only counts in the closing words above.)
_LOST = re.compile(r"(不|没)(太)?(懂|明白|知道(怎么|咋|该))|是啥|啥意思|什么意思|糊涂"
                   r"|(找谁|问谁|去哪)(啊|呀|去|呢|办)?[？?…。！!]*$|只能(干)?等")
# The caller's plain acceptance at the end: a thank-you or an "I understand".
_ACCEPTS = re.compile(r"谢谢|感谢|多谢|明白了|清楚了|懂了|知道了|好的|可以|行")
# The agent passes the matter back: cannot / does not know / not ours / go elsewhere / see for yourself.
# (请您稍等 and 请您到时候接听 direct the caller politely; only 建议您去/自己…… hands the matter back.)
_DEFLECT = re.compile(
    r"(没有?|无)(办法|权限)|无法(处理|核实|判断|查询?|办理|解决|确定|提供)|查(询)?不到|做不了|管不了|处理不了"
    r"|我(这边|们)?(也)?不(太)?清楚|不归|只负责|不是我们(负责|管|的业务)|其他部门的(业务|事)"
    r"|建议您.{0,3}(自行|自己|到|去|联系|咨询|找|等)|您(可以)?自己(去|再)?(查|搜|看|问|联系|决定|处理|留意)"
    r"|以.{1,8}为准|根据(您)?自己的情况")
# What no agent may promise at any centre: personal contact, money out of pocket, absolute guarantees.
_OVERPROMISE = re.compile(
    r"私人(微信|电话|手机|号码)|(加|留|记一下)我(的)?(个人)?(微信|手机)"
    r"|我(个人|自己|私人)(掏钱|出钱|赔|补|垫)|(直接|额外)(给您)?(全额|全部|全)?(免|赔)"
    r"|(保证|一定|肯定|绝对)(会|能)?(给您)?(全额|全部|全)(退|免|赔)|我(向您)?保证.{0,12}(一定|肯定|绝对|再也)")
# The caller presses for a time (什么时候, 多久, 几点, 几天是几天).
_ASKS_WHEN = re.compile(r"什么时候|啥时候|多久|多长时间|几点|哪天|几天是几天|等到什么")
# The caller has to say it again: 我刚说了, 我都说过了, 我说的是…….
_REPEATS = re.compile(r"我(刚才?|都|已经|不是)(已经|都)?(跟您|跟你|和你)?(说|讲)(过|了)|我说的是|说了(多少|好几|几)(遍|次|回)")
# Points (grader scale) for the findings decided here.
POINTS = {"unresolved": 20, "no_solution": 15, "deflection": 6, "overpromise": 15, "pressed_vague": 5, "repeat": 4}
# The agent takes the matter on: does or will do something for the caller (我帮您冻结, 已经为您提交).
# "有什么可以帮您" offers help without doing anything, so an action needs a doer or a concrete verb.
_OWN_ACTION = re.compile(r"(我|我们|这边|马上|现在|已经|立即|立刻).{0,4}(帮|为|替)您(?!服务)"
                         r"|(帮|为|替)您(办|处理|申请|安排|查|核实|登记|取消|冻结|退|改|联系|催|转|预约|派|提交|开|修|补|换|寄|发"
                         r"|反馈|记录|跟进|上报|解|恢复|加急)")


def _acts(text: str, intents: set[str]) -> bool:
    """Whether the agent takes the matter on in this turn (an action, or a concrete time promise)."""
    return "commitment" in intents or bool(_OWN_ACTION.search(text))


def content_chars(text: str) -> int:
    """Characters in an agent line that are neither punctuation nor filler sounds."""
    return sum(1 for ch in match_key(text) if ch not in FILLERS)


def is_incomplete(agent_texts: list[str]) -> bool:
    """No agent turn, or only empty lines and fillers: nothing the trainee did can be graded."""
    return sum(content_chars(t) for t in agent_texts) < MIN_CONTENT


def unresolved_words(customer_texts: list[str]) -> str | None:
    """The caller's closing words that say they leave confused or without help, if any."""
    for text in customer_texts:
        if (match := _UNRESOLVED.search(text)) and not (match.group() == "算了" and _RETRY.search(text)):
            return match.group()
    return None


def _left_lost(said: list[str]) -> str | None:
    """Why the caller leaves unhelped: their closing words, or confusion voiced again and again to the end."""
    # A bare 嗯/好吧/再见 at the very end says nothing; the line before it does.
    closing = [t for t in said[-2:] if len(t) > 3][-1:] or said[-1:]
    if (words := unresolved_words(closing)) is not None:
        return f"客户结束时仍未得到帮助（「{words}」），问题没有解决"
    lost = [t for t in said[1:] if _LOST.search(t)]
    if len(lost) >= 2 and said and not _ACCEPTS.search(said[-1]):
        return f"客户多次表示不明白（「{lost[-1][:16]}」），直到结束也没有弄清楚，问题没有解决"
    return None


def call_ending(transcript, agent, intents, last: int, add) -> None:
    """The caller's last words decide whether they leave helped, however polite the goodbye was."""
    if transcript.outcome == "ended":
        add(last, "unresolved", "客户的问题还没有解决，坐席就结束了通话", POINTS["unresolved"])
        return
    why = _left_lost([t.text for t in transcript.turns if t.role == "customer"])
    if why is None:
        return
    add(last, "unresolved", why, POINTS["unresolved"])
    if not any(_acts(t.text, intents[i]) for i, t in agent):
        add(last, "unresolved", "坐席始终没有提出任何解决办法或后续处理", POINTS["no_solution"])


def deflections(agent, intents, skip: set[int], add) -> None:
    """Each turn that passes the matter back to the caller without the agent doing anything about it."""
    for i, t in agent:
        if i not in skip and not _acts(t.text, intents[i]) and (match := _DEFLECT.search(t.text)):
            add(i, "unresolved", f"推诿、没有给出办法：「{match.group()}」，应主动核实、登记或协调处理",
                POINTS["deflection"])


def overpromises(agent, skip: set[int], rules, add) -> None:
    """Promises beyond any agent's authority: personal contact, paying from one's pocket, absolute guarantees."""
    for i, t in agent:
        if i not in skip and (match := _OVERPROMISE.search(t.text)):
            add(i, "promise", f"越权承诺「{match.group()}」：只能按流程登记并给出可兑现的处理时限",
                POINTS["overpromise"], rules)


def pressed_for_time(turns, agent, intents, add) -> None:
    """The caller asked when, and the answer was still vague: a dodge on top of the missing limit (once a call)."""
    for k, t in enumerate(turns):
        if t.role != "customer" or not _ASKS_WHEN.search(t.text):
            continue
        reply = next(((i, a) for i, a in agent if i > k), None)
        if reply and "commitment" not in intents[reply[0]] and (_VAGUE_TIME.search(reply[1].text)
                                                                or _VAGUE.search(reply[1].text)):
            add(reply[0], "commitment", "客户追问处理时间，坐席仍然含糊其辞", POINTS["pressed_vague"])
            return


def repeated_requests(turns, agent, add) -> None:
    """Each time the caller must repeat what they already said: the agent was not listening."""
    said: list[set[str]] = []
    for k, t in enumerate(turns):
        if t.role != "customer":
            continue
        key = match_key(t.text)
        grams = {key[j:j + 2] for j in range(len(key) - 1)}
        # Half the line's character pairs were in an earlier line: the same request again.
        again = len(grams) >= 5 and any(len(grams & old) >= 0.5 * len(grams) for old in said)
        if said and (again or _REPEATS.search(t.text)):
            add(next_agent(agent, k), "empathy", "客户不得不重复自己的诉求，坐席没有认真倾听", POINTS["repeat"])
        said.append(grams)


def next_agent(agent, k: int) -> int:
    """The first agent turn after turn k (the last agent turn when none follows)."""
    return next((i for i, _ in agent if i > k), agent[-1][0])


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
