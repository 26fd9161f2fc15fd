"""One role-play call: the caller opens, reacts to every trainee turn, and the call ends."""
from __future__ import annotations

import re
from collections.abc import Iterable
from random import Random

from pydantic import BaseModel

from assist.intents import detect_intents, requested_info, time_commitment
from core.llm import ChatModel
from simulator.customer import Customer
from simulator.mood import Emotion, TurnEffect, update
from simulator.persona import Persona, Scenario, get_persona, get_scenario, load_catalog
from simulator.transcript import Transcript, Turn

# `ended`: the agent said goodbye before the caller's problem was solved.
OUTCOMES = ("resolved", "escalated", "hung_up", "out_of_turns", "ended")
# Turns past patience, without the goal met, after which the caller gives up whatever the mood.
GIVE_UP_AFTER = 4
# A turn must calm the caller at least this much to be acknowledged; a bare 您好 is not enough.
CALMING = -0.05
# The agent takes leave (a closing question such as 还有其他问题吗？ is not a goodbye).
_GOODBYE = re.compile(r"再见|拜拜|感谢(您的?)?(来电|致电)|祝您.{0,8}(愉快|顺利|健康|平安|开心)")
_QUESTION = re.compile(r"[？?吗]\s*[。！!]?\s*$")
# A promise with no time in it, which any caller presses on: 尽快, 正在处理, 过几天, 耐心等待.
_VAGUE = re.compile(r"尽快|尽早|很快|抓紧|正在(为您|给您|帮您)?(处理|跟进|办理|加急|催|核查)|处理中|过(几|两)天"
                    r"|等(通知|消息)|耐心等(待|候)|会(帮您|给您|为您)?(处理|跟进|反馈|解决)的?[。！!]?$")
# Intents that make a turn more than a greeting (可以帮您 alone still reads as an offer to listen).
_BEYOND_GREETING = {"apology", "empathy", "confirmation", "commitment", "closing", "transfer", "hold",
                    "address_by_surname"}


class SessionOver(RuntimeError):
    """A reply was sent after the call ended."""


class CustomerTurn(BaseModel):
    """What the caller said, how they feel now, and the stage of the call it belongs to."""

    text: str
    emotion: str
    intensity: float
    stage: str


class Session:
    """A simulated call; `checker` is assist.check.Checker (violations move the caller's mood)."""

    def __init__(self, persona: Persona | str, scenario: Scenario | str | None = None, seed: int = 0,
                 checker=None, chat_model: ChatModel | None = None, max_turns: int = 20):
        self.persona = get_persona(persona) if isinstance(persona, str) else persona
        if scenario is None:
            scenario = Random(seed).choice(sorted(load_catalog().scenarios))
        self.scenario = get_scenario(scenario) if isinstance(scenario, str) else scenario
        self.checker = checker
        self.max_turns = max_turns
        self.customer = Customer(self.persona, self.scenario, seed, chat_model)
        self.mood = Emotion(label=self.persona.emotion.label, intensity=self.persona.emotion.intensity)
        self.turns: list[Turn] = []
        self.outcome: str | None = None
        self.done = False
        self.asked: set[str] = set()
        self.revealed: set[str] = set()
        self.intents: set[str] = set()
        self.dos: set[str] = set()

    def opening(self) -> CustomerTurn:
        """The caller's first line."""
        if self.turns:
            raise SessionOver("通话已经开始")
        return self._say("opening", [])

    def reply(self, agent_text: str) -> CustomerTurn:
        """Record the trainee's turn, move the caller's mood, and return the caller's answer."""
        if self.done:
            raise SessionOver("通话已结束")
        if not self.turns:
            self.opening()
        text = (agent_text or "").strip()
        self.turns.append(Turn(role="agent", text=text))
        intents = detect_intents(text) | self.scenario.own_intents(text)
        # Asked again for a fact already given, the caller repeats it (the mood still counts the repeat).
        asked = sorted(requested_info(text))
        # The caller reacts at once, to what the offline cascade finds.
        violations = [v.category for v in self.checker.check(text, ask_model=False).violations] if self.checker and text else []
        self.intents |= intents
        self.asked |= set(requested_info(text))
        self.dos |= {c.id for c in self.scenario.must_do if c.matches(text, intents)}
        agent_count = len(self.turns) // 2
        goal_met = self._goal_met()
        effect = TurnEffect(
            intents=intents, violations=violations,
            repeat_ask=bool(requested_info(text) & self.revealed),
            too_long=bool(self.persona.long_turn and len(text) > self.persona.long_turn.max_chars),
            past_patience=agent_count > self.persona.patience and not goal_met,
        )
        if _GOODBYE.search(text) and not _QUESTION.search(text):
            return self._goodbye(goal_met)
        if self.outcome == "resolved":  # the caller only waited for the agent to close the call
            self.done = True
            return self._say("resolved", [])
        self.mood, delta = update(self.persona, self.mood, effect)
        vague = bool(_VAGUE.search(text)) and time_commitment(text) is None
        greeting = "greeting" in intents and not intents & _BEYOND_GREETING and not asked
        stage, asked_now = self._stage(goal_met, delta, asked, effect, agent_count, "closing" in intents,
                                       vague=vague, greeting=greeting)
        turn = self._say(stage, asked_now)
        if not self.done and agent_count >= self.max_turns:
            self.outcome, self.done = "out_of_turns", True
        return turn

    def _goodbye(self, goal_met: bool) -> CustomerTurn:
        """The agent ended the call: the caller says nothing more, and the outcome records how it ended."""
        self.done = True
        if self.outcome != "resolved":
            self.outcome = "resolved" if goal_met and self.mood.intensity < self.persona.calm_below else "ended"
        return CustomerTurn(text="", emotion=self.mood.label, intensity=self.mood.intensity, stage="ended")

    def _stage(self, goal_met, delta, asked, effect, agent_count, closing, vague=False,
               greeting=False) -> tuple[str, list[str]]:
        """Pick the caller's next stage and set the outcome when the call ends; the agent's intent comes first."""
        gave_up = agent_count > self.persona.patience + GIVE_UP_AFTER and not goal_met
        if self.mood.intensity >= self.persona.escalate_at or gave_up:
            self.done = True
            if self.persona.escalation == "supervisor":
                self.outcome = "escalated"
                return "escalating", []
            self.outcome = "hung_up"
            return "hang_up", []
        if asked:
            self.revealed |= set(asked)
            return "giving_facts", asked
        if vague:
            return "pressing", []
        if greeting:  # a greeting is answered with the problem, not with thanks for an explanation
            return "opening", []
        if goal_met and self.mood.intensity < self.persona.calm_below:
            self.outcome = "resolved"
            if self.mood.intensity < self.persona.calm_below / 2:
                self.mood = Emotion(label="satisfied", intensity=self.mood.intensity)
            self.done = closing  # otherwise the caller waits one turn for the closing
            return "resolved", []
        if effect.too_long and self.customer.bank.repeat:
            return "repeat", []
        return ("calming" if delta <= CALMING else "pushing"), []

    def _goal_met(self) -> bool:
        for need in self.scenario.goal_needs:
            kind, _, name = need.partition(":")
            if kind == "asked" and name not in self.asked:
                return False
            if kind == "do" and name not in self.dos:
                return False
            if not name and need not in self.intents:
                return False
        return True

    def _say(self, stage: str, asked: list[str]) -> CustomerTurn:
        history = [t.model_dump(include={"role", "text"}) for t in self.turns]
        text = self.customer.say(stage, self.mood, asked, self.revealed - set(asked), history)
        self.turns.append(Turn(role="customer", text=text, emotion=self.mood.label, intensity=self.mood.intensity))
        return CustomerTurn(text=text, emotion=self.mood.label, intensity=self.mood.intensity, stage=stage)

    def play(self, lines: Iterable[str]) -> Transcript:
        """Run a scripted trainee, one line per turn, until the script or the call ends."""
        if not self.turns:
            self.opening()
        for line in lines:
            if self.done:
                break
            if line.strip():
                self.reply(line)
        return self.transcript()

    def transcript(self) -> Transcript:
        """The call so far as grader input."""
        return Transcript(persona=self.persona.id, scenario=self.scenario.id, turns=list(self.turns),
                          outcome=self.outcome)
