"""A served model's second opinion on the lines the check's learned stage is unsure of.

Only lines the offline cascade left clean but scored near its decision are asked (a few percent of
real turns), and the answer can only add a finding: one that names a known category and quotes words
that really are in the line, cited to the rule that category breaks. Anything else, or a model that
fails, leaves the offline verdict standing.
"""
from __future__ import annotations

from collections import OrderedDict

from pydantic import BaseModel, ValidationError, field_validator, model_validator

from core.llm import ChatModel, LLMError
from core.prompts import PromptError, render
from knowledge.normalize import HAN
from knowledge.rulebook import CATEGORY_NAMES

# What a second opinion may report: tone and responsibility, the kinds no phrase list holds. The address,
# jargon, opening and injection rules are exact and stay with the fast layers.
JUDGED = ("rude_tone", "shift_responsibility", "blame_customer", "command_tone", "lecturing", "forbidden_phrase")
# A category as a model may name it: its key or its Chinese name (推卸责任).
_CATEGORY_KEYS = {name: key for key, name in CATEGORY_NAMES.items()}
# Answers kept per process: a draft is checked again and again as the agent types, a call graded twice.
REMEMBERED = 2048


class LineVerdict(BaseModel):
    """The model's answer about one line: whether it breaks a rule, which, and the words that do."""

    violation: bool
    category: str | None = None
    phrase: str = ""
    reason: str = ""

    @field_validator("category", mode="before")
    @classmethod
    def _known(cls, value):
        return _CATEGORY_KEYS.get(str(value).strip(), str(value).strip()) if value is not None else None


def verdict_for(line: str) -> type[LineVerdict]:
    """The LineVerdict schema for one line: a violation must name a judged category and quote the line."""

    class QuotedVerdict(LineVerdict):
        @model_validator(mode="after")
        def _quoted(self) -> "QuotedVerdict":
            if not self.violation:
                return self
            if self.category not in JUDGED:
                raise ValueError(f"category must be one of {', '.join(JUDGED)}")
            self.phrase = self.phrase.strip().strip("「」“”\"'")
            if not HAN.search(self.phrase) or self.phrase not in line:
                raise ValueError("phrase must be words copied exactly from the line")
            return self

    return QuotedVerdict


class SecondOpinion:
    """Asks a served model about one unsure line; remembers its answers."""

    def __init__(self, chat_model: ChatModel):
        self.chat_model = chat_model
        self._answers: OrderedDict[str, LineVerdict] = OrderedDict()

    @property
    def backend(self) -> str:
        return self.chat_model.backend

    def ask(self, line: str) -> LineVerdict:
        """The model's validated verdict on the line; raises LLMError when it gives none."""
        if (known := self._answers.get(line)) is not None:
            self._answers.move_to_end(line)
            return known
        try:
            answer = self.chat_model.complete(render("check", line=line, categories=list(JUDGED)), verdict_for(line))
        except (PromptError, ValidationError) as exc:
            raise LLMError(str(exc), "invalid_output") from exc
        self._answers[line] = answer
        if len(self._answers) > REMEMBERED:
            self._answers.popitem(last=False)
        return answer
