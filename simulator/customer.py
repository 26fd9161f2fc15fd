"""The simulated caller's words: offline from utterance banks, or from a chat model with checks."""
from __future__ import annotations

import re
from random import Random

from pydantic import BaseModel, Field, ValidationError, field_validator

from core.llm import ChatModel, LLMError, fallback_reason
from simulator.mood import Emotion
from simulator.bank import Banks, load_banks
from simulator.persona import Persona, Scenario

# Used when a caller has exhausted every line for a stage; keeps lines from repeating verbatim.
_AGAIN = ("我再说一遍，", "还是那句话，", "我就问一句，", "你听好了，", "说真的，")
MAX_CHARS = 80
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words only the agent side says; a caller using them has stepped out of character.
_AGENT_SPEECH = re.compile(r"为您服务|请问还有其他问题|请问您贵姓|我是客服|作为(AI|人工智能|语言模型)|[Aa][Ss]sistant")


class CustomerLine(BaseModel):
    """A chat model's answer for the caller: one short Chinese line."""

    text: str = Field(min_length=1, max_length=MAX_CHARS)

    @field_validator("text")
    @classmethod
    def _chinese(cls, value: str) -> str:
        value = value.strip().strip('"“”')
        letters = [c for c in value if not c.isspace() and c.isalnum()]
        if not letters or len(_CJK.findall(value)) < 0.6 * len(letters):
            raise ValueError("the caller speaks Chinese")
        if _AGENT_SPEECH.search(value):
            raise ValueError("the caller stepped out of character")
        return value


class Customer:
    """Says the next caller line for a stage; never repeats a line within one session."""

    def __init__(self, persona: Persona, scenario: Scenario, seed: int = 0,
                 chat_model: ChatModel | None = None, banks: Banks | None = None):
        self.persona, self.scenario = persona, scenario
        self.rng = Random(seed)
        self.seed = seed  # also the served model's sampling seed, so a seed replays a call where servers honour it
        self.chat_model = None if chat_model is None or chat_model.offline else chat_model
        self.banks = banks or load_banks()
        self.bank = self.banks.personas[persona.id]
        self.topic = self.banks.scenarios[scenario.id]
        self.said: set[str] = set()
        self.llm_failures = 0
        self.fallback: str | None = None  # why the latest model line was replaced by a bank line (中文)

    def say(self, stage: str, mood: Emotion, asked: list[str], revealed: set[str], history: list[dict]) -> str:
        """The caller's next line; `asked` are facts to give now, `revealed` those given before."""
        if self.chat_model is not None:
            line = self._from_model(stage, mood, asked, revealed, history)
            if line is not None:
                self.said.add(line)
                return line
        return self._from_bank(stage, mood, asked)

    def _from_bank(self, stage: str, mood: Emotion, asked: list[str]) -> str:
        band = mood.band()
        frames = (self.banks.pressing if stage == "pressing"
                  else self.bank.repeat if stage == "repeat" and self.bank.repeat
                  else self.bank.lines("pushing" if stage == "repeat" else stage, band))
        fillers = {"issue": self.topic.issue, "want": self.topic.want, "facts": [self._facts(asked)]}
        candidates = sorted({
            frame.format(issue=issue, want=want, facts=facts)
            for frame in frames for issue in fillers["issue"] for want in fillers["want"] for facts in fillers["facts"]
        })
        self.rng.shuffle(candidates)
        if self.persona.noise and self.bank.noise and band != "low" and self.rng.random() < 0.4:
            candidates = [self.rng.choice(self.bank.noise) + c for c in candidates]
        line = next((c for c in candidates if c not in self.said), None)
        if line is None:
            line = next(a + c for a in _AGAIN for c in candidates if a + c not in self.said)
        self.said.add(line)
        return line

    def _facts(self, asked: list[str]) -> str:
        """The asked facts in the caller's words; unknown ones get a 'don't have it' line."""
        parts = []
        for fact in asked:
            value = self.scenario.facts.get(fact)
            lines = self.banks.facts.get(fact) if value else None
            if lines:
                parts.append(self.rng.choice(lines).format(**{fact: value}))
            else:
                parts.append(self.rng.choice(self.banks.facts["missing"]))
        return "，".join(parts)

    def _from_model(self, stage, mood, asked, revealed, history) -> str | None:
        # Imported here: the offline path never needs prompt rendering.
        from core.prompts import PromptError, render

        allowed = set(asked) | revealed
        try:
            prompt = render("customer", persona=self.persona.model_dump(), scenario=self.scenario.model_dump(),
                            stage=stage, mood=mood.model_dump(), asked={f: self.scenario.facts.get(f, "") for f in asked},
                            history=history[-8:])
            line = self.chat_model.complete(prompt.model_copy(update={"seed": self.seed}), CustomerLine).text
            self._check_facts(line, allowed)
        except (LLMError, PromptError, ValidationError, ValueError) as exc:
            self.llm_failures += 1
            self.fallback = fallback_reason(exc)
            return None
        return line

    def _check_facts(self, line: str, allowed: set[str]) -> None:
        for fact, value in self.scenario.facts.items():
            if fact not in allowed and fact in ("order", "phone", "date") and value and value in line:
                raise ValueError(f"volunteered {fact} without being asked")
        if self.scenario.facts.get("name") and "name" not in allowed and re.search(
                rf"[我免]贵?姓{re.escape(self.scenario.facts['name'])}", line):
            raise ValueError("volunteered the surname without being asked")
