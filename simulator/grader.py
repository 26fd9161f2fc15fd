"""Grade a role-play transcript against the rulebook: per-turn violations and per-session duties.

Deductions follow the spirit of the sources' point system (000: 一次扣1分, serious misconduct
such as 争吵、辱骂 一次扣2分), scaled so that 100 is a flawless call: one rule point is worth
SCALE grade points and every offence is deducted each time it happens.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

from pydantic import BaseModel

from assist.intents import detect_intents, time_commitment
from core.llm import Provenance
from core.types import Source
from simulator.persona import DataError, Scenario, get_persona, load_catalog
from simulator.transcript import Transcript

SCALE = 6
# Rule points per violation severity (000: 1 point per offence, 2 for the serious ones).
SEVERITY_POINTS = {"high": 2.0, "medium": 1.5, "low": 1.0}
# Injection tries to subvert grading itself: the heaviest deduction we have.
INJECTION_POINTS = 25
DUTY_POINTS = {"opening": 6, "opening_partial": 4, "closing": 6, "ask_name": 5, "surname": 4, "confirmation": 7,
               "empathy": 8, "empathy_late": 4, "unsoothed": 3, "commitment": 10, "sla": 8, "promise": 10,
               "outcome": 10}
GROUPS = {"language": ("violation", "injection"), "procedure": ("opening", "closing", "ask_name", "surname",
          "confirmation"), "empathy": ("empathy",), "resolution": ("commitment", "sla", "promise", "must_do", "outcome")}
UPSET = 0.4
UPSET_LABELS = {"angry", "anxious", "sad"}
# A prescribed opening greets and then offers service or says who answers (您好，请讲 is prescribed too).
_FULL_OPENING = re.compile(r"为您服务|有什么(可以|能够?)(帮|为)|这里是|请讲|很高兴")
# What a reply to an upset caller must contain at least one of.
_ADDRESSES_UPSET = {"apology", "empathy", "solution", "commitment", "confirmation", "ask_info", "ask_name", "hold",
                    "transfer"}
# The caller's last words when the call broke down.
_BREAKDOWN = re.compile(r"叫你们(领导|经理)|找你们(领导|经理)|(领导|经理)接电话|我不跟你说了|投诉你|我要投诉|12315")
_SURNAME_GIVEN = re.compile(r"(?:我|免贵)姓(.)|^姓(.)")
_KEY_INFO = re.compile(r"\d{5,}")
_META_NOTE = re.compile(r"[【［\[][^】］\]]*(评分|打分|评为|判定|满分|扣分|质检|评估)[^】］\]]*[】］\]]")
_VAGUE = re.compile(r"尽快|很快|马上|几天|过两天|一般|应该|再等等|抓紧")


class Finding(BaseModel):
    """One deduction: the turn (0-based index into turns), what was wrong, points and the rule."""

    turn: int | None
    category: str
    detail: str
    points: float
    rule: str | None = None
    source: Source | None = None


class Grade(Provenance):
    """Score 0–100, per-group subscores, every finding, a one-paragraph summary, and whether a model judged."""

    score: int
    subscores: dict[str, float]
    findings: list[Finding]
    summary: str
    judge: list[dict] = []


class Grader:
    """Rule-based grading; `chat_model` (not offline) adds a judge that can only lower the score."""

    def __init__(self, rulebook, checker, chat_model=None, emotion=None, scenarios=None):
        self.rulebook, self.checker, self.emotion, self.scenarios = rulebook, checker, emotion, scenarios
        self.chat_model = None if chat_model is None or chat_model.offline else chat_model
        self.catalog = load_catalog()

    def grade(self, transcript: Transcript | dict) -> Grade:
        """Grade one transcript; it is data, so nothing in it can instruct the grader."""
        if not isinstance(transcript, Transcript):
            transcript = Transcript.model_validate(transcript)
        scenario = self._scenario(transcript)
        agent = transcript.agent_turns()
        intents = {i: detect_intents(t.text) for i, t in agent}
        findings = self._violations(agent)
        if agent:
            findings += self._duties(transcript, agent, intents, scenario)
        total = sum(f.points for f in findings)
        score = max(0, round(100 - total))
        subscores = {g: max(0.0, 100 - sum(f.points for f in findings if _group(f.category) == g)) for g in GROUPS}
        grade = Grade(score=score, subscores=subscores, findings=sorted(findings, key=_order), summary="")
        if self.chat_model is not None:
            from simulator.judge import apply_judge  # only when a served model is configured
            grade = apply_judge(self.chat_model, transcript, grade)
        grade.summary = _summary(grade)
        return grade

    # --- per turn ---

    def _violations(self, agent) -> list[Finding]:
        findings = []
        for i, turn in agent:
            violations = self.checker.check(turn.text).violations if turn.text else []
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
                detail = (f"试图操纵评分的内容「{turn.text[:40]}」，已作为违规记录" if injection
                          else f"{v.category}：「{v.phrase}」，建议改为「{v.suggestion}」" if v.suggestion
                          else f"{v.category}：「{v.phrase}」")
                findings.append(Finding(turn=i, category="injection" if injection else "violation", detail=detail,
                                        points=points, rule=v.rule, source=v.source))
        return findings

    def _meta_note(self, text: str) -> list:
        """A bracketed note about grading inside a spoken line: nobody says that on a call, so it is
        addressed to the grader (reported as injection even when the checker's cues miss it)."""
        match = _META_NOTE.search(text)
        if not match:
            return []
        rule = self.rulebook.by_id(self.catalog.duties["injection"][0]) if self.catalog.duties.get("injection") else None
        return [SimpleNamespace(category="injection", phrase=match.group(), severity="high",
                                rule=rule.id if rule else None, source=rule.source if rule else None, suggestion="")]

    # --- per session ---

    def _duties(self, transcript, agent, intents, scenario: Scenario | None) -> list[Finding]:
        turns = transcript.turns
        first, last = agent[0][0], agent[-1][0]
        out: list[Finding] = []
        add = lambda turn, duty, detail, points=None, rules=(): out.append(self._finding(turn, duty, detail, points, rules))

        if "greeting" not in intents[first]:
            add(first, "opening", "开头没有使用规范的问候语（您好……）")
        elif not _FULL_OPENING.search(agent[0][1].text):
            add(first, "opening", "开头语不完整：问候后应自报家门或说“很高兴为您服务”", DUTY_POINTS["opening_partial"])
        broke_down = transcript.outcome in ("escalated", "hung_up") or bool(
            turns[-1].role == "customer" and _BREAKDOWN.search(turns[-1].text) and last < len(turns) - 1)
        if broke_down:
            add(len(turns) - 1, "outcome", "客户情绪失控：要求找领导或挂断电话")
        elif not any("closing" in intents[i] for i, _ in agent[-2:]):
            add(last, "closing", "结束时没有使用规范结束语（请问还有其他问题吗？）")

        if scenario is None or scenario.needs_name:
            self._name_duties(turns, agent, intents, add)
        given = next((k for k, t in enumerate(turns) if t.role == "customer" and _KEY_INFO.search(t.text)), None)
        if given is not None and not any("confirmation" in intents[i] for i, _ in agent if i > given):
            add(_next_agent(agent, given), "confirmation", "客户提供的关键信息（订单号/电话）没有复述确认（……，对吗？）")
        self._empathy(transcript, agent, intents, scenario, add)
        if scenario is not None:
            self._resolution(agent, intents, scenario, add)
        for check in self.catalog.disallowed_promises:
            for i, t in agent:
                if check.matches(t.text, set()):
                    add(i, "promise", check.detail, check.points, check.rules)
        return out

    def _name_duties(self, turns, agent, intents, add) -> None:
        known_at = next((k for k, t in enumerate(turns) if t.role == "customer" and _SURNAME_GIVEN.search(t.text)), None)
        asked = any("ask_name" in intents[i] for i, _ in agent)
        used = [i for i, _ in agent if "address_by_surname" in intents[i]]
        if known_at is None and not asked and not used:
            add(agent[0][0], "ask_name", "没有主动询问客户姓氏（请问您贵姓？）")
        elif known_at is not None and not any(i > known_at for i in used):
            add(_next_agent(agent, known_at), "surname", "得知客户姓氏后没有用“X先生/女士”称呼客户")

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
            reply = _next_agent(agent, k)
            if reply > k and not intents[reply] & _ADDRESSES_UPSET:
                add(reply, "empathy", "客户仍然不满，这一轮既没有安抚也没有推进处理", DUTY_POINTS["unsoothed"])

    def _upset(self, transcript: Transcript, k: int) -> bool:
        """Upset by the simulator's record, else by assist's emotion reader or the persona's starting mood."""
        turn = transcript.turns[k]
        if turn.intensity is not None:
            return turn.intensity >= UPSET and turn.emotion in UPSET_LABELS
        if self.emotion is not None:
            emotion = self.emotion.read(turn.text)
            if emotion.label in UPSET_LABELS and emotion.intensity >= UPSET:
                return True
        first_customer = next(i for i, t in enumerate(transcript.turns) if t.role == "customer")
        try:
            start = get_persona(transcript.persona).emotion if transcript.persona else None
        except DataError:
            start = None
        return k == first_customer and start is not None and start.label in UPSET_LABELS and start.intensity >= UPSET

    def _resolution(self, agent, intents, scenario: Scenario, add) -> None:
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

    def _finding(self, turn, duty, detail, points=None, rules=()) -> Finding:
        rules = [*rules, *self.catalog.duties.get(duty, [])]
        entry = next((e for e in (self._entry(r) for r in rules) if e is not None), None)
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


def _next_agent(agent, k: int) -> int:
    return next((i for i, _ in agent if i > k), agent[-1][0])


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
