"""Personas and scenarios: pydantic models and their YAML loaders.

Every loader error names the file and the field at fault, because these files are edited
by trainers, not programmers.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assist.intents import FACT_PATTERNS, INTENTS, Commitment, Unit

HERE = Path(__file__).resolve().parent
PERSONAS_FILE = HERE / "personas.yaml"
SCENARIOS_FILE = HERE / "scenarios.yaml"

# Shared vocabularies of ARCHITECTURE.md.
EMOTIONS = ("angry", "anxious", "sad", "noisy", "confused", "neutral", "satisfied")
CATEGORIES = ("forbidden_phrase", "rude_tone", "shift_responsibility", "blame_customer", "address_ni",
              "command_tone", "jargon", "lecturing", "bare_opening", "injection")
TOPICS = ("greeting", "silent_line", "noisy_line", "unclear_request", "confirm_info", "long_wait", "complaint",
          "thanks", "apology", "suggestion", "manager_contact", "misdial", "transfer", "hold", "need_record",
          "cannot_answer_now", "doubt_answer", "wrong_explanation", "rude_customer", "closing", "refund",
          "return_exchange", "delivery", "repair", "product_damage", "unfamiliar_business", "slow_reply", "inquiry")


class DataError(ValueError):
    """A persona, scenario or bank file is missing or malformed."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def only_known(names, known, what: str):
    """Pass `names` through, or fail naming those not in `known` (data files are checked on load)."""
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ValueError(f"unknown {what} {unknown}; known: {list(known)}")
    return names


class Effects(Strict):
    """How much each trainee behaviour moves the caller's intensity (negative calms)."""

    intents: dict[str, float] = {}
    violations: dict[str, float] = {}
    ignored: float = 0.0
    impatience: float = 0.0
    repeat_ask: float = 0.0

    @field_validator("intents")
    @classmethod
    def _known_intents(cls, value: dict[str, float]) -> dict[str, float]:
        return only_known(value, INTENTS, "intent(s)")

    @field_validator("violations")
    @classmethod
    def _known_categories(cls, value: dict[str, float]) -> dict[str, float]:
        return only_known(value, CATEGORIES, "violation categor(ies)")


class Mood(Strict):
    label: Literal["angry", "anxious", "sad", "noisy", "confused", "neutral", "satisfied"]
    intensity: float = Field(ge=0, le=1)


class LongTurn(Strict):
    max_chars: int = Field(gt=0)
    delta: float


class Persona(Strict):
    """A simulated caller: voice, starting mood, what moves it, and how it gives up."""

    id: str
    name: str
    style: str
    emotion: Mood
    calm_label: Literal["neutral", "satisfied"] = "neutral"
    patience: int = Field(gt=0)
    escalation: Literal["supervisor", "hang_up"]
    calm_below: float = Field(gt=0, le=1)
    escalate_at: float = Field(gt=0, le=1)
    effects: Effects
    long_turn: LongTurn | None = None
    noise: bool = False


class Sla(Strict):
    """The time limit the rules set for this scenario's outcome."""

    kind: Literal["deadline", "process"]
    value: float = Field(gt=0)
    unit: Unit
    keywords: list[str] = Field(min_length=1)
    text: str
    rules: list[str] = []

    def hours(self) -> float:
        return Commitment(value=self.value, unit=self.unit, text=self.text).hours()


class Check(Strict):
    """A regex or intent test over agent turns, with the rule it enforces."""

    id: str
    detail: str
    rules: list[str] = []
    pattern: str | None = None
    near: str | None = None
    any_intent: list[str] = []
    points: float = 5

    @field_validator("pattern", "near")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"invalid regular expression: {exc}") from None
        return value

    @model_validator(mode="after")
    def _has_test(self) -> "Check":
        if not self.pattern and not self.any_intent:
            raise ValueError("needs `pattern` or `any_intent`")
        only_known(self.any_intent, INTENTS, "intent(s)")
        return self

    def matches(self, text: str, intents: set[str]) -> bool:
        """Whether one agent turn satisfies this check."""
        return bool(set(self.any_intent) & intents) or bool(self.pattern and re.search(self.pattern, text))

    def attempted(self, text: str) -> bool:
        """Whether a turn tried to do this without the prescribed form."""
        return bool(self.near and re.search(self.near, text))


class Scenario(Strict):
    """A practice scenario: the caller's goal, hidden facts, must-dos and SLA."""

    id: str
    topic: str
    title: str
    goal: str
    facts: dict[str, str] = {}
    goal_needs: list[str] = Field(min_length=1)
    sla: Sla | None = None
    must_do: list[Check] = []
    needs_name: bool = True  # whether a good agent asks for and uses the caller's surname

    def own_intents(self, agent_text: str) -> set[str]:
        """Intents only this scenario can see in a turn (a workspace scenario's own facts); none here."""
        return set()

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, value: str) -> str:
        if value not in TOPICS:
            raise ValueError(f"unknown scenario key {value!r}; see ARCHITECTURE.md")
        return value

    @field_validator("facts")
    @classmethod
    def _known_facts(cls, value: dict[str, str]) -> dict[str, str]:
        return only_known(value, FACT_PATTERNS, "fact(s)")

    @model_validator(mode="after")
    def _known_needs(self) -> "Scenario":
        dos = {check.id for check in self.must_do}
        for need in self.goal_needs:
            kind, _, name = need.partition(":")
            ok = (need in INTENTS) or (kind == "asked" and name in FACT_PATTERNS) or (kind == "do" and name in dos)
            if not ok:
                raise ValueError(f"goal_needs item {need!r} is not an intent, asked:<fact> or do:<must_do id>")
        return self


class Catalog(Strict):
    """scenarios.yaml: the scenarios, promises no scenario allows, and rules behind every-call duties."""

    duties: dict[str, list[str]] = {}
    disallowed_promises: list[Check] = []
    scenarios: dict[str, Scenario]

    def rule_ids(self) -> set[str]:
        """Every rulebook id this catalog cites (checked against the rulebook in tests)."""
        ids = {r for rules in self.duties.values() for r in rules}
        ids |= {r for c in self.disallowed_promises for r in c.rules}
        for s in self.scenarios.values():
            ids |= {r for c in s.must_do for r in c.rules} | set(s.sla.rules if s.sla else [])
        return ids

    def get(self, key: str) -> Scenario:
        """A scenario by id or by its shared scenario key."""
        if key in self.scenarios:
            return self.scenarios[key]
        for scenario in self.scenarios.values():
            if scenario.topic == key:
                return scenario
        raise DataError(f"未知场景 {key!r}；可选：{', '.join(self.scenarios)}")


def read_yaml(path: Path) -> dict:
    if not path.is_file():
        raise DataError(f"{path.name}: file not found ({path})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise DataError(f"{path.name}: top level must be a mapping")
    return data


def validate(model: type[BaseModel], data, path: Path, where: str = ""):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in (where, *err['loc']) if p != '')}: {err['msg']}" for err in exc.errors()
        )
        raise DataError(f"{path.name}: {problems}") from None


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


@lru_cache(maxsize=4)
def load_personas(path: Path = PERSONAS_FILE) -> dict[str, Persona]:
    """personas.yaml → {id: Persona}; each persona is merged over `defaults`."""
    data = read_yaml(path)
    defaults, personas = data.get("defaults") or {}, data.get("personas")
    if not isinstance(personas, dict) or not personas:
        raise DataError(f"{path.name}: personas: must be a non-empty mapping")
    return {
        pid: validate(Persona, {"id": pid, **_merge(defaults, body or {})}, path, f"personas.{pid}")
        for pid, body in personas.items()
    }


@lru_cache(maxsize=4)
def load_catalog(path: Path = SCENARIOS_FILE) -> Catalog:
    """scenarios.yaml → Catalog (ids filled in from the mapping keys)."""
    data = read_yaml(path)
    scenarios = data.get("scenarios")
    if not isinstance(scenarios, dict) or not scenarios:
        raise DataError(f"{path.name}: scenarios: must be a non-empty mapping")
    data = {**data, "scenarios": {sid: {"id": sid, **(body or {})} for sid, body in scenarios.items()}}
    return validate(Catalog, data, path)


def get_persona(key: str) -> Persona:
    """A persona by id, with a clear (Chinese) message for an unknown one."""
    personas = load_personas()
    if key not in personas:
        raise DataError(f"未知角色 {key!r}；可选：{', '.join(personas)}")
    return personas[key]


def get_scenario(key: str) -> Scenario:
    """A scenario by id or shared scenario key."""
    return load_catalog().get(key)
