"""An LLM judge that adds rubric scores with reasons to a rule-based grade: it helps, or it stays out.

Only a complete, valid verdict counts: one score for each of the four criteria (names normalised,
so " Courtesy" or 礼貌与规范用语 is `courtesy`), each with a reason in Chinese that quotes the
transcript. Anything less is repaired once by the model, then dropped: the rule grade stands alone.

Blend: the judge's mark is the mean of its four
scores × 10; the total moves toward it by WEIGHT of the gap, at most CAP points either way:
    total = rule + clamp(round(WEIGHT × (judge − rule)), −CAP, +CAP)
so the rule findings (every deduction stays listed) always decide the band within CAP points, and
a noisy judge cannot move a grade far. A transcript with an injection finding is never raised.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from core.llm import ChatModel, LLMError, fell_back
from core.prompts import PromptError, render
from knowledge.normalize import HAN

RUBRIC = {
    "courtesy": "礼貌与规范用语：开头语、结束语、请/您、无禁语",
    "empathy": "情绪安抚：及时致歉、表示理解、不争执",
    "accuracy": "信息准确：询问并复述确认关键信息",
    "resolution": "问题解决：给出明确且符合规定的处理方案与时限",
}
WEIGHT = 0.2
CAP = 3
# A reason quotes the transcript when it holds this many consecutive characters of one turn.
QUOTE_CHARS = 4
_NOISE = re.compile(r"[\s\"'“”‘’`_\-:：]+")


def criterion_key(name: str) -> str | None:
    """The rubric key a judge's criterion name means: the key itself or its Chinese title, any case or spacing."""
    plain = _NOISE.sub("", str(name)).lower()
    for key, text in RUBRIC.items():
        title = _NOISE.sub("", text.split("：")[0])
        if plain == key or (len(plain) >= 2 and title.startswith(plain)):
            return key
    return None


def quotes(reason: str, texts: list[str]) -> bool:
    """Whether the reason repeats QUOTE_CHARS consecutive characters of one transcript turn."""
    plain = _NOISE.sub("", reason)
    for text in texts:
        text = _NOISE.sub("", text)
        if any(text[i : i + QUOTE_CHARS] in plain for i in range(len(text) - QUOTE_CHARS + 1)):
            return True
    return False


class RubricScore(BaseModel):
    criterion: str
    score: int = Field(ge=0, le=10)
    reason: str = Field(min_length=1)

    @field_validator("criterion")
    @classmethod
    def _known(cls, value: str) -> str:
        if (key := criterion_key(value)) is None:
            raise ValueError(f"unknown criterion {value!r}; use one of {', '.join(RUBRIC)}")
        return key

    @field_validator("reason")
    @classmethod
    def _chinese(cls, value: str) -> str:
        letters = [c for c in value if c.isalpha()]
        if len(HAN.findall(value)) < 0.6 * max(1, len(letters)):
            raise ValueError("the reason must be written in Chinese")
        return value.strip()


class Verdict(BaseModel):
    """The judge's structured answer: exactly one score per rubric criterion."""

    scores: list[RubricScore] = Field(min_length=len(RUBRIC), max_length=len(RUBRIC))

    @model_validator(mode="after")
    def _complete(self) -> "Verdict":
        if sorted(s.criterion for s in self.scores) != sorted(RUBRIC):
            raise ValueError(f"give exactly one score for each of {', '.join(RUBRIC)}")
        return self


def verdict_for(texts: list[str]) -> type[Verdict]:
    """The Verdict schema for one transcript: every reason must quote it."""

    class QuotedVerdict(Verdict):
        @model_validator(mode="after")
        def _quoted(self) -> "QuotedVerdict":
            for score in self.scores:
                if not quotes(score.reason, texts):
                    raise ValueError(f"the reason for {score.criterion} must quote the transcript (原话)")
            return self

    return QuotedVerdict


def blend(rule: int, judge: float, injected: bool) -> int:
    """The total: the rule score moved toward the judge's mark by WEIGHT of the gap, at most CAP points."""
    step = max(-CAP, min(CAP, round(WEIGHT * (judge - rule))))
    return max(0, min(100, rule + (min(step, 0) if injected else step)))


def apply_judge(chat_model: ChatModel, transcript, grade):
    """Add the judge's rubric to `grade`; without a complete, valid verdict the rule grade stands alone."""
    findings = [{"turn": f.turn, "category": f.category, "detail": f.detail} for f in grade.findings]
    turns = [{"turn": i, "role": t.role, "text": t.text} for i, t in enumerate(transcript.turns)]
    try:
        prompt = render("judge", rubric=RUBRIC, findings=findings, transcript=turns)
        verdict = chat_model.complete(prompt, verdict_for([t.text for t in transcript.turns]))
    except (LLMError, PromptError, ValidationError) as exc:
        return grade.model_copy(update=fell_back(exc, "已仅按规则评分"))
    mark = sum(s.score for s in verdict.scores) / len(verdict.scores) * 10
    injected = any(f.category == "injection" for f in grade.findings)
    return grade.model_copy(update={
        "score": blend(grade.score, mark, injected),
        "subscores": {**grade.subscores, **{f"judge_{s.criterion}": s.score * 10.0 for s in verdict.scores}},
        "judge": [s.model_dump() for s in sorted(verdict.scores, key=lambda s: list(RUBRIC).index(s.criterion))],
        "backend": chat_model.backend,
    })
