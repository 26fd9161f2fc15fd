"""A role-play conversation as data: what the session records and the grader reads."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Turn(BaseModel):
    """One line; customer lines carry the caller's emotion when the simulator produced them."""

    model_config = ConfigDict(extra="ignore")

    role: Literal["customer", "agent"]
    text: str
    emotion: str | None = None
    intensity: float | None = Field(default=None, ge=0, le=1)

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return value.strip()


class Transcript(BaseModel):
    """Persona and scenario ids (optional for graded files), the turns and how it ended."""

    model_config = ConfigDict(extra="ignore")

    persona: str | None = None
    scenario: str | None = None
    turns: list[Turn] = Field(min_length=1)
    outcome: str | None = None

    def agent_turns(self) -> list[tuple[int, Turn]]:
        """(index, turn) for every agent turn, index into `turns`."""
        return [(i, t) for i, t in enumerate(self.turns) if t.role == "agent"]
