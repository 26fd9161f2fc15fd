"""Draft a rulebook from any call centre's cleaned regulations, and fold a re-extraction into a reviewed one.

Patterns (knowledge.extract_phrases, extract_numbers, extract_points) find forbidden phrases, prescribed
lines, time limits and points in every clause (knowledge.clauses); a served model may add what
they missed (knowledge.extract_model). Every entry quotes its source sentence as `evidence` and
cites the 第X条 or numbered item it sits in; extraction output is `draft` until a trainer reviews it.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from core.llm import ChatModel
from knowledge.chunks import SEP
from knowledge.outline import SUPPLEMENT
from knowledge.parties import CALLER
from knowledge.clauses import Finding, clauses
from knowledge.clean import CleanDoc, clean_sources
from knowledge.extract_numbers import slas
from knowledge.extract_phrases import phrases, rewrite
from knowledge.extract_points import points
from knowledge.item_points import inherited_points, outcome_line, scored_item, table_signed
from knowledge.normalize import longest_run, match_key
from knowledge.rulebook import (
    RULEBOOK_PATH, SECTIONS, Entry, ForbiddenPhrase, Point, Rulebook, RuleSource, ScenarioPhrase, Sla,
    dump_rulebook, load_rulebook,
)

_MODELS = {"forbidden_phrases": ForbiddenPhrase, "scenario_phrases": ScenarioPhrase, "slas": Sla, "points": Point}
_STEMS = {"forbidden_phrases": "fp", "scenario_phrases": "sp", "slas": "sla", "points": "pt"}
# How closely a re-extracted entry must repeat a reviewed one to be the same rule: the longest
# common run covers this share of the shorter text (punctuation and placeholders aside).
SAME_RULE = 0.6


def _key(finding: Finding) -> str:
    """What makes two findings the same rule: section, normalized text and the numbers."""
    numbers = [finding.fields.get(f) for f in ("value", "unit", "points", "money") if f in finding.fields]
    return f"{finding.section}\n{match_key(finding.text)}\n{numbers}"


def entry_from(finding: Finding, file: str, article: str) -> Entry:
    """A draft entry with an id derived from its content, so re-extraction keeps ids stable."""
    tag = {"scenario_phrases": "scenario", "slas": "unit", "points": "kind"}.get(finding.section)
    digest = hashlib.sha1(f"{file}\n{_key(finding)}".encode("utf-8")).hexdigest()[:8]
    stem = _STEMS[finding.section] + (f"-{finding.fields[tag]}" if tag else "")
    return _MODELS[finding.section](id=f"{stem}-{digest}", text=finding.text, evidence=finding.evidence,
                                    source=RuleSource(file=file, article=article), status="draft", **finding.fields)


def findings(doc: CleanDoc) -> list[tuple[Finding, str]]:
    """Every pattern finding of one document with the article it cites, first occurrence only."""
    found: dict[str, tuple[Finding, str]] = {}
    # "有下列情形之一的，每次扣2分：" states its points for the items below it, not as a rule of its own;
    # it stays one only when no item takes them.
    lead_ins: dict[str, tuple[list[Finding], str]] = {}
    # So does a heading stating points ("（一）扣1分项", "A类违规（每项扣5分）") for the items under it.
    headings: dict[str, list[Finding]] = {}
    taken: set[str] = set()
    tables: dict[tuple[str, ...], set[str]] = {}  # by intro and column names: the verbs its rows' points use
    unrewritten = None  # the forbidden phrase of the line before, still without its rewrite
    unscored = None  # the item of the line before, still without points ("1. 获得客户书面表扬" over "加2分")
    for clause in clauses(doc.text):
        said = phrases(clause)
        if unrewritten and (wording := rewrite(clause)):
            unrewritten.fields["suggestion"] = wording
            said = [f for f in said if f.section != "scenario_phrases"]
        unrewritten = next((f for f in reversed(said) if f.section == "forbidden_phrases"
                            and not f.fields["suggestion"]), None)
        stated = points(clause)
        if clause.cells:
            verbs = tables.setdefault((clause.intro, *clause.cells), set())
            stated = stated or table_signed(clause, verbs)
            verbs |= {"扣分" if f.fields["points"] < 0 else "加分" for f in stated if f.fields["points"]}
        item, unscored = unscored, (clause if (clause.item or clause.listed) and not stated else None)
        if outcome_line(clause) and (item or stated):
            # The item's outcome, never a heading over the next item (an outline may nest that under it).
            stated = item and scored_item(item, clause) or stated
        elif clause.line.endswith(("：", ":")) and stated:
            lead_ins[clause.line], stated = (stated, clause.article), []
        elif clause.intro in lead_ins and not stated:
            stated = inherited_points(clause, lead_ins[clause.intro][0])
            taken |= {clause.intro} if stated else set()
        elif not stated and (heading := clause.section.split(SEP)[-1]) in headings:
            stated = inherited_points(clause, headings[heading])
            taken |= {heading} if stated else set()
        elif stated:
            headings[clause.line] = stated
        for finding in (*said, *slas(clause), *stated):
            found.setdefault(_key(finding), (finding, clause.article))
    for line, (stated, article) in lead_ins.items():
        for finding in stated if line not in taken else []:
            found.setdefault(_key(finding), (finding, article))
    dropped = {id(f) for line in taken & headings.keys() for f in headings[line]}
    found = {key: (f, article) for key, (f, article) in found.items() if id(f) not in dropped}
    _apply_rate([f for f, _ in found.values() if f.section == "points"])
    return _unrepeated(list(found.values()))


# An FAQ retells a limit in a rounder unit ("48小时内" as "两天内"): the same duration all the same.
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def _numbers(finding: Finding) -> tuple:
    value, unit = finding.fields.get("value"), finding.fields.get("unit")
    if unit in _SECONDS and isinstance(value, (int, float)):
        value, unit = value * _SECONDS[unit], "second"
    return finding.section, value, unit, *(finding.fields.get(f) for f in ("points", "money"))


# A note under an article ("注：上述回访时限为1个工作日，遇节假日顺延") retells its limits as a supplement does
# (points in a note, "备注：另扣当月绩效5%", add to the article); so does a tip to the public on a web page
# ("温馨提示：对服务不满意的，我们将在2小时内与您联系").
_NOTE = re.compile(r"^(?:备注|注|说明|(?:温馨|友情)?提示)\s*[：:]")


def _retelling(finding: Finding, article: str) -> bool:
    return bool(SUPPLEMENT.search(article) or finding.section == "slas" and _NOTE.match(finding.evidence))


def _unrepeated(found: list[tuple[Finding, str]]) -> list[tuple[Finding, str]]:
    """Without the limits and points an FAQ, annex, closing provision or note repeats from an article (same
    numbers): the article states the rule, the supplement only retells it ("答：客服会在10分钟内联系师傅"). Nor
    the limits an FAQ's answer states alone ("答：审核通过后一般20个工作日内拨付"): how long things usually take,
    told to a caller, where no article sets a limit."""
    numeric = ("slas", "points")
    stated: dict[tuple, list[Finding]] = {}
    for f, article in found:
        if f.section in numeric and not _retelling(f, article):
            stated.setdefault(_numbers(f), []).append(f)
    return [(f, article) for f, article in found
            if not (f.section in numeric and _retelling(f, article)
                    and (f.section == "slas" and _answering(f, article)
                         or any(_retells(f, article, g) for g in stated.get(_numbers(f), []))))]


# An FAQ's item ("1.问：…？答：…", "答：…"), wherever the outline files it (under the signature's date, say).
_ANSWER_LINE = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]\s*)?[问答]\s*[：:]")


def _answering(finding: Finding, article: str) -> bool:
    """Whether a supplement's finding comes from an FAQ's answer."""
    return bool(_ANSWERS.search(article) or _ANSWER_LINE.match(finding.evidence))


# Words a retold deduction shares with its article ("使用服务禁语"); two faults that merely cost the same
# points ("推诿用户" in an annex's score sheet, "未报工号" in an article) share none this long once the
# wording of the points themselves ("每次扣5分") is left out.
RETOLD_RUN = 4
_POINTS_WORDING = re.compile(r"(?:每[次项例处条通单件笔])?(?:扣除?|扣减|加|罚款?|奖励)?\s*\d+(?:\.\d+)?"
                             r"(?:\s*[-~～至到]\s*\d+(?:\.\d+)?)?\s*[分元](?:\s*/\s*[次单项])?")


# An annex's 时限一览 that the articles point to ("办理时限见附件") states limits of its own: the same number of hours
# may govern something else there ("复机：2小时内恢复信号"), so an annex's limit retells an article's only with a word
# of what it governs ("上门", "回复"; not the parties every limit names). An FAQ or a note retells in its own words
# ("答：48小时内。", "一般会在30秒内回复您"): the same numbers are enough.
RETOLD_LIMIT_RUN = 2
_ANNEX = re.compile(r"附件|附录|附表")
_ANSWERS = re.compile(r"常见问题|问答|解答|FAQ", re.I)
_PARTIES = re.compile(CALLER + r"|您|坐席|座席|客服(?:人员)?|工作人员|我们|我")


def _retells(supplement: Finding, where: str, article: Finding) -> bool:
    """Whether a supplement's limit or points retell an article's (same numbers)."""
    if supplement.section == "points":
        a, b = (match_key(_POINTS_WORDING.sub("", f.text)) for f in (supplement, article))
        run = RETOLD_RUN
    elif _ANNEX.search(where) and not _ANSWERS.search(where):
        a, b = (_PARTIES.sub("", match_key(f.fields.get("applies_to") or f.text)) for f in (supplement, article))
        run = RETOLD_LIMIT_RUN
    else:
        return True
    return longest_run(a, b) >= run


def _apply_rate(found: list[Finding]) -> None:
    """Where a document converts points to money (1分即为2元), its points carry that money too."""
    rate = next((f.fields for f in found if f.fields["kind"] == "rate"), None)
    if not rate or not rate["points"]:
        return
    for f in found:
        if f.fields["kind"] != "rate" and f.fields["points"] is not None and f.fields["money"] is None:
            f.fields["money"] = f.fields["points"] * rate["money"] / rate["points"]


def _rulebook(entries: list[Entry]) -> Rulebook:
    sections: dict[str, list[Entry]] = {s: [] for s in SECTIONS}
    for entry in entries:
        section = next(s for s, model in _MODELS.items() if type(entry) is model)
        if all(e.id != entry.id for e in sections[section]):
            sections[section].append(entry)
    return Rulebook(**sections)


def extract_rulebook(docs: list[CleanDoc]) -> Rulebook:
    """Draft a rulebook from cleaned documents with the patterns alone (offline, deterministic)."""
    return _rulebook([entry_from(f, doc.name, article) for doc in docs for f, article in findings(doc)])


def draft_rulebook(docs: list[CleanDoc], chat_model: ChatModel | None = None) -> Rulebook:
    """A new organisation's documents as draft entries; a served model adds what the patterns missed."""
    drafted = extract_rulebook(docs)
    if chat_model is None or chat_model.offline:
        return drafted
    from knowledge.extract_model import model_findings  # only a served model needs the prompt machinery

    extra = [entry_from(f, doc.name, article) for doc in docs
             for f, article in model_findings(doc, drafted, chat_model)]
    return _rulebook([*drafted.all_entries(), *extra])


def same_rule(new: Entry, old: Entry) -> float:
    """How surely two entries state the same rule (0 when they cannot: other file, other numbers)."""
    if new.source.file != old.source.file or type(new) is not type(old):
        return 0.0
    if isinstance(new, Sla) and (new.value, new.unit) != (old.value, old.unit):
        return 0.0
    if isinstance(new, Point) and (new.kind, new.points if new.points is not None else new.money) != (
            old.kind, old.points if old.points is not None else old.money):
        return 0.0
    a, b = match_key(new.text), match_key(old.text)
    if not a or not b:
        return 0.0
    run = longest_run(a, b)
    return run / max(len(a), len(b)) if run >= SAME_RULE * min(len(a), len(b)) else 0.0


def merge_rulebook(extracted: Rulebook, reviewed: Rulebook | None) -> Rulebook:
    """The reviewed rulebook with a fresh extraction folded in; reviewed decisions always win.

    A reviewed entry stays exactly as reviewed while its rule is still extracted (or it was
    corrected by hand); one whose rule no longer is has gone stale and is dropped. Extracted
    rules no reviewed entry states are added as drafts. Principles and procedures are written by
    reviewers (the patterns draft none), so they never go stale.
    """
    if reviewed is None:
        return extracted
    sections: dict[str, list[Entry]] = {}
    for section in SECTIONS:
        old, still = getattr(reviewed, section), set()
        if section not in _MODELS:
            sections[section] = old
            continue
        fresh = []
        for entry in getattr(extracted, section):
            score, match = max(((same_rule(entry, o), o.id) for o in old), default=(0.0, None))
            if score:
                still.add(match)
            else:
                fresh.append(entry.model_copy(update={"status": "draft"}))
        sections[section] = [e for e in old if e.hand_corrected or e.id in still] + fresh
    return Rulebook(**sections)


def refresh_rulebook(sources_dir: Path, path: Path | None = None) -> Rulebook:
    """Re-run extraction over the sources, keep reviewed entries, write and return the rulebook."""
    target = Path(path) if path else RULEBOOK_PATH
    reviewed = load_rulebook(target) if target.exists() else None
    rulebook = merge_rulebook(extract_rulebook(clean_sources(sources_dir)), reviewed)
    dump_rulebook(rulebook, target)
    return rulebook
