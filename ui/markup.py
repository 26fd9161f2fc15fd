"""The HTML and Markdown the tabs render; every user-typed string passes through escape()."""
from __future__ import annotations

import re
from typing import Any

from ui.messages import CATEGORY_NAMES, EMOTION_NAMES, SEVERITY_NAMES, InputError, clean_line, escape, label

# A generated file name holds a content hash (a run of hex digits); a rule id is ASCII only.
MACHINE_NAME = re.compile(r"[0-9a-f]{8,}", re.IGNORECASE)
INTERNAL_ID = re.compile(r"[A-Za-z0-9_.:-]+")

EMOTION_COLOURS = {
    "angry": "#d93025", "anxious": "#f29900", "sad": "#5f6bd9", "noisy": "#a142f4",
    "confused": "#12a4af", "neutral": "#5f6368", "satisfied": "#188038",
}
CATEGORY_COLOURS = {name: colour for name, colour in zip(
    CATEGORY_NAMES.values(),
    ["#f28b82", "#fbbc04", "#ff8a65", "#f48fb1", "#aecbfa", "#ce93d8", "#80cbc4", "#ffcc80", "#b0bec5", "#ef9a9a"],
)}


def field_of(obj: Any, name: str, default: Any = None) -> Any:
    """Read a field from a pydantic model or a dict (API results arrive as either)."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def cite(source: Any) -> str:
    """Where a rule comes from, for people: the regulation's heading path (title > 第X条), not its file name.

    Imported files are stored under generated names (001_<hash>.txt); the heading path already starts
    with the document's own title, so the file name is shown only when there is no path and it reads
    like a name a person gave.
    """
    if source is None:
        return ""
    if isinstance(source, str):
        return source if "·" in source or ">" in source else _document_name(source)
    if article := field_of(source, "article"):
        return str(article)
    return _document_name(str(field_of(source, "file") or ""))


def _document_name(file: str) -> str:
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "" if MACHINE_NAME.search(stem) else stem


def rule_text(rulebook: Any, rule: Any) -> str:
    """The rulebook's text for a rule id, or the rule as given when it is not an id."""
    if rulebook is not None and isinstance(rule, str):
        try:
            entry = rulebook.by_id(rule)
        except (KeyError, LookupError):
            entry = None
        if entry is not None:
            return entry.text
    # An id the rulebook no longer holds (pr-…, sp-…) means nothing to a trainee; a sentence does.
    return "" if rule is None or INTERNAL_ID.fullmatch(str(rule)) else str(rule)


def highlight(text: str, violations: list) -> list[tuple[str, str | None]]:
    """Split the text into (segment, category name or None) for gr.HighlightedText."""
    spans = sorted((int(field_of(v, "span")[0]), int(field_of(v, "span")[1]), field_of(v, "category"))
                   for v in violations if field_of(v, "span"))
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, category in spans:
        start = max(start, pos)  # overlapping spans: the earlier one keeps the shared characters
        if end <= start:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], label(CATEGORY_NAMES, category)))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def violations_md(violations: list, rulebook: Any = None) -> str:
    """One Markdown block per warning: the phrase, the rule, its source and the compliant rewrite."""
    blocks = []
    for v in violations:
        lines = [
            f"**{escape(label(CATEGORY_NAMES, field_of(v, 'category')))}**"
            f"（{escape(label(SEVERITY_NAMES, field_of(v, 'severity')))}）：“{escape(field_of(v, 'phrase', ''))}”",
            f"- 规定：{escape(rule_text(rulebook, field_of(v, 'rule')))}",
        ]
        if source := cite(field_of(v, "source")):
            lines.append(f"- 出处：{escape(source)}")
        if suggestion := field_of(v, "suggestion"):
            lines.append(f"- 建议改为：{escape(suggestion)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def emotion_badge(emotion: Any, elem: str = "emotion") -> str:
    """A coloured badge (and meter) for an emotion label and its 0–1 intensity."""
    key = str(field_of(emotion, "label", "neutral"))
    intensity = max(0.0, min(1.0, float(field_of(emotion, "intensity", 0.0) or 0.0)))
    colour = EMOTION_COLOURS.get(key, "#5f6368")
    pct = round(intensity * 100)
    return (
        f'<div class="kefu-{elem}" data-emotion="{escape(key)}" data-intensity="{intensity:.2f}">'
        f'<span style="background:{colour};color:#fff;border-radius:4px;padding:2px 8px">'
        f"{escape(label(EMOTION_NAMES, key))}</span> 强度 {pct}%"
        f'<div style="background:#eee;border-radius:4px;height:10px;margin-top:6px">'
        f'<div style="background:{colour};width:{pct}%;height:10px;border-radius:4px"></div></div></div>'
    )


RULE_SECTIONS = ("forbidden_phrases", "scenario_phrases", "principles", "procedures", "slas", "points")


def rules_at(rulebook: Any, source: Any) -> list[str]:
    """Texts of the rulebook entries cited from this file and article."""
    key = (field_of(source, "file"), field_of(source, "article"))
    return [e.text for section in RULE_SECTIONS for e in field_of(rulebook, section, []) or []
            if (field_of(e.source, "file"), field_of(e.source, "article")) == key]


def citations_html(sources: list, rulebook: Any = None) -> str:
    """Citations as <details>, one per distinct source: it opens to show the rules' text."""
    items, seen = [], set()
    for source in sources:
        head = cite(source) or "出处"
        if head in seen:
            continue
        seen.add(head)
        texts = rules_at(rulebook, source)[:5] or [head]
        body = "".join(f"<p>{escape(t)}</p>" for t in texts)
        items.append(f'<details class="kefu-citation"><summary>{escape(head)}</summary>{body}</details>')
    return "".join(items)


def mood_trend(moods: list[tuple[int, str, float]]) -> str:
    """An inline SVG line of the caller's mood intensity per customer line (turn number, label, 0–1)."""
    if not moods:
        return ""
    width, height, pad = 260, 72, 8
    step = (width - 2 * pad) / max(1, len(moods) - 1)
    points = [(pad + i * step, pad + (1 - max(0.0, min(1.0, float(v)))) * (height - 2 * pad), turn, key, v)
              for i, (turn, key, v) in enumerate(moods)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in points)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{EMOTION_COLOURS.get(key, "#5f6368")}">'
        f"<title>第{turn}句：{escape(label(EMOTION_NAMES, key))} {round(v * 100)}%</title></circle>"
        for x, y, turn, key, v in points)
    return (
        f'<figure class="kefu-trend" data-points="{len(points)}" style="margin:8px 0 0">'
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="客户情绪走势">'
        f'<line x1="{pad}" y1="{height / 2}" x2="{width - pad}" y2="{height / 2}" stroke="#ddd" stroke-dasharray="3"/>'
        f'<polyline points="{line}" fill="none" stroke="#888" stroke-width="2"/>{dots}</svg>'
        '<figcaption style="font-size:12px;color:#666">情绪走势：越高越激动，悬停圆点看每句后的情绪</figcaption></figure>'
    )


def numbered(turn: int, text: str) -> str:
    """A chat bubble's text headed by its 第N句 number, the one the scorecard's findings use."""
    return f'<span class="kefu-turn">第{turn}句</span> {text}'


def check_draft(checker: Any, rulebook: Any, draft: str) -> tuple[list, str]:
    """Highlighted draft and its warnings as the agent types; an empty draft clears both."""
    if not (draft or "").strip():
        return [], ""
    try:
        text = clean_line(draft)
    except InputError as exc:
        return [], f"⚠️ {escape(exc)}"
    # As the agent types, the offline cascade only: a served model's second opinion takes seconds.
    violations = list(field_of(checker.check(text, ask_model=False), "violations", []))
    if not violations:
        return highlight(text, []), "✅ 未发现违规用语。"
    return highlight(text, violations), violations_md(violations, rulebook)
