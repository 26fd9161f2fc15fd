"""A served model's second pass over a regulation: the rules the patterns missed, checked against the text.

The model answers prompts/extract.yaml with structured entries. An entry survives only when its
evidence sentence and its text are found in the document (after normalization) and its numbers
are numbers of that sentence: no invented rules. Its citation and evidence are then taken from
the cleaned text itself, not from the model's copy.
"""
from __future__ import annotations

import logging
import re
from typing import Literal

from pydantic import BaseModel

from core.llm import ChatModel, LLMError
from core.prompts import render
from knowledge.chunks import SEP
from knowledge.clauses import Clause, Finding, as_sentence, clauses, sentence_at, tidy
from knowledge.clean import CleanDoc
from knowledge.extract_numbers import UNITS
from knowledge.numerals import NUMERAL, number
from knowledge.normalize import match_key, normalize_with_map
from knowledge.rulebook import CATEGORIES, SCENARIOS, Rulebook

log = logging.getLogger(__name__)

PART_CHARS = 3000  # one request per part of a long document, split at line ends


class ModelEntry(BaseModel):
    """One rule as the model reports it."""

    kind: Literal["forbidden_phrase", "prescribed_line", "sla", "point"]
    text: str
    evidence: str
    suggestion: str = ""
    category: str = "forbidden_phrase"
    scenario: str = ""
    situation: str = ""
    value: float | None = None
    value_high: float | None = None
    unit: str = ""
    applies_to: str = ""
    points: float | None = None
    money: float | None = None
    point_kind: str = ""


class ModelDraft(BaseModel):
    """The model's answer: the entries the patterns missed."""

    entries: list[ModelEntry] = []


def _parts(text: str) -> list[str]:
    """A long document in parts of about PART_CHARS, cut at line ends."""
    parts, current = [], ""
    for line in text.split("\n"):
        if current and len(current) + len(line) > PART_CHARS:
            parts.append(current)
            current = ""
        current += line + "\n"
    return [*parts, current] if current.strip() else parts


def _locate(evidence: str, lines: list[Clause]) -> tuple[Clause, str] | None:
    """The clause whose line holds the evidence (normalized), and the verbatim sentence there."""
    key = match_key(evidence)
    if len(key) < 2:
        return None
    for clause in lines:
        norm, offsets = normalize_with_map(clause.line)
        if (at := norm.find(key)) >= 0:
            return clause, sentence_at(clause.line, offsets[at])
    return None


def _numbers(text: str) -> set[float]:
    """Every number written in a text, Chinese numerals included."""
    return {number(n) for n in re.findall(NUMERAL, text)}


def _finding(entry: ModelEntry, clause: Clause, sentence: str) -> Finding | None:
    """The entry as a finding, or None when it states what its sentence does not."""
    said = _numbers(clause.line)
    if entry.kind in ("forbidden_phrase", "prescribed_line"):
        if match_key(entry.text) not in match_key(clause.line):
            return None
        if entry.kind == "forbidden_phrase":
            cat = entry.category if entry.category in CATEGORIES else "forbidden_phrase"
            return Finding("forbidden_phrases", tidy(entry.text), sentence, {"category": cat, "suggestion": tidy(entry.suggestion)})
        if entry.scenario not in SCENARIOS:
            return None
        return Finding("scenario_phrases", as_sentence(tidy(entry.text)), sentence,
                       {"scenario": entry.scenario, "situation": tidy(entry.situation) or clause.article.split(SEP)[-1]})
    if entry.kind == "sla":
        values = [v for v in (entry.value, entry.value_high) if v is not None]
        if not values or entry.unit not in set(UNITS.values()) or not set(values) <= said:
            return None
        value = (values[0], values[1]) if len(values) == 2 else values[0]
        return Finding("slas", as_sentence(tidy(entry.text)), sentence,
                       {"value": value, "unit": entry.unit, "applies_to": tidy(entry.applies_to) or tidy(entry.text)})
    amounts = [abs(v) for v in (entry.points, entry.money) if v is not None]
    if entry.point_kind not in ("deduction", "bonus", "penalty", "rate") or not amounts or not set(amounts) <= said:
        return None
    return Finding("points", as_sentence(tidy(entry.text)), sentence,
                   {"points": entry.points, "kind": entry.point_kind, "money": entry.money})


def model_findings(doc: CleanDoc, drafted: Rulebook, chat_model: ChatModel) -> list[tuple[Finding, str]]:
    """What a served model adds to the pattern draft of one document, each with the article it cites."""
    lines = clauses(doc.text)
    drafted_here = [e.text for e in drafted.all_entries() if e.source.file == doc.name]
    known = {match_key(text) for text in drafted_here}
    found: list[tuple[Finding, str]] = []
    for part in _parts(doc.text):
        prompt = render("extract", file=doc.name, text=part, found=drafted_here, scenarios=list(SCENARIOS),
                        categories=list(CATEGORIES), units=sorted(set(UNITS.values())))
        try:
            answer = chat_model.complete(prompt, ModelDraft)
        except LLMError as exc:  # the pattern draft stands; the model only ever adds to it
            log.warning("extraction model failed on %s: %s", doc.name, exc)
            continue
        for entry in answer.entries:
            where = _locate(entry.evidence, lines)
            finding = _finding(entry, *where) if where else None
            if finding is None or match_key(finding.text) in known:
                continue  # not in the document as stated, or already drafted
            known.add(match_key(finding.text))
            found.append((finding, where[0].article))
    return found
