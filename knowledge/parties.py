"""The people a call centre serves, named the ways regulations and agents name them.

Several readers need them: whether a limit is promised to a caller, whom a reply is due to, whose words a
question reports, which caller word a question may trade for the corpus's own. One list, so that a centre's word
for its callers (a hospital's 患者, a school's 家长, a hotel's 宾客) counts the same everywhere.
"""
from __future__ import annotations

CALLERS = ("客户", "用户", "顾客", "消费者", "来电人", "来电者", "乘客", "旅客", "持卡人", "投保人", "会员", "业主", "住户",
           "居民", "市民", "群众", "患者", "病人", "车主", "买家", "客人", "宾客", "家长", "学生", "学员", "玩家", "观众",
           "租客", "纳税人")
# For a regular expression: an alternation of the words above.
CALLER = "|".join(CALLERS)
