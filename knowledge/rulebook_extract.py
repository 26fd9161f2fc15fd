"""Pattern extractors that draft the rulebook from the cleaned regulations.

The draft is then reviewed by hand (knowledge/rulebook.yaml); `merge_rulebook` keeps the
reviewed entries when the extraction is re-run. Heading paths come from the same outline as
the chunks (knowledge.chunks), so a rule cites the article its chunk lives in.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from knowledge.chunks import SEP, Node, label, outline
from knowledge.clean import CleanDoc, clean_sources
from knowledge.rulebook import (
    RULEBOOK_PATH, SECTIONS, ForbiddenPhrase, Point, Principle, Procedure, Rulebook, RuleSource, ScenarioPhrase,
    Sla, dump_rulebook, load_rulebook,
)

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# The situation words of the sources' tables and reply lists → scenario keys; first match wins,
# so the narrower scenes come before the broader ones.
_SCENARIO_CUES: list[tuple[str, str]] = [
    ("misdial", "打错电话|错误电话|误拨"), ("transfer", "其他人员|其他部门|转接"),
    ("long_wait", "久等|打不进来|等待时间长|迟接"), ("slow_reply", "回复不及时"),
    ("unfamiliar_business", "业务不熟悉"), ("rude_customer", "态度恶劣"),
    ("silent_line", "不讲话|听不到客户声音|没有话音"), ("noisy_line", "杂音|声音小|声音过小|声音太小"),
    ("unclear_request", "未听清|没有听清楚|太急躁|繁琐不清"), ("confirm_info", "不确定|表示认可|确认"),
    ("doubt_answer", "提出疑问|听清客户代表的解释|歉意或要求体谅"), ("wrong_explanation", "解释错误"),
    ("cannot_answer_now", "无法当|当时解决不了"), ("need_record", "记录相关内容|需要客户记录"),
    ("hold", "超出1分钟|需要查询|稍等片刻"), ("suggestion", "建议"), ("closing", "结束|终止|再见"),
    ("thanks", "感谢|致谢"), ("apology", "致歉"), ("complaint", "投诉"),
    ("greeting", "呼入|呼出|问候语|开头语|问好语|接电话时|这里是"), ("inquiry", "请求或询问|配合"),
]
# Headings under which a quoted sentence is a reply the agent must say.
_REPLY_HEADINGS = re.compile(r"礼节用语|标准用语|特殊问题处理|投诉与建议|接听规范|迟接电话")
_QUOTE = re.compile(r"“([^“”]{2,}?)(?:”|(?=“)|$)")

_FORBIDDEN_ROW = re.compile(r"^(\d{1,2})\. 服务禁语：(.+)$")
_SCENARIO_ROW = re.compile(r"^(\d{1,2})\. 场景：(.+?)；服务用语：(.+)$")
_NAMED_PRINCIPLE = re.compile(r"^第[一二三四五六七八九十]+条 (三要|三不|四个一样)：(.+)$")
_ITEM_MARKER = re.compile(r"^(?:\(\d{1,2}\)|\([一二三四五六七八九十]+\)|\d{1,2}[、.]|[-•])\s*")
_INLINE_STEPS = re.compile(r"(安抚客户情绪)：((?:\d[^\d]+)+)")
_PROCEDURE_HEADINGS = re.compile(r"^第.+条 服务流程$|工作细则$")

_SLA = re.compile(
    r"(?P<value>\d+(?:-\d+)?|[一二两三四五六七八九十]+)\s*"
    r"(?P<unit>个工作日|小时|分钟|秒钟|秒|个铃声|声|周|年|%|个字)"
)
_SLA_UNITS = {"个工作日": ("working_day", "wd"), "小时": ("hour", "h"), "分钟": ("minute", "min"),
              "秒钟": ("second", "s"), "秒": ("second", "s"), "周": ("week", "w"), "个铃声": ("ring", "rings"), "声": ("ring", "rings"),
              "年": ("year", "y"), "%": ("percent", "pct"), "个字": ("chars_per_minute", "cpm")}
# What an SLA sentence is about, by its words; first match wins.
_SLA_TOPICS: list[tuple[str, str, str]] = [
    ("return_exchange", "退款或换货", "退换货"), ("refund", "退款操作", "退款"), ("exchange", "换货操作", "换货"),
    ("complaint_final", "最终解决方案", "投诉的最终解决方案"), ("complaint_contact", "收到投诉后", "收到投诉后联系客户"),
    ("complaint", "投诉处理", "投诉初步响应"), ("solution", "解决方案", "提供解决方案"),
    ("progress", "处理进度", "告知处理进度"), ("callback", "工作日给您回复", "当时解决不了的问题给客户回复"),
    ("tracking_file", "跟踪档案", "市场部建立跟踪档案"), ("records", "保存", "回访记录保存"),
    ("callback_members", "回访", "会员客户回访"), ("connect_rate", "接通率", "电话接通率"),
    ("connect", "接通", "电话接通人工服务"), ("hangup_wait", "挂机", "挂机前等待"), ("reply", "回复", "回复咨询"),
    ("hotline", "二十四小时有人接听", "400电话有人接听"), ("hold", "超出1分钟", "处理时提示客户等待"),
    ("contact_customer", "与客户进行沟通", "与新分配的客户沟通"), ("private_call", "私人电话", "私人电话"),
    ("speech", "每分钟", "通话语速"), ("answer", "接听", "接听来电"),
]
_POINT = re.compile(r"一次(扣|奖励)(\d+)分")
_RATE = re.compile(r"(\d+)分即为(\d+)元")
_FINE = re.compile(r"≦(\d+)分.*?罚款\s*(\d+)元")
_AWARD = re.compile(r"奖励：?(\d+)元")
_NEGATIVE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:(?P<wan>万)元/次|倍)|双倍")
_NEGATIVE_TOPICS = [("repeat", "二次"), ("media", "媒体"), ("escalation", "升级")]
_POINT_SECTIONS = [("appearance", "仪容仪表"), ("bonus", "奖励方案"), ("rate", "备注")]


def _walk(nodes: list[Node], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Node]]:
    """Every node with the heading path of its ancestors."""
    for node in nodes:
        yield path, node
        yield from _walk(node.children, path + (label(node),))


def _sentences(line: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。；！])", line) if s.strip()]


def _strip_marker(line: str) -> str:
    return _ITEM_MARKER.sub("", line).rstrip("；;。")


def _scenario_for(*texts: str) -> str:
    """The first text (situation, phrase, heading) that names a scene decides the scenario."""
    for words in texts:
        if key := next((key for key, cue in _SCENARIO_CUES if re.search(cue, words)), None):
            return key
    return "inquiry"


def _number(text: str) -> float:
    """Arabic or Chinese numerals up to 99 (三, 十, 二十四)."""
    if text.isdigit():
        return float(text)
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return float(_CN_DIGITS[text])
    return float(_CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0))


def _finish(text: str) -> str:
    """A quoted phrase as a sentence: trimmed, ending in a full stop unless it asks or exclaims."""
    text = re.sub(r"\*{3,}", "……", text.strip().rstrip("，、；"))
    text = re.sub(r"\s*……", "……", re.sub(r"\bxxx\s*", "XX", text))
    return text if re.search(r"[。？！…]$", text) else text + "。"


class _Draft:
    """Collects entries while numbering ids per key, so ids stay stable between runs."""

    def __init__(self) -> None:
        self.sections: dict[str, list] = {name: [] for name in SECTIONS}
        self.counts: dict[str, int] = {}
        self.seen: set[str] = set()

    def next_id(self, stem: str, numbered: bool = True) -> str:
        self.counts[stem] = self.counts.get(stem, 0) + 1
        n = self.counts[stem]
        return f"{stem}-{n}" if numbered else (stem if n == 1 else f"{stem}-{n}")

    def add(self, section: str, entry) -> None:
        key = (section, entry.text)
        if key not in self.seen:  # the same rule repeated (004 repeats its text) is one entry
            self.seen.add(key)
            self.sections[section].append(entry)


def _scenario_rows(draft: _Draft, src, situation: str, cell: str, heading: str = "") -> None:
    phrases = _QUOTE.findall(cell) or [cell]
    for phrase in phrases:
        if phrase.startswith("客户代表"):
            continue  # an instruction to the agent (客户代表应再耐心的解释一遍), not words to say
        scenario = _scenario_for(situation, phrase, heading)
        draft.add("scenario_phrases", ScenarioPhrase(
            id=draft.next_id(f"sp-{scenario}"), text=_finish(phrase), source=src,
            scenario=scenario, situation=situation.rstrip("；，"),
        ))


def _extract_line(draft: _Draft, name: str, path: tuple[str, ...], node: Node) -> None:
    line = node.line
    src = RuleSource(file=name, article=SEP.join(path) or label(node))
    here = RuleSource(file=name, article=SEP.join(path + (label(node),)))
    if m := _FORBIDDEN_ROW.match(line):
        draft.add("forbidden_phrases", ForbiddenPhrase(id=f"fp-{int(m[1]):02d}", text=m[2], source=src))
        return
    if m := _SCENARIO_ROW.match(line):
        _scenario_rows(draft, src, m[2], m[3])
        return
    if m := _NAMED_PRINCIPLE.match(line):
        slug = {"三要": "three_musts", "三不": "three_donts", "四个一样": "four_sames"}[m[1]]
        items = [i for i in re.split(r"[，、。]", m[2]) if i]
        draft.add("principles", Principle(id=f"pr-{slug}", text=line.split(" ", 1)[1], source=here,
                                          name=m[1], items=items))
    if node.children and label(node).endswith("服务禁忌"):
        items = [_strip_marker(c.line) for c in node.children]
        draft.add("principles", Principle(id="pr-service_taboos", text="；".join(items) + "。", source=here,
                                          name="服务禁忌", items=items))
    if node.children and _PROCEDURE_HEADINGS.search(label(node)):
        steps = [_strip_marker(c.line) for c in node.children]
        draft.add("procedures", Procedure(id=draft.next_id("proc-answer_phone", numbered=False),
                                          text="；".join(steps) + "。", source=here, name=label(node), steps=steps))
    if "操作程序" in line and node.children is not None:
        steps = [_strip_marker(c.line) for c in node.children if re.match(r"\(\d+\)", c.line)]
        if steps:
            draft.add("procedures", Procedure(id="proc-complaint_flow", text="；".join(steps) + "。", source=here,
                                              name="操作程序", steps=steps))
    for m in _INLINE_STEPS.finditer(line):
        steps = [s.strip() for s in re.split(r"\d", m[2]) if s.strip()]
        draft.add("procedures", Procedure(id="proc-calm_customer", text=f"{m[1]}：{'，'.join(steps)}。",
                                          source=here, name=m[1], steps=steps))
    if _REPLY_HEADINGS.search(SEP.join(path + (line,))):
        for quoted in _QUOTE.finditer(line):
            before = line[: quoted.start()]
            # A reply addresses the customer; "应“请字要当先…”" quotes a rule, not a reply.
            if "您" not in quoted[1] or before.endswith("应"):
                continue
            situation = _strip_marker(re.split(r"[“”]", before)[0]).rstrip("，：:")
            _scenario_rows(draft, src, situation, f"“{quoted[1]}”", SEP.join(path[-1:]))
    if m := _FINE.search(line):
        draft.add("points", Point(id=f"pt-dcc-{m[1]}", text=_finish(_strip_marker(line)), source=src,
                                  kind="penalty", money=-float(m[2])))
    for sentence in _sentences(line):
        _extract_slas(draft, src, sentence)
        _extract_points(draft, path, src, sentence)


def _clause(sentence: str, match: re.Match) -> str:
    """The clause holding a number plus the one before it: 市场部在48小时之内建立跟踪档案."""
    cuts = [i + 1 for i, ch in enumerate(sentence[: match.start()]) if ch == "，"]
    end = sentence.find("，", match.end())
    end = len(sentence) if end < 0 else end
    start = next((c for c in reversed([0, *cuts[-2:]]) if end - c <= 40), cuts[-1] if cuts else 0)
    return _strip_marker(sentence[start:end])


def _extract_slas(draft: _Draft, src: RuleSource, sentence: str) -> None:
    if m := re.search(r"([两二\d])声至([三\d])声内", sentence):
        low, high = _number(m[1]), _number(m[2])
        draft.add("slas", Sla(id=f"sla-answer-{low:g}_{high:g}rings", text=_finish(sentence[: sentence.find("，", m.end())]),
                              source=src, value=(low, high), unit="ring", applies_to="接听来电"))
        sentence = sentence[m.end():]
    for m in _SLA.finditer(sentence):
        unit, short = _SLA_UNITS[m["unit"]]
        after = sentence[m.end():m.end() + 1]
        # Rings and weeks are limits only as "within/before" (三声内, 第三声前, 一周内), not "一声巨响";
        # years only as a retention floor (not the date 二○一四年); seconds only before hanging up.
        if unit in ("ring", "week") and after not in ("内", "前", "再"):
            continue
        if unit == "year" and "不得少于" not in sentence or unit == "second" and "挂机" not in sentence:
            continue
        if unit == "minute" and "每分钟" in sentence or unit == "chars_per_minute" and "每分钟" not in sentence:
            continue
        raw = m["value"]
        value: float | tuple[float, float] = (
            tuple(float(v) for v in raw.split("-")) if "-" in raw else _number(raw)
        )
        if m["unit"] == "个字":
            unit = "chars_per_minute"
        topic, applies_to = next(((t, what) for t, cue, what in _SLA_TOPICS if cue in sentence), ("limit", "时限"))
        shown = "_".join(f"{v:g}" for v in value) if isinstance(value, tuple) else f"{value:g}"
        stem = f"sla-{topic}-{shown}{short}"
        draft.add("slas", Sla(id=draft.next_id(stem, numbered=False), text=_finish(_clause(sentence, m)),
                              source=src, value=value, unit=unit, applies_to=applies_to))
    if m := re.search(r"每分钟(\d+)-(\d+)", sentence):  # 002 writes the rate without a unit
        draft.add("slas", Sla(id=f"sla-speech-{m[1]}_{m[2]}cpm", text=_finish(sentence), source=src,
                              value=(float(m[1]), float(m[2])), unit="chars_per_minute", applies_to="通话语速"))


def _extract_points(draft: _Draft, path: tuple[str, ...], src: RuleSource, sentence: str) -> None:
    where = SEP.join(path)
    section = next((s for s, cue in _POINT_SECTIONS if cue in where), "other")
    for m in _POINT.finditer(sentence):
        sign = -1 if m[1] == "扣" else 1
        points = sign * float(m[2])
        draft.add("points", Point(id=draft.next_id(f"pt-{section}"), text=_finish(_strip_marker(sentence)),
                                  source=src, points=points, kind="deduction" if sign < 0 else "bonus",
                                  money=points * 2))
    if m := _RATE.search(sentence):
        draft.add("points", Point(id="pt-rate", text=_finish(sentence[m.start():]),
                                  source=src, points=float(m[1]), kind="rate", money=float(m[2])))
    if (m := _AWARD.search(sentence)) and "DCC" in sentence:
        draft.add("points", Point(id=draft.next_id("pt-dcc-award"), text=_finish(sentence), source=src,
                                  kind="bonus", money=float(m[1])))
    if "负激励" in sentence and (m := _NEGATIVE.search(sentence)):
        topic = next((t for t, cue in _NEGATIVE_TOPICS if cue in sentence), "other")
        money = -float(m[1]) * 10000 if m.group("wan") else None
        text = re.sub(r"^\d+(?:\.\d+)+", "", sentence)
        draft.add("points", Point(id=f"pt-complaint-{topic}", text=_finish(text), source=src,
                                  kind="penalty", money=money))


def _split_inline(text: str) -> list[str]:
    """Put glued sub-items (…；1.2由于…；1.3因…) on their own lines so each is one sentence."""
    return re.sub(r"；(?=\d\.\d)", "；\n", text).split("\n")


def extract_rulebook(docs: list[CleanDoc]) -> Rulebook:
    """Draft a rulebook from cleaned documents with the patterns above."""
    draft = _Draft()
    for doc in docs:
        for path, node in _walk(outline(doc.text)):
            for line in _split_inline(node.line):
                _extract_line(draft, doc.name, path, Node(line, node.level, node.children))
    return Rulebook(**draft.sections)


def merge_rulebook(extracted: Rulebook, reviewed: Rulebook | None) -> Rulebook:
    """Re-extracted entries, except that reviewed hand-corrected entries win by id.

    An extracted entry keeps the curated fields (variants, suggestion, scenario …) its reviewed
    namesake has; a reviewed entry that is not hand-corrected and no longer extracted is stale.
    """
    if reviewed is None:
        return extracted
    old = {e.id: e for e in reviewed.all_entries()}
    sections: dict[str, list] = {}
    for section in SECTIONS:
        fresh = {e.id: e for e in getattr(extracted, section)}
        merged = []
        for entry in getattr(reviewed, section):  # reviewed order first, so diffs stay small
            if entry.hand_corrected:
                merged.append(entry)
            elif entry.id in fresh:
                new = fresh[entry.id]
                merged.append(new.model_copy(update={f: getattr(entry, f) for f in type(new).curated}))
        merged += [e for e in fresh.values() if e.id not in old]
        sections[section] = merged
    return Rulebook(**sections)


def refresh_rulebook(sources_dir: Path, path: Path | None = None) -> Rulebook:
    """Re-run extraction over the sources, keep hand corrections, write and return the rulebook."""
    target = Path(path) if path else RULEBOOK_PATH
    reviewed = load_rulebook(target) if target.exists() else None
    rulebook = merge_rulebook(extract_rulebook(clean_sources(sources_dir)), reviewed)
    dump_rulebook(rulebook, target)
    return rulebook
