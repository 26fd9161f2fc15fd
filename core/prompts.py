"""Prompt templates: YAML files in prompts/, rendered with Jinja StrictUndefined."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import yaml
from jinja2 import Environment, StrictUndefined, TemplateError
from pydantic import BaseModel, ConfigDict, ValidationError

from core.llm import Message, Prompt
from core.settings import REPO_ROOT

PROMPTS_DIR = REPO_ROOT / "prompts"


class PromptError(ValueError):
    """A prompt file is missing or malformed, or a variable it needs was not given."""


class PromptTemplate(BaseModel):
    """One prompts/<task>.yaml file."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    system: str
    user: str


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
