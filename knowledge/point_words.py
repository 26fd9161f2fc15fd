"""How regulations write points: the verbs and signs of deductions and bonuses, scores per occurrence, and the
score closing a listed item (knowledge.extract_points reads them in clauses and table rows)."""
from __future__ import annotations

import re

# Per occurrence: "2分/次", "1分/单", "3分/人次".
PER = r"\s*/\s*[\u4e00-\u9fff]{1,2}"
# Score sheets also sign the points ("使用服务忌语：-3分/次", "+2分"); a range ("1-3分") is no sign.
# A range ("扣2-5分", "加1～3分") is read as its lower end, the least the rule always costs or gives.
UP_TO = r"(?:\s*[-~～至到－—–]\s*[-−－]?\d+(?:\.\d+)?)?"  # dashes of every width: "扣2—5分"; "-3～-6" signs both ends
# Points in Chinese numerals ("扣两分；", "加五分/次") follow the verb at once and end the clause ("十分重要" is "very").
CN_SCORE = r"[一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]{1,3}|半"  # capitals too ("扣叁分"), and half a point
# A range in Chinese numerals ("扣三至五分") is read as its lower end, as one in figures is.
_CN_POINTS = rf"({CN_SCORE})(?:[至到~～-](?:{CN_SCORE}))?分(?=[，。；;、/）)：:\s]|并|$)"
# Between the verb (扣, 核减, or 罚 of points: "罚2分") and the points a few words, or more when they end in what is docked
# ("扣除当月服务质量考核分2分"); 负 signs them as a minus does ("记负2分"); the points may also come before the verb:
# "按每次2分扣减", "以5分扣除", "给予2分扣分" (and a bonus: "给予1分奖励").
# A signed figure in quotes or brackets after 计 / 记 ("计“−4”", "记（-2）", "记“+3分”"): the sign says which, and any
# dash stands for the minus there ("计“—4”"), where no range can be meant; so does one between 按 and 计 ("按“−2”计").
_QUOTED_SIGN = (r"(?:[计记]|按(?=\s*[“\"‘'「『（(【\[][^”\"’'」』）)】\]]{{1,8}}[”\"’'」』）)】\]]\s*[计记扣]))"
                r"\s*[“\"‘'「『（(【\[]\s*[{}]\s*(\d+(?:\.\d+)?)\s*分?(?:{})?\s*[”\"’'」』）)】\]]")
# Points kept as credits ("奖励20积分", "每单奖励5个积分", "扣减10积分") are points too.
_UNIT = r"(?:个?积)?分"
# A label and a figure without its unit ("扣分：-1", "扣分：2；") closing a clause: the label names what the figure is.
_LABELLED = r"扣分\s*[：:]\s*[-−－]?(\d+(?:\.\d+)?)(?=\s*(?:[；;。，,]|$))"
# Points recorded against the agent, the record named ("每次记违规分3分", "计差错分2分").
_DEMERITS = r"[记计](?:违规|差错|过失|负)分\s*(\d+(?:\.\d+)?)" + UP_TO + r"\s*分(?!钟)"
# 考核 as the verb of a penalty ("…的，考核2分", "每次考核5分") opens its clause and is followed by the points at once;
# "服务态度考核10分" names what an item weighs.
_APPRAISED = rf"(?:(?<=[，,：:])|^)\s*(?:每[次例起件单通]\s*)?考核\s*(\d+(?:\.\d+)?){UP_TO}\s*分(?!钟|以|及|为|制)"
DEDUCT = re.compile(rf"(?:扣(?:除|减)?|核减|罚(?![款金]))(?:[^\d，。；、]{{0,5}}?|[^\d，。；、]{{0,12}}?(?:分|成绩|分数|得分)\s*)(\d+(?:\.\d+)?){UP_TO}\s*{_UNIT}(?!钟)|(?<![\d.])[-−－负](\d+(?:\.\d+)?)\s*分(?!钟)"
                     rf"|扣(?:除|减|罚)?(?:[^\d，。；、]{{0,12}}?(?:分|成绩|分数|得分))?{_CN_POINTS}|(?<![加增])减(?:[去掉]|分\s*[：:])?\s*(\d+(?:\.\d+)?){UP_TO}\s*分(?!钟)"  # "每次减2分", "减去2分", "减分：2分"
                     rf"|(?<![\d.])(\d+(?:\.\d+)?)\s*分(?:{PER})?\s*(?:(?:予以|进行|给予)?扣(?:减|除|罚)|[计记]扣)|[按以]\s*(\d+(?:\.\d+)?)\s*分(?:{PER})?\s*扣分|(?:给予|予以)(\d+(?:\.\d+)?)\s*分的?扣分"  # "按2分/次扣除", "以1分/次计扣", "按0.5分/次扣分"
                     rf"|{_QUOTED_SIGN.format('-−－—–', PER)}|{_APPRAISED}|{_LABELLED}|{_DEMERITS}")
# 加 is also part of words ("加号", "加急"): the points follow it without a bracket between ("承诺加号（3分）" is no bonus).
BONUS = re.compile(rf"(?:加|奖励?|嘉奖)[^\d，。；、（(]{{0,5}}?(\d+(?:\.\d+)?){UP_TO}\s*{_UNIT}(?!钟)|(?<![\d.])[+＋](\d+(?:\.\d+)?)\s*分(?!钟)"
                    rf"|(?:加|奖励?|嘉奖){_CN_POINTS}|(?:给予|予以)(\d+(?:\.\d+)?)\s*分的?(?:奖励|加分)|{_QUOTED_SIGN.format('+＋', PER)}")
SCORE_CELL = re.compile(rf"([-−－+＋])?\s*(\d+(?:\.\d+)?)({UP_TO})\s*(分|元)?(?:{PER})?")  # "2～5分/次" too
# An item of a list of deductions or bonuses that ends in its score: "未报工号（1分）；", "未复述：2分", "抢话 2分",
# "…的，计3分" (counted, the list's heading signs it), or in a signed figure after a colon or in brackets ("…未回访的：−3",
# "未报工号（-1）").
ITEM_SCORE = re.compile(r"[（(：:，,\s]\s*[计记]?\s*(\d+(?:\.\d+)?)\s*分\s*[）)]?\s*[；;。]?\s*$")
# (The figure may stand in quotes and per occurrence: "…备注错误：“−2”/单。", "…延误：“−2”分/次"; or after a space: "未报工号 -1")
SIGNED_ITEM = re.compile(rf"(?:[：:]|\s(?=[-−－+＋])|[（(](?=[^）)]*[）)]))\s*[“\"「]?\s*([-−－+＋])\s*(\d+(?:\.\d+)?)\s*分?\s*[”\"」]?分?(?:{PER})?"
                          r"\s*[）)]?\s*[；;。]?\s*$")
# Points without a verb, stated per occurrence ("2分/次", "每项1分", "每单记1分"); only a heading can sign them.
BARE_POINTS = re.compile(rf"每(?:次|项|例|处|条|通|单|件|笔)\s*[记计]?\s*(\d+(?:\.\d+)?)\s*分(?!钟)|(?<![\d.])(\d+(?:\.\d+)?)\s*分{PER}")
# A clause led by its score ("2分：未按规定使用开头语", "1分/次：未核对姓名"), signed by the heading over it; a scale of
# grades ("5分：完全符合要求", "0分：不符合") is none.
LEADING_SCORE = re.compile(rf"(\d+(?:\.\d+)?)\s*分(?:{PER})?\s*[：:]\s*(?=[^\d\s：:]{{4}})(?!.*(?:符合|良好|优秀|较好|较差|基本|完全|熟练))")
