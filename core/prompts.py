"""Prompt templates: YAML files in prompts/, rendered with Jinja StrictUndefined."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from jinja2 import Environment, StrictUndefined, TemplateError
from pydantic import BaseModel, ConfigDict, ValidationError

from core.llm import Message, Prompt
from core.settings import REPO_ROOT

PROMPTS_DIR = REPO_ROOT / "prompts"
# Role markers and separators a chat template adds around each message.
MESSAGE_TOKENS = 8


class PromptError(ValueError):
    """A prompt file is missing or malformed, or a variable it needs was not given."""


class Trim(BaseModel):
    """How to shorten one list variable when the prompt is over its token budget."""

    model_config = ConfigDict(extra="forbid")

    variable: str
    drop: Literal["first", "last"] = "first"  # first: the oldest turn; last: the lowest-ranked hit
    keep: int = 1
    kind: str | None = None  # only items whose "kind" is this (e.g. search hits among the rules)


class PromptTemplate(BaseModel):
    """One prompts/<task>.yaml file."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    system: str
    user: str
    trim: list[Trim] = []  # applied in order until the prompt fits


def to_json(value) -> str:
    """Jinja filter: JSON with Chinese kept readable (pydantic models dumped first)."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    elif isinstance(value, list):
        value = [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
    return json.dumps(value, ensure_ascii=False)


# A missing variable must fail loudly rather than send the model a prompt with a hole in it.
ENV = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
ENV.filters["json"] = to_json


@lru_cache(maxsize=64)
def load_template(task: str, prompts_dir: Path = PROMPTS_DIR) -> PromptTemplate:
    """Read and validate prompts/<task>.yaml."""
    path = prompts_dir / f"{task}.yaml"
    if not path.is_file():
        raise PromptError(f"no prompt template for task {task!r} ({path})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        template = PromptTemplate.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        raise PromptError(f"invalid prompt file {path.name}: {exc}") from exc
    if template.name != task:
        raise PromptError(f"{path.name} declares name {template.name!r}, expected {task!r}")
    return template


@lru_cache(maxsize=64)
def compiled(task: str, prompts_dir: Path = PROMPTS_DIR):
    """The system and user Jinja templates of a task, compiled once."""
    template = load_template(task, prompts_dir)
    return ENV.from_string(template.system), ENV.from_string(template.user)


def render(task: str, prompts_dir: Path = PROMPTS_DIR, **variables) -> Prompt:
    """Render prompts/<task>.yaml with `variables` into a Prompt (system + user messages)."""
    system_template, user_template = compiled(task, prompts_dir)
    try:
        system = system_template.render(**variables)
        user = user_template.render(**variables)
    except TemplateError as exc:
        raise PromptError(f"cannot render prompt {task!r}: {exc}") from exc
    messages = [Message(role="system", content=system.strip()), Message(role="user", content=user.strip())]
    return Prompt(task=task, messages=messages, variables=variables)


def estimate_tokens(text: str) -> int:
    """A conservative token count: one per non-ASCII (CJK) character, one per three ASCII characters."""
    wide = sum(1 for ch in text if ord(ch) > 127)
    return wide + -(-(len(text) - wide) // 3)


def prompt_tokens(prompt: Prompt) -> int:
    """Estimated tokens of all the prompt's messages."""
    return sum(estimate_tokens(m.content) + MESSAGE_TOKENS for m in prompt.messages)


def fit(prompt: Prompt, budget: int, prompts_dir: Path = PROMPTS_DIR) -> Prompt:
    """The prompt re-rendered with its template's `trim` lists shortened until it fits `budget` tokens.

    A prompt that cannot be shortened (no trim rules, or not rendered from its template) comes back as is.
    """
    if prompt_tokens(prompt) <= budget:
        return prompt
    try:
        rules = load_template(prompt.task, prompts_dir).trim
    except PromptError:
        return prompt
    variables, fitted = dict(prompt.variables), prompt
    for rule in rules:
        items = variables.get(rule.variable)
        if not isinstance(items, list):
            continue
        items = list(items)
        while prompt_tokens(fitted) > budget and (index := _droppable(items, rule)) is not None:
            del items[index]
            variables[rule.variable] = items
            fitted = render(prompt.task, prompts_dir, **variables)
    return fitted.model_copy(update={"seed": prompt.seed})


def _droppable(items: list, rule: Trim) -> int | None:
    """Index of the next item `rule` may drop, None when only `keep` are left."""
    candidates = [i for i, item in enumerate(items)
                  if rule.kind is None or (isinstance(item, dict) and item.get("kind") == rule.kind)]
    if len(candidates) <= rule.keep:
        return None
    return candidates[0] if rule.drop == "first" else candidates[-1]
