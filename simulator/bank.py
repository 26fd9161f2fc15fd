"""Utterance banks: the caller's lines per persona × stage × mood band, and per scenario."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, model_validator

from simulator.persona import HERE, DataError, Strict, read_yaml, validate, load_catalog, load_personas

BANKS_DIR = HERE / "banks"
STAGES = ("opening", "giving_facts", "pushing", "calming", "resolved", "escalating", "hang_up")
BANDS = ("high", "mid", "low")

Lines = list[str]


class PersonaBank(Strict):
    """One persona's lines: stage → mood band → lines, plus optional repeat/noise lines."""

    opening: dict[str, Lines]
    giving_facts: dict[str, Lines]
    pushing: dict[str, Lines]
    calming: dict[str, Lines]
    resolved: dict[str, Lines]
    escalating: dict[str, Lines]
    hang_up: dict[str, Lines]
    repeat: Lines = []
    noise: Lines = []

    @model_validator(mode="after")
    def _bands(self) -> "PersonaBank":
        for stage in STAGES:
            bands = getattr(self, stage)
            unknown = set(bands) - set(BANDS)
            if unknown or not any(bands.values()):
                raise ValueError(f"{stage}: bands must be among {BANDS} and not all empty")
        return self

    def lines(self, stage: str, band: str) -> Lines:
        """Lines for a stage in a band, falling back to the nearest band that has some."""
        bands = getattr(self, stage)
        order = {"high": ("high", "mid", "low"), "mid": ("mid", "high", "low"), "low": ("low", "mid", "high")}[band]
        return next(bands[b] for b in order if bands.get(b))


class ScenarioBank(Strict):
    issue: Lines = Field(min_length=1)
    want: Lines = Field(min_length=1)


class Banks(BaseModel):
    """All utterance banks: per persona, per scenario, how facts are given, and shared reactions."""

    personas: dict[str, PersonaBank]
    scenarios: dict[str, ScenarioBank]
    facts: dict[str, Lines]
    pressing: Lines = Field(min_length=1)


@lru_cache(maxsize=4)
def load_banks(directory: Path = BANKS_DIR, personas: tuple[str, ...] | None = None) -> Banks:
    """banks/<persona>.yaml, banks/scenarios.yaml, banks/facts.yaml and banks/reactions.yaml."""
    persona_ids = personas or tuple(load_personas())
    banks = {pid: validate(PersonaBank, read_yaml(directory / f"{pid}.yaml"), directory / f"{pid}.yaml")
             for pid in persona_ids}
    path = directory / "scenarios.yaml"
    scenario_banks = {sid: validate(ScenarioBank, body, path, sid) for sid, body in read_yaml(path).items()}
    missing = sorted(set(load_catalog().scenarios) - set(scenario_banks))
    if missing:
        raise DataError(f"scenarios.yaml (banks): no lines for scenario(s) {missing}")
    facts_path = directory / "facts.yaml"
    facts = read_yaml(facts_path)
    if "missing" not in facts or not all(isinstance(v, list) and v for v in facts.values()):
        raise DataError(f"{facts_path.name}: every fact needs a non-empty list of lines, and `missing` is required")
    reactions = read_yaml(directory / "reactions.yaml")
    if not isinstance(reactions, dict) or not reactions.get("pressing"):
        raise DataError("reactions.yaml: `pressing` needs a non-empty list of lines")
    return Banks(personas=banks, scenarios=scenario_banks, facts=facts, pressing=reactions["pressing"])


