"""Grade a role-play transcript against the rulebook: per-turn violations and per-session duties.

Deductions follow the spirit of the sources' point system (000: 一次扣1分, serious misconduct
such as 争吵、辱骂 一次扣2分), scaled so that 100 is a flawless call: one rule point is worth
SCALE grade points and every offence is deducted each time it happens.

Formula (also `Grade.formula`, shown on the scorecard): every finding belongs to one of four
groups (服务用语 language, 服务流程 procedure, 安抚同理 empathy, 问题解决 resolution); a group's
subscore is 100 minus its deductions (at least 0) and the total is 100 minus the four groups'
deductions added up (at least 0), i.e. total = max(0, Σ subscores − 300). A served judge moves the
total by at most a few points either way (the blend in simulator/judge.py). A call with nothing to grade (no agent turn, or only empty lines and fillers such
as 嗯/好/喂) is `incomplete`: 0 points in every group, and the records never count it as a best.

问题解决 grades what happened, not how politely the call ended (`simulator.resolution`): a caller who
leaves still confused or unhelped costs 20, and 15 more when the agent never took the matter on;
each turn that passes the matter back (无法/不清楚/建议您自己去……) without acting costs 6; each
promise beyond an agent's authority (私人微信, 我个人赔, 保证全免) 15; a vague answer when the caller
presses for a time 5. A caller made to repeat a request costs 安抚同理 4; a goodbye without asking
whether anything else is needed costs 服务流程 4. So a polite call that solves nothing lands below 50.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

from pydantic import BaseModel

from typing import Literal

from assist.intents import detect_intents
from core.llm import Provenance
from core.types import Source
from knowledge.rulebook import CATEGORY_NAMES
from simulator.resolution import (call_ending, deflections, is_incomplete, next_agent, overpromises,
                                  pressed_for_time, repeated_requests, scenario_resolution, vague_promise)
from simulator.persona import DataError, Scenario, get_persona, load_catalog
from simulator.transcript import Transcript

SCALE = 6
# Rule points per violation severity (000: 1 point per offence, 2 for the serious ones).
SEVERITY_POINTS = {"high": 2.0, "medium": 1.5, "low": 1.0}
# Injection tries to subvert grading itself: the heaviest deduction we have.
INJECTION_POINTS = 25
DUTY_POINTS = {"opening": 6, "opening_partial": 4, "closing": 6, "ask_name": 5, "surname": 4, "confirmation": 7,
               "closing_partial": 4, "empathy": 8, "empathy_late": 4, "unsoothed": 3, "commitment": 10, "sla": 8, "promise": 10,
               "outcome": 10, "scolding": 8, "scolding_again": 4}
GROUPS = {"language": ("violation", "injection"), "procedure": ("opening", "closing", "ask_name", "surname",
          "confirmation"), "empathy": ("empathy", "scolding"), "resolution": ("commitment", "sla", "promise", "must_do", "outcome",
          "unresolved")}
GROUP_NAMES = {"language": "服务用语", "procedure": "服务流程", "empathy": "安抚同理", "resolution": "问题解决"}
FORMULA = ("总分 = 100 − 四组扣分之和（服务用语 + 服务流程 + 安抚同理 + 问题解决），最低 0 分；"
           "每组分项 = 100 − 该组扣分。问题解决看通话的结果而不是结束语是否客气：客户最后仍不明白或没得到帮助扣 20 分，"
           "坐席始终没有提出办法再扣 15 分，每次推诿扣 6 分，每次越权承诺扣 15 分，客户追问时限仍含糊扣 5 分。"
           "坐席没有有效发言（无发言、只有空行或“嗯/好/喂”）的通话记为未完成，计 0 分，不计入最高分。")
# Violations that are an attitude toward the caller (埋怨、说教), not only a wording: they cost empathy too.
SCOLDING = {"blame_customer", "lecturing"}
# The scene whose prescribed reply a workspace's rulebook cites for a duty when it lacks the demo's rule ids.
DUTY_SCENES = {"opening": "greeting", "ask_name": "greeting", "surname": "greeting", "closing": "closing",
               "confirmation": "confirm_info", "empathy": "complaint", "scolding": "complaint",
               "outcome": "rude_customer", "unresolved": "doubt_answer", "commitment": "cannot_answer_now",
               "incomplete": "greeting"}
# "情绪激动": a caller the emotion reader finds clearly upset. Lines it reads as upset at 0.4–0.45 are mostly
# plain questions (补三十块是吧？) or a confused caller's hesitation; clearly upset ones read 0.6 and over. On the
# 28 design calls (grade_domains.yaml) 0.45–0.6 all give 25 / 28 in band against 24 / 28 at 0.4.
UPSET = 0.5
UPSET_LABELS = {"angry", "anxious", "sad"}
# A prescribed opening greets and then offers service or says who answers (您好，请讲 is prescribed too).
_FULL_OPENING = re.compile(r"为您服务|有什么(可以|能够?)(帮|为)|这里是|请讲|很高兴")
# A full closing offers further help before the goodbye (请问还有其他问题吗？).
_OFFERS_MORE = re.compile(r"还有(其他|别的|什么)(问题|需要|事情|业务|可以|能|要)|其他(需要|问题|可以)")
# What a reply to an upset caller must contain at least one of.
_ADDRESSES_UPSET = {"apology", "empathy", "solution", "commitment", "confirmation", "ask_info", "ask_name", "hold",
                    "transfer"}
# The caller's last words when the call broke down.
_BREAKDOWN = re.compile(r"叫你们(领导|经理)|找你们(领导|经理)|(领导|经理)接电话|我不跟你说了|投诉你|我要投诉|12315")
_SURNAME_GIVEN = re.compile(r"(?:我|免贵)姓(.)|^姓(.)")
# An order, card or phone number, in digits or read out in Chinese numerals.
# Also a sum of money (八百多块, 五千) or a street address (十二号楼三单元): facts an agent reads back.
_KEY_INFO = re.compile(r"\d{5,}|[零〇一二三四五六七八九幺两]{4,}|[\d一二两三四五六七八九十百千万]+(块|元)"
                       r"|[\d一二两三四五六七八九]+[百千万]|[\d一二两三四五六七八九十]+(号楼|栋|幢|单元)")
_META_NOTE = re.compile(r"[【［\[][^】］\]]*(评分|打分|评为|判定|满分|扣分|质检|评估)[^】］\]]*[】］\]]")



class Finding(BaseModel):
    """One deduction: the turn (0-based index into turns), what was wrong, points and the rule."""

    turn: int | None
    category: str
    detail: str
    points: float
    rule: str | None = None
    source: Source | None = None
    kind: str | None = None  # a violation's checker category (服务禁语, 推卸责任 … by CATEGORY_NAMES)


class Grade(Provenance):
    """Score 0–100, per-group subscores, every finding, a one-paragraph summary, and whether a model judged."""

    score: int
    subscores: dict[str, float]
    findings: list[Finding]
    summary: str
    judge: list[dict] = []
    status: Literal["complete", "incomplete"] = "complete"
    formula: str = FORMULA


class Grader:
    """Rule-based grading; `chat_model` (not offline) adds a judge whose effect is bounded (simulator/judge.py)."""

    def __init__(self, rulebook, checker, chat_model=None, emotion=None, scenarios=None):
        self.rulebook, self.checker, self.emotion, self.scenarios = rulebook, checker, emotion, scenarios
        self.chat_model = None if chat_model is None or chat_model.offline else chat_model
        self.catalog = load_catalog()

    def grade(self, transcript: Transcript | dict) -> Grade:
        """Grade one transcript; it is data, so nothing in it can instruct the grader."""
        if not isinstance(transcript, Transcript):
            transcript = Transcript.model_validate(transcript)
        agent = transcript.agent_turns()
        if is_incomplete([t.text for _, t in agent]):
            return self._incomplete(transcript, agent)
        scenario = self._scenario(transcript)
        intents = {i: detect_intents(t.text) for i, t in agent}
        findings = self._violations(agent)
        findings += self._duties(transcript, agent, intents, scenario, findings)
        findings += self._scolding(findings, intents)
        deducted = {g: sum(f.points for f in findings if _group(f.category) == g) for g in GROUPS}
        score = max(0, round(100 - sum(deducted.values())))
        subscores = {g: max(0.0, 100 - d) for g, d in deducted.items()}
        grade = Grade(score=score, subscores=subscores, findings=sorted(findings, key=_order), summary="")
        if self.chat_model is not None:
            from simulator.judge import apply_judge  # only when a served model is configured
            grade = apply_judge(self.chat_model, transcript, grade)
        grade.summary = _summary(grade)
        return grade

    def _incomplete(self, transcript: Transcript, agent) -> Grade:
        """Nothing gradable was said: an incomplete call, 0 in every group, never a trainee's best."""
        turn = agent[0][0] if agent else None
        finding = self._finding(turn, "incomplete", "坐席没有有效发言（无发言或只有“嗯/好/喂”等），本次通话未完成，不予评分",
                                points=100)
        return Grade(score=0, subscores={g: 0.0 for g in GROUPS}, findings=[finding], status="incomplete",
                     summary="通话未完成：坐席没有有效发言，本次计 0 分，不计入最高分。")

    # --- per turn ---

    def _violations(self, agent) -> list[Finding]:
        findings = []
        for i, turn in agent:
            # The rule part never asks a served model, so a grade is the same on every run and machine.
            violations = self.checker.check(turn.text, ask_model=False).violations if turn.text else []
            # One attempt to instruct the grader is one offence, however many cue words it uses.
            injections = [v for v in violations if v.category == "injection"][:1] or self._meta_note(turn.text)
            # Two hits of one category in one utterance are one offence (一次扣分).
            seen: set[str] = set()
            for v in [v for v in violations if v.category != "injection"] + injections:
                if v.category in seen:
                    continue
                seen.add(v.category)
                injection = v.category == "injection"
                points = INJECTION_POINTS if injection else SEVERITY_POINTS.get(v.severity, 1.0) * SCALE
                name = CATEGORY_NAMES.get(v.category, v.category)
                detail = (f"试图操纵评分的内容「{turn.text[:40]}」，已作为违规记录" if injection
                          else f"{name}：「{v.phrase}」，建议改为「{v.suggestion}」" if v.suggestion
                          else f"{name}：「{v.phrase}」")
                findings.append(Finding(turn=i, category="injection" if injection else "violation", detail=detail,
                                        points=points, rule=v.rule, source=v.source, kind=v.category))
        return findings

    def _meta_note(self, text: str) -> list:
        """A bracketed note about grading inside a spoken line: nobody says that on a call, so it is
        addressed to the grader (reported as injection even when the checker's cues miss it)."""
        match = _META_NOTE.search(text)
        if not match:
            return []
        rule = next(filter(None, map(self._entry, self.catalog.duties.get("injection", []))), None)
        return [SimpleNamespace(category="injection", phrase=match.group(), severity="high",
                                rule=rule.id if rule else None, source=rule.source if rule else None, suggestion="")]

    # --- per session ---

    def _duties(self, transcript, agent, intents, scenario: Scenario | None, violations) -> list[Finding]:
        turns = transcript.turns
        first, last = agent[0][0], agent[-1][0]
        out: list[Finding] = []
        add = lambda turn, duty, detail, points=None, rules=(): out.append(self._finding(turn, duty, detail, points, rules))

        if "greeting" not in intents[first]:
            add(first, "opening", "开头没有使用规范的问候语（您好……）")
        elif not _FULL_OPENING.search(agent[0][1].text):
            add(first, "opening", "开头语不完整：问候后应自报家门或说“很高兴为您服务”", DUTY_POINTS["opening_partial"])
        # The caller's last words demand a manager or a complaint: a goodbye after them does not mend the call.
        final = max((k for k, t in enumerate(turns) if t.role == "customer"), default=-1)
        broke_down = transcript.outcome in ("escalated", "hung_up") or bool(final > first and _BREAKDOWN.search(turns[final].text))
        if broke_down:
            add(final, "outcome", "客户情绪失控：要求找领导、投诉或挂断电话")
        elif not any("closing" in intents[i] for i, _ in agent[-2:]):
            add(last, "closing", "结束时没有使用规范结束语（请问还有其他问题吗？）")
        elif not any(_OFFERS_MORE.search(t.text) for _, t in agent[-3:]):
            add(last, "closing", "结束时只道别，没有询问客户是否还有其他需要", DUTY_POINTS["closing_partial"])
        if not broke_down and transcript.outcome != "resolved":
            call_ending(transcript, agent, intents, last, add)

        if scenario is None or scenario.needs_name:
            self._name_duties(turns, agent, intents, add)
        given = next((k for k, t in enumerate(turns) if t.role == "customer" and _KEY_INFO.search(t.text)), None)
        if given is not None and not any("confirmation" in intents[i] for i, _ in agent if i > given):
            add(next_agent(agent, given), "confirmation", "客户提供的关键信息（订单号、电话、金额、地址）没有复述确认（……，对吗？）")
        self._empathy(transcript, agent, intents, scenario, add)
        if scenario is not None:
            scenario_resolution(agent, intents, scenario, add)
        else:
            vague_promise(agent, intents, add)
        pressed_for_time(turns, agent, intents, add)
        repeated_requests(turns, agent, add)
        # A turn the checker already flagged as 推卸责任 is not deducted again as a deflection.
        deflections(agent, intents, {f.turn for f in violations if f.kind == "shift_responsibility"}, add)
        for check in self.catalog.disallowed_promises:
            for i, t in agent:
                if check.matches(t.text, set()):
                    add(i, "promise", check.detail, check.points, check.rules)
        overpromises(agent, {f.turn for f in out if f.category == "promise"},
                     self.catalog.duties.get("commitment", []), add)
        return out

    def _scolding(self, findings: list[Finding], intents) -> list[Finding]:
        """Blaming or lecturing the caller is a lack of empathy as well as bad wording."""
        # Reading the caller's own complaint back (……，对吗？) quotes them; it is not an attitude.
        turns = sorted({f.turn for f in findings if f.kind in SCOLDING and "confirmation" not in intents[f.turn]})
        return [self._finding(turn, "scolding", "对客户埋怨、说教，缺乏耐心和同理心",
                              None if k == 0 else DUTY_POINTS["scolding_again"]) for k, turn in enumerate(turns)]

    def _name_duties(self, turns, agent, intents, add) -> None:
        known_at = next((k for k, t in enumerate(turns) if t.role == "customer" and _SURNAME_GIVEN.search(t.text)), None)
        asked = any("ask_name" in intents[i] for i, _ in agent)
        used = [i for i, _ in agent if "address_by_surname" in intents[i]]
        if known_at is None and not asked and not used:
            add(agent[0][0], "ask_name", "没有主动询问客户姓氏（请问您贵姓？）")
        elif known_at is not None and not any(i > known_at for i in used):
            add(next_agent(agent, known_at), "surname", "得知客户姓氏后没有用“X先生/女士”称呼客户")

    def _empathy(self, transcript, agent, intents, scenario, add) -> None:
        if scenario is not None and scenario.topic == "misdial":
            return
        upset = [k for k, t in enumerate(transcript.turns) if t.role == "customer" and self._upset(transcript, k)]
        after = [i for i, _ in agent if upset and i > upset[0]]
        if not after:
            return
        soothing = [i for i in after if intents[i] & {"apology", "empathy"}]
        if not soothing:
            add(after[0], "empathy", "客户情绪激动，却始终没有致歉或表示理解")
        elif soothing[0] not in after[:2]:
            add(after[0], "empathy", "客户情绪激动，没有及时致歉或表示理解", DUTY_POINTS["empathy_late"])
        # Each later upset line answered with nothing that helps is a further, smaller fault.
        for k in upset[1:]:
            reply = next_agent(agent, k)
            if reply > k and not intents[reply] & _ADDRESSES_UPSET:
                add(reply, "empathy", "客户仍然不满，这一轮既没有安抚也没有推进处理", DUTY_POINTS["unsoothed"])

    def _upset(self, transcript: Transcript, k: int) -> bool:
        """Upset by the simulator's record, else by assist's emotion reader or the persona's starting mood."""
        turn = transcript.turns[k]
        if turn.intensity is not None:
            return turn.intensity >= UPSET and turn.emotion in UPSET_LABELS
        if self.emotion is not None:
            emotion = self.emotion.read_offline(turn.text)  # the rule part never depends on a served model
            if emotion.label in UPSET_LABELS and emotion.intensity >= UPSET:
                return True
        first_customer = next(i for i, t in enumerate(transcript.turns) if t.role == "customer")
        try:
            start = get_persona(transcript.persona).emotion if transcript.persona else None
        except DataError:
            start = None
        return k == first_customer and start is not None and start.label in UPSET_LABELS and start.intensity >= UPSET

    def _finding(self, turn, duty, detail, points=None, rules=()) -> Finding:
        rules = [*rules, *self.catalog.duties.get(duty, [])]
        entry = next((e for e in (self._entry(r) for r in rules) if e is not None), None)
        if entry is None and duty in DUTY_SCENES:  # a workspace without the demo's ids: its own prescribed reply
            entry = next(iter(self.rulebook.phrases_for(DUTY_SCENES[duty])), None)
        return Finding(turn=turn, category=duty, detail=detail,
                       points=points if points is not None else DUTY_POINTS.get(duty, 5),
                       rule=entry.id if entry is not None else None,
                       source=Source(file=entry.source.file, article=entry.source.article) if entry is not None else None)

    def _entry(self, rule_id: str):
        try:
            return self.rulebook.by_id(rule_id)
        except KeyError:
            return None

    def _scenario(self, transcript: Transcript) -> Scenario | None:
        if transcript.scenario:
            try:
                return self.catalog.get(transcript.scenario)
            except DataError:
                pass
        if self.scenarios is not None:
            try:
                return self.catalog.get(self.scenarios.detect([t.model_dump() for t in transcript.turns]))
            except (DataError, ValueError, TypeError):
                return None
        return None


def _group(category: str) -> str:
    return next(g for g, cats in GROUPS.items() if category in cats)


def _order(f: Finding):
    return (f.turn if f.turn is not None else -1, -f.points)


def where(turn: int | None) -> str:
    """A finding's place for people: 1-based line number in the transcript, or the whole call."""
    return f"第{turn + 1}句" if turn is not None else "整体"


def _summary(grade: Grade) -> str:
    if not grade.findings:
        return f"得分{grade.score}：全程规范，没有发现问题。"
    worst = sorted(grade.findings, key=lambda f: -f.points)[:3]
    issues = "；".join(f"{where(f.turn)} {f.detail}" for f in worst)
    level = "良好" if grade.score >= 80 else "一般" if grade.score >= 60 else "较差"
    return f"得分{grade.score}（{level}），共{len(grade.findings)}处扣分。主要问题：{issues}。"
