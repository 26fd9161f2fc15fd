"""Points an item of a list gets from the lines around it: the lead-in or heading over it that states them for
every item ("有下列情形之一的，每次扣2分："), or a line under it that states nothing but its outcome ("加2分")."""
from __future__ import annotations

import re
from dataclasses import replace

from knowledge.clauses import Clause, Finding, as_sentence, strip_marker
from knowledge.extract_points import points
from knowledge.point_words import PER, UP_TO


def inherited_points(clause: Clause, intro_points: list[Finding]) -> list[Finding]:
    """An item under "有下列情形之一的，每次扣2分：" that states no points of its own takes the intro's."""
    if not (clause.item or clause.listed) or len(intro_points) != 1:
        return []
    shown = as_sentence(clause.body.rstrip("；;。，"))
    return [Finding("points", shown, clause.line, dict(intro_points[0].fields))]


# A line stating only an outcome ("加2分", "扣分：2分", "标准：扣1分/次", "50元/次"), set under the item it scores.
_OUTCOME_LINE = re.compile(rf"(?:[\u4e00-\u9fff]{{1,4}}\s*[：:])?\s*(?:扣除|扣减|扣分|扣|加分|加|奖励|罚款)?\s*[-−－+＋]?"
                           rf"\d+(?:\.\d+)?{UP_TO}\s*[分元](?:{PER})?\s*[；;。]?")


def outcome_line(clause: Clause) -> bool:
    """Whether a line states nothing but the points or money of the item before it."""
    return not clause.cells and bool(_OUTCOME_LINE.fullmatch(strip_marker(clause.line)))


def scored_item(item: Clause, outcome: Clause) -> list[Finding]:
    """An outcome line's points read with the item they score ("1. 获得客户书面表扬" over "加2分"; "1. 挽回客户投诉的，
    奖励：" over "50元/次", where the item gives the verb)."""
    head = strip_marker(item.line).rstrip("；;，,。")
    line = head + ("" if head.endswith(("：", ":")) else "，") + strip_marker(outcome.line)
    return [Finding("points", f.text, item.line, f.fields) for f in points(replace(item, line=line, body=line))]


# A score recorded without a verb ("记10分", "计5分"), signed by nothing in its row or over it.
_RECORDED = re.compile(r"[记计]\s*\d+(?:\.\d+)?\s*分")


def table_signed(clause: Clause, verbs: set[str]) -> list[Finding]:
    """A row recording a score without a verb ("| 与客户争吵 | 记10分 |") read with the verb ("扣分" or "加分") that
    all its table's other rows use."""
    if len(verbs) != 1 or not any(_RECORDED.fullmatch(cell.strip()) for cell in clause.cells.values()):
        return []
    verb = next(iter(verbs))
    # As if the score's column were named by the verb: "计分标准" says neither.
    return points(replace(clause, cells={verb if _RECORDED.fullmatch(cell.strip()) else name: cell
                                         for name, cell in clause.cells.items()}))
