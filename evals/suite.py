"""Eval suites: a YAML file naming a component, its labelled cases and the thresholds it must meet.

Suites are edited by trainers, so every loading error names the file, the line and what is
wrong; line numbers come from the YAML node marks (or the JSONL line of a case file).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from evals.metrics import is_known, lower_is_better

COMPONENTS = ("check", "search", "emotion", "suggest", "grade", "simulate")
SUITES_DIR = Path(__file__).resolve().parent / "suites"
_BOUND = re.compile(r"^\s*(>=|<=|≥|≤)\s*([-+]?\d+(?:\.\d+)?)\s*$")
_GLOB = re.compile(r"[*?[]")


class SuiteError(ValueError):
    """A suite that cannot be run; the message reads `file:line: problem`."""


class Case(BaseModel):
    """Fields every case may carry; components add their own."""

    model_config = ConfigDict(extra="allow")

    id: str = ""


class CheckCase(Case):
    text: str
    label: Literal["violation", "ok"]
    category: str | None = None


class SearchCase(Case):
    query: str
    keywords: list[str] = Field(min_length=1)


EmotionLabel = Literal["angry", "anxious", "sad", "noisy", "confused", "neutral", "satisfied"]


class EmotionCase(Case):
    text: str
    # Emotion files name it `label`; customer-line files, labelled for several tasks, name it `emotion`.
    label: EmotionLabel = Field(validation_alias=AliasChoices("label", "emotion"))
    intensity: float | None = Field(default=None, ge=0, le=1)


class SuggestCase(Case):
    """A customer line (or conversation) with one scenario, or every scenario a trainer would accept."""

    text: str | list[dict[str, str]]
    scenario: str | None = None
    scenarios: list[str] = []
    emotion: EmotionLabel | None = None
    # Topics the customer raised (refund, repair, delivery, time_limit …); a reply may commit only to these.
    raised: list[str] | None = None

    @model_validator(mode="after")
    def _some_scenario(self):
        if not self.scenario and not self.scenarios:
            raise ValueError("a suggest case needs `scenario` or a non-empty `scenarios` list")
        return self

    @property
    def acceptable(self) -> list[str]:
        """Every scenario key counted right, best first."""
        return self.scenarios or [self.scenario]


class GradeLabel(BaseModel):
    band: Literal["good", "middling", "poor"]
    must_cite: list[int] = []


class GradeCase(Case):
    persona: str | None = None
    scenario: str | None = None
    turns: list[dict[str, Any]] = Field(min_length=1)
    label: GradeLabel


class SimulateCase(Case):
    persona: str
    scenario: str
    script: list[str] = Field(min_length=1)
    expect: list[Literal["resolved", "escalated", "hung_up", "out_of_turns"]] = Field(min_length=1)

    @field_validator("expect", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value


CASE_MODELS: dict[str, type[Case]] = {"check": CheckCase, "search": SearchCase, "emotion": EmotionCase,
                                      "suggest": SuggestCase, "grade": GradeCase, "simulate": SimulateCase}


class Threshold(BaseModel):
    """`metric op bound`, e.g. recall >= 0.95."""

    metric: str
    op: Literal[">=", "<="]
    bound: float

    def met(self, value: float | None) -> bool:
        if value is None:
            return False
        return value >= self.bound if self.op == ">=" else value <= self.bound

    def __str__(self) -> str:
        return f"{self.metric} {self.op} {self.bound:g}"


class Suite(BaseModel):
    """One suite file, its cases loaded and validated."""

    model_config = ConfigDict(extra="forbid")

    name: str
    component: Literal["check", "search", "emotion", "suggest", "grade", "simulate"]
    description: str = ""
    cases: list[Case] | str = Field(description="inline cases, or a JSONL file, a pattern of JSONL files (*.jsonl) or a directory of JSON files")
    where: dict[str, Any] = {}
    backend: Literal["offline", "llm"] = "offline"
    repeats: int = Field(default=1, ge=1, le=50)
    seed: int = 0
    k: int = Field(default=5, ge=1, le=50)
    thresholds: dict[str, float | str] = {}
    path: Path | None = None

    def bounds(self) -> list[Threshold]:
        """The thresholds as comparisons (a bare number means "at least", or "at most" for error rates)."""
        out = []
        for metric, raw in self.thresholds.items():
            if isinstance(raw, str):
                op, bound = _BOUND.match(raw).groups()
                out.append(Threshold(metric=metric, op="<=" if op in ("<=", "≤") else ">=", bound=float(bound)))
            else:
                out.append(Threshold(metric=metric, op="<=" if lower_is_better(metric) else ">=", bound=float(raw)))
        return out


def load_suite(path: Path | str) -> Suite:
    """Read, validate and resolve one suite file (its cases included) or raise SuiteError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SuiteError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(f"{path}: cannot read: {exc}") from None
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        raise SuiteError(f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(data, dict):
        raise SuiteError(f"{path}:1: a suite must be a mapping with name, component, cases and thresholds")
    raw_cases = data.get("cases")
    try:
        suite = Suite.model_validate({**data, "cases": raw_cases if isinstance(raw_cases, str) else [],
                                      "path": path})
    except ValidationError as exc:
        raise SuiteError(_explain(path, root, exc)) from None
    _check_thresholds(suite, path, root)
    if isinstance(raw_cases, str):
        cases = _file_cases(suite.component, path.parent / raw_cases, path, _line(root, ("cases",)))
    elif isinstance(raw_cases, list):
        cases = _inline_cases(suite.component, raw_cases, path, root)
    else:
        raise SuiteError(f"{path}:{_line(root, ('cases',))}: cases must be a list of cases or the path of a "
                         f"JSONL file / directory of JSON files")
    cases = [c for c in cases if _selected(c, suite.where)]
    if not cases:
        raise SuiteError(f"{path}:{_line(root, ('where',))}: no case left after `where` {suite.where}")
    return suite.model_copy(update={"cases": cases})


def load_suites(paths: list[Path | str]) -> list[Suite]:
    """Several suites; a directory stands for every *.yaml inside it."""
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.glob("*.yaml")) if p.is_dir() else [p]
    return [load_suite(f) for f in files]


def _check_thresholds(suite: Suite, path: Path, root) -> None:
    for metric, raw in suite.thresholds.items():
        line = _line(root, ("thresholds", metric))
        if not is_known(suite.component, metric):
            raise SuiteError(f"{path}:{line}: thresholds: unknown metric {metric!r} for component {suite.component!r}")
        if isinstance(raw, str) and not _BOUND.match(raw):
            raise SuiteError(f"{path}:{line}: thresholds.{metric}: {raw!r} is not a bound like \">= 0.9\" or \"<= 0.05\"")


def _inline_cases(component: str, raw: list, path: Path, root) -> list[Case]:
    model = CASE_MODELS[component]
    cases = []
    for i, item in enumerate(raw):
        try:
            case = model.model_validate(item)
        except ValidationError as exc:
            raise SuiteError(_explain(path, root, exc, prefix=("cases", i))) from None
        cases.append(case if case.id else case.model_copy(update={"id": f"case{i + 1}"}))
    return cases


def _file_cases(component: str, source: Path, suite_path: Path, line: int) -> list[Case]:
    model = CASE_MODELS[component]
    if source.is_dir():
        items = [(f, 1, f.read_text(encoding="utf-8")) for f in sorted(source.glob("*.json"))]
    elif source.is_file() or _GLOB.search(source.name):
        # A pattern (agent_lines/*.jsonl) pools several JSONL files, e.g. one test split kept in one file per domain.
        files = [source] if source.is_file() else sorted(source.parent.glob(source.name))
        if not files:
            raise SuiteError(f"{suite_path}:{line}: cases: no file matches {source}")
        items = [(f, n, text) for f in files for n, text in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
                 if text.strip()]
    else:
        raise SuiteError(f"{suite_path}:{line}: cases: {source} does not exist")
    cases = []
    for file, n, text in items:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SuiteError(f"{file}:{n + exc.lineno - 1}: not valid JSON: {exc.msg}") from None
        try:
            case = model.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise SuiteError(f"{file}:{n}: {_loc(err['loc'])}: {err['msg']}") from None
        cases.append(case if case.id else case.model_copy(update={"id": file.stem if source.is_dir() else
                                                                    f"line{n}" if source.is_file() else f"{file.stem}:{n}"}))
    return cases


def _selected(case: Case, where: dict[str, Any]) -> bool:
    for key, want in where.items():
        got = getattr(case, key, None)
        if got not in (want if isinstance(want, list) else [want]):
            return False
    return True


def _explain(path: Path, root, exc: ValidationError, prefix: tuple = ()) -> str:
    """The first validation error as `file:line: field: problem`."""
    err = exc.errors()[0]
    loc = (*prefix, *err["loc"])
    return f"{path}:{_line(root, loc)}: {_loc(loc)}: {err['msg']}"


def _loc(loc) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "suite"


def _line(node, loc) -> int:
    """1-based line of the deepest YAML node on the path `loc` (a missing key points at its parent)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
            if child is None:
                child = next((k for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line
