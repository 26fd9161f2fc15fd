"""Timing rules of a recorded call: pickup, speech rate, silence without a hold phrase, overlap, reply latency.

Thresholds live in `evals/qa/qa.yaml`, overridable per workspace by `<workspace dir>/qa.yaml`.
Each rule cites the workspace rule found by unit and wording (never by a known id), so any
centre's rulebook is cited where it states the matching limit.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from assist.intents import detect_intents

DEFAULTS = Path(__file__).with_name("qa.yaml")
# What a speech-rate count counts: characters spoken, not punctuation or spaces.
_SPOKEN = re.compile(r"\w")


class Rule(BaseModel):
    """Common settings: on/off, points per offence, a per-call cap, and how to find the cited rule."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    points: float = 2
    max_points: float | None = None
    units: list[str] = []
    words: list[str] = []


class Pickup(Rule):
    rings: float = 3
    ring_seconds: float = 4


class SpeechRate(Rule):
    low: float = 120
    high: float = 160
    min_chars: int = 12


class Limit(Rule):
    seconds: float


class TimingConfig(BaseModel):
    """All timing rules; `qa.yaml` has exactly this shape."""

    model_config = ConfigDict(extra="forbid")
    pickup: Pickup
    speech_rate: SpeechRate
    silence: Limit
    overlap: Limit
    latency: Limit


class ConfigError(ValueError):
    """A qa.yaml that cannot be used; the message (Chinese) names the file and field."""


def load_config(workspace_dir: Path | None = None) -> TimingConfig:
    """The defaults, each rule's fields overridden by `workspace_dir/qa.yaml` when it exists."""
    data = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))
    path = Path(workspace_dir) / "qa.yaml" if workspace_dir else None
    if path is not None and path.is_file():
        try:
            override = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"无法读取 {path}：{exc}") from None
        if not isinstance(override, dict):
            raise ConfigError(f"{path}：顶层应是规则名到设置的映射（例如 pickup: {{rings: 3}}）")
        for name, fields in override.items():
            if name not in data or not isinstance(fields, dict):
                raise ConfigError(f"{path}：未知的规则或格式错误：{name}（可用：{'、'.join(data)}）")
            data[name] = {**data[name], **fields}
    try:
        return TimingConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ConfigError(f"{path or DEFAULTS}：{'.'.join(map(str, err['loc']))} 不正确：{err['msg']}") from None


def cite(rulebook, rule: Rule):
    """The entry a timing rule cites: an SLA in one of its units mentioning one of its words, else a principle or procedure."""
    if rulebook is None or not rule.words:
        return None
    mentions = lambda text: any(w in text for w in rule.words)
    for sla in rulebook.slas:
        if sla.unit in rule.units and (mentions(sla.text) or mentions(sla.applies_to)):
            return sla
    # Prescribed phrases and points mention such words in passing; only a principle or procedure states the duty.
    return next((e for e in [*rulebook.principles, *rulebook.procedures] if mentions(e.text)), None)


class Timing:
    """Applies the timing rules to one call's turns; built once per run (citations resolved up front)."""

    NAMES = ("pickup", "speech_rate", "silence", "overlap", "latency")

    def __init__(self, config: TimingConfig, rulebook=None):
        self.config = config
        self.cited = {}
        for name in self.NAMES:
            entry = cite(rulebook, getattr(config, name))
            self.cited[name] = (entry.id, {"file": entry.source.file, "article": entry.source.article}) if entry else (None, None)

    def check(self, turns: list[dict]) -> list[dict]:
        """Findings of every enabled rule; [] when a turn lacks start_ms or end_ms (see `timed`)."""
        if not timed(turns):
            return []
        out: list[dict] = []
        c = self.config
        for name, finder in (("pickup", self._pickup), ("speech_rate", self._speech), ("silence", self._silence),
                             ("overlap", self._overlap), ("latency", self._latency)):
            rule = getattr(c, name)
            if not rule.enabled:
                continue
            spent = 0.0
            for turn, start_ms, detail in finder(turns, rule):
                points = rule.points if rule.max_points is None else max(0.0, min(rule.points, rule.max_points - spent))
                spent += points
                rid, source = self.cited[name]
                out.append({"turn": turn, "category": name, "rule": rid, "source": source, "check": "timing",
                            "detail": detail, "points": points, "start_ms": start_ms})
        return out

    @staticmethod
    def _pickup(turns, rule: Pickup):
        # The line is answered when anyone first speaks on it (the caller may say 喂 first).
        limit, first = rule.rings * rule.ring_seconds, turns[0]["start_ms"]
        if first / 1000 > limit:
            yield 0, first, f"来电约 {first / 1000:.0f} 秒后才接听，超过 {rule.rings:g} 声（约 {limit:g} 秒）"

    @staticmethod
    def _speech(turns, rule: SpeechRate):
        for i, t in enumerate(turns):
            chars, minutes = spoken_chars(t["text"]), (t["end_ms"] - t["start_ms"]) / 60000
            if t["role"] != "agent" or chars < rule.min_chars or minutes <= 0:
                continue
            rate = chars / minutes
            if rate < rule.low or rate > rule.high:
                pace = "过快" if rate > rule.high else "过慢"
                yield i, t["start_ms"], f"语速{pace}：约 {rate:.0f} 字/分钟（规定 {rule.low:g}–{rule.high:g} 字/分钟）"

    @staticmethod
    def _silence(turns, rule: Limit):
        ended, last_agent = turns[0]["end_ms"], None
        for i, t in enumerate(turns):
            gap = t["start_ms"] - ended
            if i and gap > rule.seconds * 1000:
                announced = last_agent is not None and "hold" in detect_intents(turns[last_agent]["text"])
                if not announced:
                    yield i, ended, f"通话静默约 {gap / 1000:.0f} 秒，之前没有提示客户稍候（请您稍等……）"
            ended = max(ended, t["end_ms"])
            if t["role"] == "agent":
                last_agent = i

    @staticmethod
    def _overlap(turns, rule: Limit):
        customer = None
        for i, t in enumerate(turns):
            if t["role"] == "customer":
                customer = t
            elif customer is not None and customer["start_ms"] <= t["start_ms"] < customer["end_ms"] - rule.seconds * 1000:
                yield i, t["start_ms"], f"客户还在说话时坐席插话，重叠约 {(customer['end_ms'] - t['start_ms']) / 1000:.1f} 秒"

    def _latency(self, turns, rule: Limit):
        hold = self.config.silence.seconds * 1000
        for i in range(1, len(turns)):
            before, t = turns[i - 1], turns[i]
            gap = t["start_ms"] - before["end_ms"]
            if t["role"] == "agent" and before["role"] == "customer" and rule.seconds * 1000 < gap <= hold:
                yield i, before["end_ms"], f"客户说完约 {gap / 1000:.0f} 秒后坐席才回应"


def spoken_chars(text: str) -> int:
    """Characters a speech rate counts: spoken ones, not punctuation or spaces."""
    return len(_SPOKEN.findall(text))


def timed(turns: list[dict]) -> bool:
    """Whether every turn has both times (timing rules need them all)."""
    return all(t.get("start_ms") is not None and t.get("end_ms") is not None for t in turns)
