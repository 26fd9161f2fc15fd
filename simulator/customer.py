"""The simulated caller's words: offline from utterance banks, or from a chat model with checks."""
from __future__ import annotations

import re
from random import Random

from pydantic import BaseModel, Field, ValidationError, field_validator

from assist.intents import FACT_PATTERNS
from assist.voice import char_pairs
from core.llm import ChatModel, LLMError, Message, fallback_reason
from knowledge.normalize import HAN
from simulator.mood import Emotion
from simulator.bank import Banks, load_banks
from simulator.own_scenarios import OwnPlay
from simulator.persona import Persona, Scenario

# Used when a caller has exhausted every line for a stage; keeps lines from repeating verbatim.
_AGAIN = ("我再说一遍，", "还是那句话，", "我就问一句，", "你听好了，", "说真的，")
MAX_CHARS = 80
# Words only the agent side says; a caller using them has stepped out of character.
_AGENT_SPEECH = re.compile(r"为您服务|请问还有其他问题|请问您贵姓|我是客服|作为(AI|人工智能|语言模型)|[Aa][Ss]sistant|"
                           r"(?:为|帮|给)您(?:查询|办理|处理|核实|登记|转接)|请您稍等|感谢您的来电|很高兴为您")
# What a stage asks of the caller's line, beyond giving the facts asked for.
STAGE_DEMANDS = {
    "escalating": re.compile(r"领导|主管|经理|上级|负责人|管事的|投诉"),
    "hang_up": re.compile(r"挂了|挂电话|不说了|不跟你们?说|不打了|算了|再见"),
}
# A line sharing this much of its character pairs with an earlier caller line repeats it.
REPEAT_SHARE = 0.8


class CustomerLine(BaseModel):
    """A chat model's answer for the caller: one short Chinese line."""

    text: str = Field(min_length=1, max_length=MAX_CHARS)

    @field_validator("text")
    @classmethod
    def _chinese(cls, value: str) -> str:
        value = value.strip().strip('"“”')
        # Digits do not count: a caller giving an order or phone number still speaks Chinese.
        letters = [c for c in value if c.isalnum() and not c.isdigit()]
        if not letters or len(HAN.findall(value)) < 0.6 * len(letters):
            raise ValueError("the caller speaks Chinese")
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
        # A workspace's own scenario brings its own lines; the shipped ones have theirs in the banks.
        self.topic = scenario.bank() if isinstance(scenario, OwnPlay) else self.banks.scenarios[scenario.id]
        self.said: set[str] = set()
        self.llm_failures = 0
        self.fallback: str | None = None  # why the latest model line was replaced by a bank line (中文)
        self.off_stage: list[str] = []  # model lines rejected for leaving their stage, with why (evals/served.py)

    def say(self, stage: str, mood: Emotion, asked: list[str], revealed: set[str], history: list[dict]) -> str:
        """The caller's next line; `asked` are facts to give now, `revealed` those given before."""
        if isinstance(self.scenario, OwnPlay) and history and history[-1]["role"] == "agent":
            stage, asked = self.scenario.answer(stage, asked, history[-1]["text"])
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
            elif value:  # a fact named the centre's own way (户号, 卡号后四位), which the banks have no words for
                parts.append(f"{fact}是{value}")
            else:
                parts.append(self.rng.choice(self.banks.facts["missing"]))
        return "，".join(parts)

    def _from_model(self, stage, mood, asked, revealed, history) -> str | None:
        """A model line that keeps to its stage; a line that does not is regenerated once, then given up."""
        # Imported here: the offline path never needs prompt rendering.
        from core.prompts import PromptError, render

        allowed = set(asked) | revealed
        earlier = self.said | {t["text"] for t in history if t.get("role") == "customer"}
        try:
            prompt = render("customer", persona=self.persona.model_dump(), scenario=self.scenario.model_dump(),
                            stage=stage, mood=mood.model_dump(), asked={f: self.scenario.facts.get(f, "") for f in asked},
                            history=history[-8:])
            for attempt in range(2):
                # The retry samples anew (another seed) and is told what was wrong with the first line.
                line = self.chat_model.complete(prompt.model_copy(update={"seed": self.seed + attempt}), CustomerLine).text
                self._check_facts(line, allowed)
                problem = self.stage_problem(stage, line, asked, earlier)
                if problem is None:
                    return line
                self.off_stage.append(f"{stage}：{line}（{problem}）")
                prompt = prompt.model_copy(update={"messages": [*prompt.messages, Message(
                    role="user", content=f"上一句“{line}”不合要求：{problem}。请按要求重新说客户的下一句话。")]})
            raise ValueError(f"the caller's line left its stage ({problem})")
        except (LLMError, PromptError, ValidationError, ValueError) as exc:
            self.llm_failures += 1
            self.fallback = fallback_reason(exc)
            return None

    def stage_problem(self, stage: str, line: str, asked: list[str], earlier: set[str]) -> str | None:
        """Why a caller line does not keep to its stage (中文), or None: a customer's words, facts given, demands
        made, nothing repeated."""
        if _AGENT_SPEECH.search(line):
            return "说话像客服，不像客户"
        for fact in asked:
            value = self.scenario.facts.get(fact)
            if value and not said_in(line, value):
                return f"没有说出{fact}（{value}）"
        if (demand := STAGE_DEMANDS.get(stage)) and not demand.search(line):
            return "没有要求找领导" if stage == "escalating" else "没有表示要挂电话"
        pairs = char_pairs(line)
        if any(len(pairs & char_pairs(old)) >= REPEAT_SHARE * max(1, len(pairs)) for old in earlier):
            return "重复了之前说过的话"
        return None

    def _check_facts(self, line: str, allowed: set[str]) -> None:
        for fact, value in self.scenario.facts.items():
            guarded = fact in ("order", "phone", "date") or fact not in FACT_PATTERNS
            if fact not in allowed and guarded and value and value in line:
                raise ValueError(f"volunteered {fact} without being asked")
        if self.scenario.facts.get("name") and "name" not in allowed and re.search(
                rf"[我免]贵?姓{re.escape(self.scenario.facts['name'])}", line):
            raise ValueError("volunteered the surname without being asked")


def said_in(line: str, value: str) -> bool:
    """Whether the line gives the value; a number counts however its digits are spaced or dashed."""
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 4 and len(digits) == len(re.sub(r"\s|-", "", value)):
        return digits in re.sub(r"\D", "", line)
    return value in line
