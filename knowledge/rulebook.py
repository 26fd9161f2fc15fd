"""The rulebook: forbidden phrases, prescribed replies, principles, procedures, SLAs and points.

Every entry cites the source file and heading path it was taken from. The YAML file is
produced by `knowledge.rulebook_extract` and then reviewed; entries we corrected by hand
carry `hand_corrected: true` so a re-extraction keeps them.

Placeholders inside texts: `XX` (the customer's surname, an agent number) and `……` (the
content of the conversation), as the sources write them.
"""
from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.types import Source

RULEBOOK_PATH = Path(__file__).resolve().parent / "rulebook.yaml"

SECTIONS = ("forbidden_phrases", "scenario_phrases", "principles", "procedures", "slas", "points")

Scenario = Literal[
    "greeting", "silent_line", "noisy_line", "unclear_request", "confirm_info", "long_wait",
    "complaint", "thanks", "apology", "suggestion", "manager_contact", "misdial", "transfer",
    "hold", "need_record", "cannot_answer_now", "doubt_answer", "wrong_explanation",
    "rude_customer", "closing", "refund", "return_exchange", "delivery", "repair",
    "product_damage", "unfamiliar_business", "slow_reply", "inquiry", "other",
]
SCENARIOS: tuple[str, ...] = Scenario.__args__

Category = Literal[
    "forbidden_phrase", "rude_tone", "shift_responsibility", "blame_customer", "address_ni",
    "command_tone", "jargon", "lecturing", "bare_opening", "injection",
]
CATEGORIES: tuple[str, ...] = Category.__args__
# The categories as people read them (scorecards, findings, the UI).
CATEGORY_NAMES: dict[str, str] = {
    "forbidden_phrase": "服务禁语", "rude_tone": "生硬用语", "shift_responsibility": "推卸责任",
    "blame_customer": "谴责埋怨客户", "address_ni": "称呼用“你”", "command_tone": "命令语气",
    "jargon": "专业术语", "lecturing": "说教争执", "bare_opening": "只说“喂/说话”",
    "injection": "试图操纵评分",
}

Severity = Literal["high", "medium", "low"]


class RulebookError(ValueError):
    """The rulebook file is missing or invalid; the message names the file and the field."""


class RuleSource(Source):
    """A citation inside the rulebook: strict, so a typo in the YAML is an error."""

    model_config = ConfigDict(extra="forbid")


class Entry(BaseModel):
    """Fields every rulebook entry has."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z]+(-[a-z0-9_]+)+$")
    text: str = Field(min_length=1)
    source: RuleSource
    hand_corrected: bool = False
    # Review state: only approved entries power check, suggest and grading. The shipped, reviewed
    # demo rulebook omits it (approved); extraction from a new organisation's documents drafts.
    status: Literal["draft", "approved", "rejected"] = "approved"
    # The source sentence the entry was extracted from, so a reviewer can judge it.
    evidence: str = ""

    # Fields a reviewer adds that no extractor can know; a re-extraction keeps them.
    curated: ClassVar[tuple[str, ...]] = ()


class ForbiddenPhrase(Entry):
    """A phrase an agent must never say, with the wordings agents actually use.

    For `bare_opening` the variants are whole utterances (喂 alone), not substrings.
    """

    variants: list[str] = []
    category: Category = "forbidden_phrase"
    severity: Severity = "high"
    suggestion: str = ""

    curated: ClassVar[tuple[str, ...]] = ("variants", "category", "severity", "suggestion")


class ScenarioPhrase(Entry):
    """The reply the sources prescribe for one scenario."""

    scenario: Scenario
    situation: str

    curated: ClassVar[tuple[str, ...]] = ("scenario", "situation")


class Principle(Entry):
    """A named service principle and its items (三要, 三不, 服务禁忌 …)."""

    name: str
    items: list[str] = []


class Procedure(Entry):
    """A named procedure and its ordered steps."""

    name: str
    steps: list[str] = Field(min_length=1)


class Sla(Entry):
    """A time limit or rate: a number (or a [low, high] range) and its unit."""

    value: float | tuple[float, float]
    unit: str
    applies_to: str

    curated: ClassVar[tuple[str, ...]] = ("applies_to",)


class Point(Entry):
    """A deduction, bonus or penalty; `money` in yuan where the source states it.

    Both numbers are signed like `points`: negative for deductions and penalties. `points` is
    None where the source only names money (DCC fines); kind `rate` is the
    conversion between points and money (1 分 = 2 元).
    """

    points: float | None = None
    kind: Literal["deduction", "bonus", "penalty", "rate"]
    money: float | None = None


class Rulebook(BaseModel):
    """The whole rulebook, one list per section."""

    model_config = ConfigDict(extra="forbid")

    forbidden_phrases: list[ForbiddenPhrase] = []
    scenario_phrases: list[ScenarioPhrase] = []
    principles: list[Principle] = []
    procedures: list[Procedure] = []
    slas: list[Sla] = []
    points: list[Point] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> Rulebook:
        seen: set[str] = set()
        for entry in self.all_entries():
            if entry.id in seen:
                raise ValueError(f"duplicate id {entry.id!r}")
            seen.add(entry.id)
        return self

    def all_entries(self) -> list[Entry]:
        """Every entry, section by section in file order."""
        return [entry for section in SECTIONS for entry in getattr(self, section)]

    def by_id(self, rule_id: str) -> Entry:
        """The entry with this id; KeyError names the id when there is none."""
        for entry in self.all_entries():
            if entry.id == rule_id:
                return entry
        raise KeyError(f"no rulebook entry with id {rule_id!r}")

    def phrases_for(self, scenario: str) -> list[ScenarioPhrase]:
        """The prescribed replies for a scenario key, in source order."""
        return [p for p in self.scenario_phrases if p.scenario == scenario]

    def to_json(self) -> dict:
        """Plain data for `kefu rules --json`: one list per section."""
        return {section: [e.model_dump(mode="json") for e in getattr(self, section)]
                for section in SECTIONS}


def _where(data: dict, loc: tuple) -> str:
    """Render a pydantic error location as `section[i] (id …).field`."""
    if not loc:
        return "(top level)"
    text = str(loc[0])
    if len(loc) > 1 and isinstance(loc[1], int):
        text += f"[{loc[1]}]"
        try:
            text += f" (id {data[loc[0]][loc[1]]['id']})"
        except (KeyError, IndexError, TypeError):
            pass
        rest = loc[2:]
    else:
        rest = loc[1:]
    return ".".join([text, *map(str, rest)])


def parse_rulebook(data: object, origin: str = "rulebook") -> Rulebook:
    """Validate already-loaded YAML data; errors name the origin and the failing field."""
    if not isinstance(data, dict):
        raise RulebookError(f"{origin}: the top level must be a mapping of sections")
    try:
        return Rulebook.model_validate(data)
    except ValidationError as exc:
        problems = [f"{_where(data, tuple(e['loc']))}: {e['msg']}" for e in exc.errors()[:5]]
        raise RulebookError(f"{origin}: invalid rulebook: " + "; ".join(problems)) from None


def load_rulebook(path: Path | str | None = None) -> Rulebook:
    """Load and validate the rulebook YAML (the packaged one by default)."""
    path = Path(path) if path else RULEBOOK_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulebookError(f"{path}: cannot read the rulebook ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise RulebookError(f"{path}: not valid YAML: {exc}") from None
    return parse_rulebook(data, str(path))


def dump_rulebook(rulebook: Rulebook, path: Path | str | None = None) -> Path:
    """Write the rulebook as readable YAML (Chinese kept as is) and return the path."""
    path = Path(path) if path else RULEBOOK_PATH
    data = rulebook.to_json()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return path
