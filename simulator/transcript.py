"""A role-play conversation as data: what the session records and the grader reads."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


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


class TranscriptError(ValueError):
    """A transcript file that cannot be graded; the message (Chinese) says what is wrong."""


def load_transcript(path: Path | str) -> Transcript:
    """Read a `{"persona", "turns": [{"role", "text"}], "scenario"?}` JSON file, or say clearly why not."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TranscriptError(f"找不到文件：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptError(f"无法读取文件 {path}：{exc}") from None
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"{path.name} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None
    if not isinstance(data, dict):
        raise TranscriptError(f"{path.name}：顶层必须是对象 {{\"persona\": ..., \"turns\": [...]}}")
    if not isinstance(data.get("persona"), str) or not data["persona"].strip():
        raise TranscriptError(f"{path.name}：缺少 persona（客户角色，字符串）")
    if not isinstance(data.get("turns"), list) or not data["turns"]:
        raise TranscriptError(f"{path.name}：turns 必须是非空列表，每项形如 {{\"role\": \"agent\", \"text\": \"...\"}}")
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
        hint = ("缺少该字段" if err["type"] == "missing" else "必须是 customer 或 agent" if err["loc"][-1] == "role"
                else "必须是文本" if err["type"] == "string_type" else err["msg"])
        raise TranscriptError(f"{path.name}：{where} 不正确：{hint}") from None
