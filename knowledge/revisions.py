"""Revisions: a note saying what an old rule became, and a revision history, quote limits and points of the past;
the rules in force state the new ones (knowledge.extract_numbers and knowledge.extract_points skip them)."""
from __future__ import annotations

import re

from knowledge.clauses import Clause

# A revision note quotes old limits and says what they became; the rule itself states the new one.
# ("2025版曾要求…", "原规定…", "更新说明：…" quote the past too; "48小时内整改到位" is a repair, no revision,
# and "超时的须改为回拨" tells the agent to switch to a call-back.)
_REVISION = re.compile(r"(?:调整?|修改|修订|(?<![整应须需可])改)(?:为|至|到)|缩短为|延长为|提高到|降低到|废止|作废|不再执行"
                       r"|由[^，。；]{1,12}(?:延长|缩短)(?:至|到)|曾(?:要求|规定)|原(?:规定|要求)|(?:修订|更新|变更)说明[：:]"
                       r"|不再适用|停止执行|同时失效")
# A revision history (a "修订记录" heading, a 版本 | 修订内容 table) quotes limits and points of the past.
_HISTORY = re.compile(r"修订|变更记录|变更说明|版本|历史")
# A heading names a history only as such ("附件 修订记录"); a title noting its edition ("…办法（2026年修订）",
# "V3.1版") heads the rules in force.
_HISTORY_HEADING = re.compile(r"(?:修订|变更|版本|更新)(?:记录|说明|历史|履历|情况)|历史版本")


def revises(sentence: str) -> bool:
    """Whether a sentence tells what an old rule became (or that it no longer applies)."""
    return bool(_REVISION.search(sentence))


def is_history(clause: Clause) -> bool:
    """Whether a clause is a row or line of a revision history."""
    return any(_HISTORY.search(c) for c in clause.cells) or bool(_HISTORY_HEADING.search(clause.section))
