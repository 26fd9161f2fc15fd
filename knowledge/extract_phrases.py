"""Forbidden and prescribed phrases in a regulation's clauses: quotes, lists, inline lists and tables.

Which role a quoted passage plays is read from the words just before it ("不得说“…”，应该说“…”",
"开头语：“…”"), else from the heading or "…如下：" line above it; a table's role from its column
names ("服务忌语 | 替代用语", "场景 | 规范用语"). The cue words are in knowledge.speech_cues, the role a
heading or lead-in gives in knowledge.speech_context.
"""
from __future__ import annotations

import re

from knowledge.blocks import REASON_DASH, REASON_NOTE, REWRITE, REWRITE_AFTER
from knowledge.chunks import SEP
from knowledge.clauses import QUOTE, Clause, Finding, as_sentence, sentences, strip_marker, tidy
from knowledge.normalize import match_key
from knowledge.parties import CALLER
from knowledge.speech_context import (
    NEGATED, PRESCRIBES_LINES, context_role, lines_named, names_a_thing, not_the_agent, story,
)
from knowledge.speech_cues import CUE, FORBID, SUGGEST, SAID, category, line_label, role, scenario

_SCENE_COLUMN = re.compile(r"场景|情形|情况|情境|时机|环节|事项")
_LINE_COLUMN = re.compile(r"用语|话术|说法|应答|回复")
_REWRITE_COLUMN = re.compile(SUGGEST + r"|替代|建议|正确|推荐|应该|规范")
# "不得说：A、B、C" and "下列说法不得使用，如：A、B，以及“C”" list unquoted phrases after a colon; a quoted
# phrase after the list is left to the quote reader.
_INLINE_LIST = re.compile(f"(?:{FORBID})[^，。；：“”]{{0,12}}(?:[，,](?:例如|比如|诸如|如|包括))?[：:]"
                          r"([^“”]+?)(?:[，,、]?(?:以及|及|和|还有)?“|$)")
# "常见的服务禁语有：推卸责任的，如“…”": what runs up to the first quote names a kind of phrase, the quotes its examples.
_KIND_OF = re.compile(r"(?:例如|比如|诸如|譬如|如)\s*$")
# A listed piece that ends in a cue opens the next list ("没号了、修不了；严禁使用“…”").
_OPENS_CUE = re.compile(f"(?:{FORBID}|{SUGGEST})$")

# Words of an agent addressing a caller politely; a prescribed line has at least one.
_POLITE = re.compile(r"您|请|谢谢|感谢|抱歉|对不起|不好意思|不客气|没关系|再见|欢迎|稍等")
# Nouns that name what is listed as wording, not conduct.
_NAMES_WORDING = re.compile(r"语言|用语|话语|言语|话术|说法|说辞|言辞|表达|语句|字眼|忌语|禁语|的话|措辞|口头禅")
# Words of a rule about agents, not of a line said to a caller.
# ("你必须今天办完" orders the caller about: words said.)
_RULE_WORDS = re.compile(r"客服人员|坐席|接线员|员工|应当|(?<!你)必须|不得|扣\d|\d分")
_AGENT_TOLD = re.compile(r"(?:客服|客户代表|代表|坐席|接线员|话务员|员工)(?:人员)?(?:应|须|要|需)")

def _forbidden(phrase: str, evidence: str, suggestion: str = "") -> Finding | None:
    """A forbidden phrase with its tone, or None when it is too short or long to be one."""
    # "不知道，你去问别人（推诿）": a short bracketed tag after the words names their kind, nobody says it.
    phrase = re.sub(r"\s*(?:[（(][^（）()“”]{1,6}[）)]|【[^【】]{1,6}】)$", "", tidy(phrase))
    size = len(match_key(phrase))
    # “冷、硬、顶、推”: single characters listed in one quote name an attitude; nobody says them.
    if not 1 <= size <= 40 or re.fullmatch(r"(?:[\u4e00-\u9fff]\s*、\s*)+[\u4e00-\u9fff]", phrase):
        return None
    # A lone interjection (“喂”) is forbidden as a whole utterance, never inside a longer one.
    kind = "bare_opening" if size == 1 else category(phrase)
    return Finding("forbidden_phrases", phrase, evidence, {"category": kind, "suggestion": tidy(suggestion)})


# "简洁、准确、礼貌": bare words set apart by 、 name qualities of speech; a line said to a caller is a sentence.
_QUALITIES = re.compile(r"(?:[\u4e00-\u9fff]{1,4}、)+[\u4e00-\u9fff]{1,4}")


def _prescribed(line: str, evidence: str, situation: str, clause: Clause, label: str = "",
                strict: bool = True, fallback: str | None = None) -> Finding | None:
    """A prescribed line with its scenario, or None when it is no polite line or names no scene.

    `strict` is off for a table's line column, which holds lines by definition; `fallback` is the
    scenario of a line the text itself introduces as speech ("应首先提示：“…”") when no scene is named.
    """
    line = tidy(line)
    if len(match_key(line)) < (4 if strict else 2) or _QUALITIES.fullmatch(line):
        return None
    # A prescribed line addresses the caller politely; 你 in a quote marks a bad example or a story.
    if strict and (not _POLITE.search(line) or "你" in line) or _AGENT_TOLD.search(line):
        return None
    headings = [strip_marker(h) for h in reversed(clause.section.split(SEP))]
    key = scenario(f"{label} {situation}", *headings)
    if key in (None, "inquiry"):  # a plain question scene yields to what the line itself does (稍等 → hold)
        key = scenario(line) or key or fallback
    if key is None:
        return None
    # A scene of a word or two ("标准") says less than the heading it sits under ("开头语").
    # (A mark, "√", names no scene.)
    situation = tidy(situation) if len(situation) >= 3 else label if len(label) > 1 else headings[0]
    return Finding("scenario_phrases", as_sentence(line), evidence, {"scenario": key, "situation": situation})


def _table_row(clause: Clause) -> list[Finding]:
    """A 禁语 | 替代用语 row gives a phrase and its rewrite; a 场景 | 用语 row a prescribed line."""
    cols = list(clause.cells)
    forbid = next((c for c in cols if re.search(FORBID, c)), None)
    if forbid is None and context_role(clause) == "forbid" and not any(_SCENE_COLUMN.search(c) for c in cols):
        forbid = next((c for c in cols if not _REWRITE_COLUMN.search(c)), None)  # a 禁语 section's table
    evidence = clause.line
    if forbid:
        rewrite = next((c for c in cols if c != forbid and _REWRITE_COLUMN.search(c)), None)
        cell = clause.cells[forbid]
        pieces = QUOTE.findall(cell) or _listed_phrases(cell)  # one cell may list several phrases ("不知道/不清楚")
        return [f for p in pieces if (f := _forbidden(p, evidence, clause.cells.get(rewrite, "")))]
    scene = next((c for c in cols if _SCENE_COLUMN.search(c)), None)
    said = next((c for c in cols if c != scene and _LINE_COLUMN.search(c)), None)
    if not (scene and said):
        return []
    cell = clause.cells[said]
    pieces = QUOTE.findall(cell) or [cell]
    # The table holds lines to say by definition: a scene none of the known ones names ("航班临时取消") is another.
    return [f for p in pieces if (f := _prescribed(p, evidence, clause.cells[scene], clause, strict=False,
                                                   fallback="other"))]


def _quotes(clause: Clause) -> list[Finding]:
    """Quoted passages, each in the role of the cue before it (or of the one before, or of the context)."""
    line, found = clause.line, []
    context = context_role(clause)
    current, previous_end, last_forbidden = context, 0, None
    # (A line labelled as a bad example, "错误：“…”", keeps its quote one under a 服务用语 heading too.)
    scene_lines = context == "speech" and line_label(clause.line, clause.body)[1] != "forbid"
    # "问候：“…”", "安抚：…时，说：“…”": a short label names the scene.
    label = strip_marker(line.split("：", 1)[0]) if "：" in line else ""
    label, prefix = (label, line[: line.find("：") + 1]) if 0 < len(label) <= 4 else ("", "")
    spans = list(sentences(line))
    # A quote standing alone on its line under a 用语 / 话术 heading (a Markdown blockquote under its scene's name)
    # is a line to say, whether or not the scene is one the cue words know.
    alone = bool(QUOTE.fullmatch(line.strip()))
    for m in QUOTE.finditer(line):
        if names_a_thing(line, m):
            continue  # "表中“应改为”一栏": the quote names a column or a term, nobody says it
        gap = line[previous_end:m.start(1) - 1]
        if not_the_agent(gap):
            previous_end = m.end()
            continue  # "客户说“…”", "客户：“…”", "语音菜单提示：“…”": the caller's or a machine's words, no agent's line
        # A quote right after a scene label ("客户不满时：“…”") is a line to say unless a cue says otherwise.
        # After an unquoted forbidden list ("不得使用，如：A、B，以及“…”") the cue words inside A and B say nothing.
        said = "forbid" if _INLINE_LIST.search(gap + "“") or _BANNED_WORDING.search(gap) \
            and _WORDING_AFTER.match(line, m.end()) or _BANNED_REPLY.search(gap) else role(gap)
        introduced = said in ("speech", "suggest") or gap.rstrip().endswith(("：", ":"))
        current = said or current or ("speech" if introduced else None)
        start, end = next(((a, b) for a, b in spans if a <= m.start(1) < b), (0, len(line)))
        sentence = line[start:end].strip()
        if current == "forbid":
            if last_forbidden := _forbidden(m[1], sentence):
                found.append(last_forbidden)
        elif current == "suggest" and last_forbidden and not last_forbidden.fields["suggestion"]:
            last_forbidden.fields["suggestion"] = tidy(m[1])
        elif current in ("speech", "suggest"):
            before = line[max(previous_end, start):m.start(1) - 1].removeprefix(prefix)
            # "客人对房价有疑问：“…”" under a 服务用语 heading: a scene and its line, polite words or not (a line that
            # only explains a rule says no 您); 你 or a label such as "错误：" still marks a bad example.
            scene_line = scene_lines and gap.rstrip().endswith(("：", ":")) and "你" not in m[1]
            if f := _prescribed(m[1], sentence, _situation(before), clause, label, strict=not scene_line,
                                fallback="other" if introduced or alone else None):
                found.append(f)
        previous_end = m.end()
    return found


# "不得回复买家“…”", "不要对客户讲“…”", "不得回应“…”": a ban on a reply bans the words it quotes ("不得简单答复“…”"
# qualifies the reply: it may ban an answer's substance as well as its wording).
_BANNED_REPLY = re.compile(rf"(?:{NEGATED}|不能|不可|切勿)(?:(?:对|向)(?:{CALLER})(?:回复|答复|回答|回应|讲|表示)"
                           rf"|(?:回复|答复|回答|回应|讲|表示)(?:{CALLER})?)\s*[：:]?$")
# "不得以“…”“…”等说法推诿", "不得以“我很忙”为由挂机", "不要拿“…”打发玩家": wording used to put the caller off is
# banned as quoted, a pretext named in it ("不得以“系统问题”为由推脱") too: the agent says it.
_BANNED_WORDING = re.compile(f"(?:{NEGATED}|不能|不可|切勿)(?:以|拿|用)$")
_WORDING_AFTER = re.compile(r"(?:[、，,]?“[^“”]*”)*\s*(?:(?:等|之类的?)(?:说法|话|语句|话语|用语|言语|字眼)"
                            r"|为由|为借口|作为?借口|来?(?:打发|敷衍|搪塞|应付|推脱|推诿))")


def _situation(before: str) -> str:
    """The scene a quoted line answers: the "…时" clause before the speech verb ("客户情绪激动时，应先安抚：")."""
    before = QUOTE.sub("", strip_marker(before))
    cues = list(CUE.finditer(before))
    if cues:  # "…时，应说：" names the scene before its verb; "结束语，" is itself the scene
        before = before[: cues[-1].start()] if before[: cues[-1].start()].strip("，,：: ") else cues[-1][0]
    before = re.split(r"[，,：:]", before)[0]
    return re.sub(r"(?:应当?|须|需|要|可以?|则|并|先)+$", "", before).strip()


def _listed_phrases(text: str) -> list[str]:
    """Phrases listed after a label: split at 、 and ；, and at slashes when no phrase has a comma of its own
    ("不知道/不清楚/没办法"; "先生/女士，我这听着呢" is one phrase)."""
    pieces = re.split(r"[、；;]", text)
    return [q for p in pieces for q in (re.split(r"[/／]", p) if not re.search(r"[，,。！？!?]", p) else [p])]


def _without_reason(item: str) -> str:
    """A listed phrase without the reason after a dash, and without 《》【】 wrapped round all of it."""
    phrase = REASON_NOTE.sub("", REASON_DASH.split(item, maxsplit=1)[0]) or item
    wrapped = re.fullmatch(r"《([^《》]+)》|【([^【】]+)】", phrase)
    return (wrapped[1] or wrapped[2]) if wrapped else phrase


# "这事不归我管 —— 推诿。可改说：“…”", "爱办不办（应说：“…”）", "不知道，应说：“…”": an unquoted phrase listed under
# a 禁语 heading, its note after a dash or in brackets, or a rewrite cue right after it.
_NOTED = re.compile(rf"{REASON_DASH.pattern}|[（(](?=[^（）()]*{REWRITE})|{REWRITE_AFTER.pattern}")


def _glossed(clause: Clause) -> list[Finding] | None:
    """An item under a 禁语 heading whose unquoted words come with a note: the words are the phrase, and a quote
    after a rewrite cue in the note is its suggestion, not a line to say of its own. None for any other line."""
    if not (clause.item or clause.listed) or context_role(clause) != "forbid" \
            or not (m := _NOTED.search(body := clause.body)):
        return None
    head, note = _without_reason(body[:m.start()].strip()), body[m.end():]
    # A phrase of two sentences cannot be told from a reason before the cue ("爱办不办。态度冷漠。应说：…").
    if not head or "“" in head or re.search(r"[。！？!?].", head) and not m[0].strip():
        return None
    cue = re.search(REWRITE, note)
    said = note[cue.end():] if cue else ""
    suggestion = next(iter(QUOTE.findall(said)), said.strip("：:（）() "))
    return [f] if (f := _forbidden(head, clause.line, suggestion)) else []


def rewrite(clause: Clause) -> str | None:
    """The rewrite a line labelled as right wording states (its quote, else the rest of the line), or None.

    Under a forbidden phrase's line ("× “…”" over "√ “…”", "错误示范：…" over "正确示范：…") the wording belongs
    to the phrase: it is no prescribed line of its own."""
    _, said, words = line_label(clause.line, clause.body, lines_named(clause))
    if clause.cells or said != "suggest":
        return None
    quoted = QUOTE.findall(clause.line)
    wording = tidy(quoted[0] if len(quoted) == 1 else words)
    return wording or None


def _paragraph_list(clause: Clause) -> list[str]:
    """The phrases of a paragraph that is a whole list, its items run on over ；or 、 ("A；B！；C。" in one HTML
    <p>), under a 忌语 heading or a "…不得使用下列用语：" line; [] for any other line. Conduct ("不得推诿；…")
    and sentences of some length are rules, not phrases; so is a note whose pieces mostly do not read as said
    ("以上用语一经查实按规定处理；情节严重的通报批评"), and a sentence that lists things with 、 inside a clause of
    its own ("内容包括A、B和C，…"): only a paragraph of bare words splits at 、 ("不知道、找别人")."""
    if clause.item or clause.listed or "“" in clause.line or "：" in clause.body:
        return []
    text = clause.body.rstrip("；;。")
    pieces = [p.strip() for p in re.split(r"[；;]", text)]
    said = 2 * sum(bool(SAID.search(p)) for p in pieces) >= len(pieces)
    if len(pieces) < 2 and not re.search(r"[，,。！？!?]", text):
        pieces, said = [p.strip() for p in text.split("、")], True
    if len(pieces) < 2 or not said or any(not 0 < len(p) <= 30 or _RULE_WORDS.search(p) for p in pieces):
        return []
    return pieces if context_role(clause) == "forbid" else []


def phrases(clause: Clause) -> list[Finding]:
    """Every forbidden or prescribed phrase one clause states."""
    if clause.cells:
        return _table_row(clause)
    if story(clause):
        return []
    body, found = clause.body, []
    named = lines_named(clause)
    label, said, words = line_label(clause.line, clause.body, named)
    if label and "“" not in words:
        # "服务禁语：A、B", "禁：…" and "× …" name the words after them forbidden; "标准开头语：您好，…", "话术：…"
        # and "√ …" a line to say, and so does any scene label ("故障报修：…") in a list under a 用语 heading.
        if said == "forbid":
            listed = _listed_phrases(_without_reason(words))
            return [f for p in listed if (f := _forbidden(strip_marker(p), clause.line))]
        scene = said is None and len(label) <= 8 and context_role(clause) == "speech"
        # The label itself says the words are a line to say, whether or not they name their scene; under a
        # heading naming lines to say, whether or not they read as polite ("√ 本次费用由…组成，…可在…查看。").
        if (said or scene) and (f := _prescribed(words, clause.line, "", clause, label, strict=not (said and named),
                                                 fallback="other" if said else None)):
            return [f]
    if (glossed := _glossed(clause)) is not None:
        return glossed
    if "“" in clause.line:
        found += _quotes(clause)
    # An inline list runs on over semicolons ("包括：A；B；C。"), so it is read per full stop, up to a piece
    # that opens the next cue ("…；严禁使用“…”"); a mark before a separator ends an item ("喂！；…"), not the list.
    for sentence in re.findall(r"(?:[^。！？!?]|[。！？!?](?=[；;、]))+[。！？!?]?", clause.line):
        if (m := _INLINE_LIST.search(sentence.rstrip("；;。"))) and not _KIND_OF.search(m[1]):
            found += [f for p in _listed_phrases(m[1]) if not _OPENS_CUE.search(p) and (f := _forbidden(p, sentence))]
    if not found and (listed := _paragraph_list(clause)):
        return [f for p in listed if (f := _forbidden(p, clause.line))]
    body = _without_reason(body)
    # A plain line under "严禁使用以下语言：" is an item whose number got lost (an HTML <li>); the intro names
    # wording, so the line is words said, not conduct ("以下行为严禁：" heads conduct).
    # Under "应使用下列规范用语：" a line of two sentences ("请问还有…吗？感谢…") is an item too, not the prose a
    # lost number is otherwise told from by its single sentence.
    prescribing = bool(clause.intro and PRESCRIBES_LINES.search(clause.intro))
    item = clause.item or (clause.listed or prescribing) and bool(_NAMES_WORDING.search(clause.intro))
    if found or not item or "“" in body or "：" in body or len(body) > 60 or _RULE_WORDS.search(body):
        return found
    # An unquoted list item under a 禁语 heading is a phrase, unless it names the list ("(二)服务忌语");
    # under a 用语 heading, a line said to the caller.
    context = context_role(clause)
    if context == "forbid" and not re.search(FORBID, body) and len(body) <= 30:
        found += [f for f in [_forbidden(body, clause.line)] if f]
    elif context == "speech" and "您" in body:
        # Under "应使用下列规范用语：" every line is one to say, whether or not it names its scene.
        fallback = "other" if prescribing else None
        found += [f for f in [_prescribed(body, clause.line, "", clause, fallback=fallback)] if f]
    return found
