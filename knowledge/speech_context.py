"""The role a clause's heading or "…如下：" lead-in gives the lines under it: forbidden phrases, lines to say,
or neither; and quotes no agent says (the caller's words, a machine's prompts, the story of a case, a quote naming
a thing). The cue words are in knowledge.speech_cues."""
from __future__ import annotations

import re

from knowledge.chunks import SEP
from knowledge.clauses import Clause, strip_marker
from knowledge.parties import CALLER
from knowledge.speech_cues import CUE, FORBID, SPEECH_HEADING, role

NEGATED = r"禁止|严禁|不得|不准|不要|杜绝|忌"


def context_role(clause: Clause) -> str | None:
    """The role the "…如下：" line or the nearest heading naming one gives a clause's quotes and items."""
    # What the intro says before its list starts, in its last sentence: "…不得打断客户。应按下列场景使用规范用语："
    # bans an act in a sentence of its own, not the list.
    said = [s for s in re.split(r"[。！？!?]", re.split(r"[：:]", clause.intro)[0]) if s.strip()]
    intro = said[-1] if said else ""
    # "以下用语一律禁止：" bans the list it introduces; "应使用以下规范用语，可调整语序，但不得改变含义：" names
    # the lines to say in a clause of its own, and its ban only limits how they may be adapted.
    if re.search(NEGATED, intro) and not _prescribes_list(intro):
        return "forbid"
    heading = _heading_role(clause)
    found = role(intro) if intro else None
    # "以下用语一经核实…：" under a 服务忌语 heading only names the list as words; the heading says what they are.
    if found == "speech" and heading == "forbid" and _NAMES_WORDS.fullmatch(list(CUE.finditer(intro))[-1][0]):
        return heading
    # "应使用以下规范用语：" over its items prescribes them; only a rewrite needs a forbidden phrase before it.
    if found == "suggest" and _LINES_TO_SAY.fullmatch(list(CUE.finditer(intro))[-1][0]):
        return "speech"
    return found or heading


# Nouns that name lines to say; other 替代 / 应改为 cues introduce rewrites of a forbidden phrase.
_LINES_TO_SAY = re.compile(r"(?:规范|标准|推荐|正确)用语")
# A clause telling the agent to use the lines to say listed below ("坐席在以下环节应使用规范用语").
PRESCRIBES_LINES = re.compile(r"(?:应当?|须|要).*(?:规范|标准|推荐|正确)用语")
_POINTS_DOWN = re.compile(r"以下|下列|如下|下表")


def _prescribes_list(intro: str) -> bool:
    """Whether the list an intro introduces is prescribed by a clause of its own, its ban only qualifying it
    ("应使用以下规范用语，可调整语序，但不得改变含义"); "禁止使用下列用语，应以规范用语代替" bans the list. The
    obligation may open the sentence ("坐席应使用普通话，不得闲聊，并使用以下规范用语")."""
    parts = re.split(r"([，,；;])", intro)
    down = [i for i in range(0, len(parts), 2) if _POINTS_DOWN.search(parts[i])]
    if not down or any(re.search(NEGATED, parts[i]) for i in down):
        return False
    # "使用以下话术，可根据情况补充，但不得删减安全提示": every ban only limits how the lines listed may be cut or
    # changed, so the lines themselves are to be said, however the list is named.
    return all(PRESCRIBES_LINES.search("".join(parts[:i + 1])) for i in down) \
        or all(_ADAPTED.search(part) for part in parts[::2] if re.search(NEGATED, part))


# A ban on cutting or changing the lines listed ("不得省略其中的核心内容", "不得删减安全提示", "不得改变原意").
_ADAPTED = re.compile(rf"(?:{NEGATED})[^，,；;]{{0,6}}?(?:省略|改变|更改|删减|删除|删改|改动|篡改|遗漏|漏掉|缺失|颠倒)")


# Nouns that name a list as words said, neither prescribing nor forbidding them.
_NAMES_WORDS = re.compile(r"用语|话术")


# A heading that is a ban word and nothing else ("#### 禁止" over a list of quoted phrases) heads forbidden ones.
_BARE_BAN = re.compile(r"[✗✘❌×]?\s*(?:禁止|严禁|禁用|忌用|切忌|不得|不要)(?:说|使用)?\s*[：:]?")


def lines_named(clause: Clause) -> bool:
    """Whether the lead-in or a heading above names lines to say ("（一）推荐用语", "规范话术", "应使用以下规范用语：");
    a heading forbidding speech nearer the line ends the search."""
    if clause.intro and PRESCRIBES_LINES.search(clause.intro):
        return True
    for name in reversed(clause.section.split(SEP)):
        if re.search(FORBID, name):
            return False
        if _LINES_TO_SAY.search(name) or "话术" in name:
            return True
    return False


def _heading_role(clause: Clause) -> str | None:
    """The role the nearest heading naming one gives: 服务忌语 forbids, 服务用语 prescribes."""
    for name in reversed(clause.section.split(SEP)):
        if re.search(FORBID, name) or _BARE_BAN.fullmatch(strip_marker(name)):
            return "forbid"
        if SPEECH_HEADING.search(name):
            return "speech"
    return None


# The caller speaking ("当客户说“…”时", "客户来电称“…”", "客户：“…”" in a sample dialogue); the agent speaking to
# the caller ("告知客户：", "对客户说", "安抚客户："), in a scene the caller sets ("用户反映停水时说“…”", "客户等候后说")
# or banned from saying something to the caller ("对老年来电人不得说“…”") is another matter; only a label that is the
# caller's name alone ("客户：") gives the caller the words after its colon.
_CALLER_SPEAKS = re.compile(rf"(?:(?<![向对给知醒问请跟与和为复])(?:{CALLER})[^，。；：“”时后不应须要]{{0,4}}?"
                            rf"(?:说|问|称|表示|反映|讲|询问|抱怨)|(?:^|[，。；！？\s>])(?:{CALLER})\s*[：:])\s*$")
# A machine speaking: a voice menu, a prompt tone, a system's recorded announcement ("系统自动播放欢迎语：“…”").
_MACHINE_SPEAKS = re.compile(r"(?:系统|语音|IVR|自动)[^，。；：“”]{0,6}?(?:播放|播报|提示|菜单|导航)[^，。；：“”]{0,4}[：:]?\s*$"
                             r"|提示音\s*[：:]?\s*$", re.I)


def not_the_agent(before: str) -> bool:
    """Whether the words before a quote give it to the caller or to a machine, not to the agent."""
    return bool(_CALLER_SPEAKS.search(before) or _MACHINE_SPEAKS.search(before))


# A case (a heading "四、典型案例", a label "【案例】" or "案例分析：") tells what somebody once said; only a line in it
# that says what is right or banned ("正确做法是…告知用户：“…”") states a rule.
_CASE = re.compile(r"案例|事例")
_CASE_LABEL = re.compile(r"^\s*(?:[【\[]([^】\]]{1,10})[】\]]|([^：:，。“”]{1,8})[：:])")
_RULING = re.compile(r"应|须|不得|严禁|禁止|正确|规范|标准")


def story(clause: Clause) -> bool:
    """Whether a clause is the story of a case, stating no rule."""
    label = _CASE_LABEL.match(clause.body)
    named = _CASE.search(strip_marker(clause.section.split(SEP)[-1])) or label and _CASE.search(label[1] or label[2])
    return bool(named) and not _RULING.search(clause.body)


# A quote followed by one of these nouns is a name (of a column, a term, a label), not a line anybody says.
# ("“服务禁语”一节所列用语" names a part of the document the same way; "以“规范替代”列的说法代替" a column,
# while "将“…”列为禁语" lists the quoted words.)
_NAMED = re.compile(r"\s*(?:一?栏|一列|这一列|列(?![为入出举明])|一词|字样|这个词|一节|一章|章节|所列|中所列|清单)")
# Quotes followed by "等专业术语" name jargon to explain ("避免使用“预授权”“定损”等专业术语"), and "等称呼" forms
# of address ("不用“老铁”“哥们”等称呼"): words, not lines.
_TERMS_AFTER = re.compile(r"(?:[、，,]?“[^“”]*”)*\s*(?:等|之类的?|这类|一类)?\s*(?:专业|业务|技术|行业|内部)?"
                          r"(?:术语|名词|行话|缩写|简称|称呼|称谓)")
# Quotes followed by a noun of conduct or of a thing name a way of acting or a tool, not words anybody says:
# "杜绝“一问三不知”现象", "不得使用“踢皮球”的方式", "“门难进、脸难看、事难办”的衙门作风", "不得使用“微信”“QQ”等私人软件".
_CONDUCT_AFTER = re.compile(r"(?:[、，,]?“[^“”]*”)*\s*(?:等|之类的?)?\s*的?[\u4e00-\u9fff]{0,4}?"
                            r"(?:现象|作风|做法|方式|行为|软件|工具|平台|账号|APP)", re.I)
# A quote after "按" names the category or standard a fault is scored under ("按评分表“业务准确性”扣分").
_SCORED_UNDER = re.compile(r"(?:按|按照|依照|参照|列入|计入|归入)[^，。；：“”]{0,5}$")
# A quote that is itself the name of a kind of speech ("“替代用语”仅供参考", "“文明用语”") names a column or a
# list, whatever follows it.
# ("“没这种说法”" is said: the name is a qualifier and the noun, nothing else.)
_KIND_OF_SPEECH = re.compile(r"(?:服务|规范|标准|文明|礼貌|替代|建议|推荐|正确|错误|禁用|不当|不文明|不规范|基本|常用)?"
                             r"(?:用语|忌语|禁语|话术|说法)")


def names_a_thing(line: str, m: re.Match) -> bool:
    """Whether a quote (`m`, its words in group 1) names something, a column, a term, a way of acting, a category or
    a kind of speech, rather than giving words anybody says."""
    return bool(_NAMED.match(line, m.end()) or _SCORED_UNDER.search(line, 0, m.start())
                or _KIND_OF_SPEECH.fullmatch(m[1].strip()) or _TERMS_AFTER.match(line, m.end())
                or _CONDUCT_AFTER.match(line, m.end()))
