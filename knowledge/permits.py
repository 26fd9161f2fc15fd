"""Whether a question asks if an act is allowed ("能不能跟他家人说", "可以叫他全名吗") and whether a passage allows or
forbids acts. A list of prohibited conduct (不得向第三人透露…) or a rule granting a right (可以申请…) answers "may I";
a passage that only sets a time or describes a procedure does not (knowledge.asks counts it as a kind asked)."""
from __future__ import annotations

import re

PERMISSION = "permission"
# "可以…吗" asks whether; the words up to 吗 are the act. (A bare "能…吗" is mostly a caller asking what the service
# can do: "钱扣了两次，能退吗". 要不要 asks whether something is owed, 是不是 and 会不会 whether something is so.)
MAY = re.compile(r"能不能|可不可以|能否|可否|允(?:不允)?许|准不准|让不让|可以(?=[^，。？?]{1,14}?[吗么](?:[？?]|$))")
# Words allowing or forbidding an act. Read from a passage without its sentences stating points
# (knowledge.asks.unscored): a deduction row naming a list ("使用所列禁止性语言 | 5分") scores an act and allows or
# forbids nothing. Quoted lines stay: a line allowed in a scene ("话务繁忙时可以使用：您好，请讲") is often quoted with
# the rule, the marks astray.
# ("不使用表情", "只使用官方表情包", "仅限同城配送" restrict an act as much as 不得 does.)
_PERMITS = re.compile(r"不(?:得|准|许|能|可|应|宜|要|使用)|[只仅](?:能|可|准|许|限|使用)|严禁|禁止(?!性)|[切请]勿|杜绝|避免|"
                      r"无权|有权|可以|允许|方可|须经|经[^，。；\n]{1,8}?同意")


def asks_leave(question: str) -> bool:
    """Whether a question asks if an act is allowed."""
    return bool(MAY.search(question))


def permits(prose: str) -> bool:
    """Whether a passage (without its sentences stating points) allows or forbids an act."""
    return bool(_PERMITS.search(prose))
