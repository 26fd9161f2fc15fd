"""An LLM judge that adds rubric scores with reasons to a rule-based grade, and can only lower it."""
from __future__ import annotations

from pydantic import BaseModel, Field, ValidationError, field_validator

from core.llm import ChatModel, LLMError, fell_back
from core.prompts import PromptError, render

RUBRIC = {
    "courtesy": "礼貌与规范用语：开头语、结束语、请/您、无禁语",
    "empathy": "情绪安抚：及时致歉、表示理解、不争执",
    "accuracy": "信息准确：询问并复述确认关键信息",
    "resolution": "问题解决：给出明确且符合规定的处理方案与时限",
}
# The judge's share of a blended score; the blend only ever pulls the rule score down.
WEIGHT = 0.2


class RubricScore(BaseModel):
    criterion: str
    score: int = Field(ge=0, le=10)
    reason: str = Field(min_length=1)

    @field_validator("criterion")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in RUBRIC:
            raise ValueError(f"unknown criterion {value!r}")
        return value


class Verdict(BaseModel):
    """The judge's structured answer: one score per rubric criterion."""

    scores: list[RubricScore] = Field(min_length=1)


def apply_judge(chat_model: ChatModel, transcript, grade):
    """Add the judge's rubric to `grade`; on any model failure the rule grade stands alone."""
    findings = [{"turn": f.turn, "category": f.category, "detail": f.detail} for f in grade.findings]
    turns = [{"turn": i, "role": t.role, "text": t.text} for i, t in enumerate(transcript.turns)]
    try:
        prompt = render("judge", rubric=RUBRIC, findings=findings, transcript=turns)
        verdict = chat_model.complete(prompt, Verdict)
    except (LLMError, PromptError, ValidationError) as exc:
        return grade.model_copy(update=fell_back(exc, "已仅按规则评分"))
    mean = sum(s.score for s in verdict.scores) / len(verdict.scores) * 10
    blended = round((1 - WEIGHT) * grade.score + WEIGHT * mean)
    return grade.model_copy(update={
        "score": min(grade.score, blended),
        "subscores": {**grade.subscores, **{f"judge_{s.criterion}": s.score * 10.0 for s in verdict.scores}},
        "judge": [s.model_dump() for s in verdict.scores],
        "backend": chat_model.backend,
    })
