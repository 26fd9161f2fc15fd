"""The HTML and Markdown the tabs render; every user-typed string passes through escape()."""
from __future__ import annotations

from typing import Any

from ui.messages import CATEGORY_NAMES, EMOTION_NAMES, SEVERITY_NAMES, escape, label

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
    """'file · article' for a source given as a model, a dict or a plain string."""
    if source is None:
        return ""
    if isinstance(source, str):
        return source
    parts = [field_of(source, "file"), field_of(source, "article")]
    return " · ".join(str(p) for p in parts if p)


def rule_text(rulebook: Any, rule: Any) -> str:
    """The rulebook's text for a rule id, or the rule as given when it is not an id."""
    if rulebook is not None and isinstance(rule, str):
        try:
            entry = rulebook.by_id(rule)
        except (KeyError, LookupError):
            entry = None
        if entry is not None:
            return entry.text
    return "" if rule is None else str(rule)


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
