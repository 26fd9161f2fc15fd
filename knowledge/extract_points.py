"""Points in a regulation's clauses: deductions, bonuses, fines, awards and points-to-money rates.

Points need a verb (扣 / 加 / 奖励 / 罚款 / 负激励) or a points column that signs them; caps, totals, a score
sheet's weights and money paid to a customer are no points. The sums of money they state: knowledge.point_money;
items lost without a number (该项不得分, 一票否决, 加倍扣分): knowledge.item_loss.
"""
from __future__ import annotations

import re
from dataclasses import replace

from knowledge.chunks import SEP
from knowledge.clauses import Clause, Finding, as_sentence, sentence_at, sentences, strip_marker
from knowledge.extract_numbers import POINT_COLUMN, asks
from knowledge.item_loss import item_lost
from knowledge.numerals import figures, number
from knowledge.point_money import CAP, NOT_GIVEN, in_yuan, money, pay_share, rate, sums
from knowledge.point_words import (
    BARE_POINTS, BONUS, CN_SCORE, DEDUCT, ITEM_SCORE, LEADING_SCORE, PER, SCORE_CELL, SIGNED_ITEM,
)
from knowledge.revisions import is_history

# What an item weighs: its row's 分值 cell, or the bracket closing its heading ("A2 服务忌语（15 分）").
_WEIGHT_HEADING = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$")
_MONEY_COLUMN = re.compile(r"元|罚款|罚金|违约金|奖金|金额|^处罚")


def _row_text(clause: Clause) -> str:
    """A points table row as a sentence: a bare number under 扣分 becomes 扣N分, -2 under 分值 扣2分."""
    parts = []
    cells = {column: _verbed(cell, column, clause) for column, cell in clause.cells.items()}
    # "分值 | 扣分标准" rows: when another cell states the points with their verb ("未提示扣5分") or another
    # points column scores them ("分值 | 加分": "5 | +1～3"), a bare number under 分值 is what the item weighs.
    # A cap in a note ("备注": "每月至多扣15分") states no points of its own.
    worded = any(any(_stated(m, c) for m in (*DEDUCT.finditer(c), *BONUS.finditer(c)))
                 or column != "分值" and POINT_COLUMN.search(column) and SCORE_CELL.match(c)
                 for column, c in cells.items())
    for column, cell in cells.items():
        # "10 分/次，并处罚款 300 元": the score leads the cell and the rest adds to it.
        n = SCORE_CELL.match(cell := _spelled(cell, bool(POINT_COLUMN.search(column))))
        rest = cell[n.end():] if n and n[2] else ""
        # A column of caps or funds ("扣分上限", "奖金基数", "奖金系数") states no points; a signed cell ("+2") signs itself
        # under any column of scores ("奖惩标准").
        m = POINT_COLUMN.search(column)
        # Points per occurrence ("1分/次") under a column of what is done about a fault ("处理") take the sign the
        # table's intro or heading gives ("违反本规范的，按下表处理，扣分可累计").
        per = bool(n and n[4] and "/" in n[0] and _context_verb(clause))
        if n and n[2] and (not rest or rest[0] in "，,；;") and not NOT_GIVEN.search(column) \
                and (m or not rest and (n[1] and _SCORED_COLUMN.search(column) or _SEVERITY_COLUMN.match(column) or per)):
            if n[1]:
                verb = "扣" if n[1] in "-−－" else "加"
            elif not m:
                verb = _context_verb(clause)
            elif m[0] == "分值" and worded:
                verb = None
            else:
                verb = "罚" if m[0] in ("违约金", "扣款") or m[0].startswith("处罚") \
                    else m[0][0] if m[0][0] in "扣加罚奖" else _context_verb(clause)
                # Points per occurrence ("10分/次") are charged for something that happened, most often a fault.
                verb = verb or ("扣" if "/" in n[0] else None)
            if verb is None:
                # "服务态度 | 30分" under "满分100分，由以下四项组成": what an item of a score sheet is worth,
                # neither deducted nor added.
                parts.append(cell)
                continue
            # The cell's own unit wins: "100元/封" under 奖励标准 is money.
            unit = n[4] or ("元" if _MONEY_COLUMN.search(column) else "分")
            cell = {"扣": "扣", "加": "加", "罚": "罚款", "奖": "奖励"}[verb] + n[2] + n[3].strip() + unit + rest
        parts.append(cell)
    return "，".join(parts)


# A grid of points by how grave the fault is ("违规类别 | 一般 | 严重" under 扣分标准): the heading or intro signs a
# figure under each grade.
_SEVERITY_COLUMN = re.compile(r"(?:情节)?(?:轻微|较轻|一般|较重|严重|特别严重|较大|重大)(?:违规|差错|情形)?$")
# Columns that score an item: a signed figure under them ("奖惩标准 | +2") is points.
_SCORED_COLUMN = re.compile(r"标准|细则|奖惩|考核|评分|分数|得分|分值")


def _spelled(cell: str, scored: bool = False) -> str:
    """A cell's score in figures and with its unit: "扣3" is 扣3分, "两分" 2分, "￥100" 100元, and under a points
    column a bare numeral too ("扣分 | 三" is 3分; a bare figure stays bare). Under a points column the points
    counted ("扣分 | 记3分", "计1分") are what the column deducts or adds, so they lose the word that counts them."""
    cell = in_yuan(figures(cell))
    m = re.fullmatch(rf"\s*([扣加减计记]?)\s*({CN_SCORE}|\d+(?:\.\d+)?)\s*(分?)({PER})?\s*", cell)
    if not m or not (m[1] or (m[3] or scored) and not m[2][0].isdigit()) or m[1] in ("计", "记") and not scored:
        return cell
    return f"{m[1].strip('计记')}{number(m[2]):g}分{m[4] or ''}"


# A column stating how an item is scored ("评分标准", "考核细则").
_STANDARD_COLUMN = re.compile(r"标准|细则")


def _verbed(cell: str, column: str, clause: Clause) -> str:
    """A 扣分标准 / 加分标准 cell's sub-rules scored per occurrence without a verb ("推诿用户 5 分/次；…")
    take the column's verb, as a sub-rule that names its own ("未报工号扣1分", "+2分/次") keeps it. Under a
    plain 评分标准 column the heading or intro signs them, else they are charged for a fault."""
    if m := POINT_COLUMN.search(column):
        sign = m[0][0] if m[0][0] in "扣加" else None
    else:
        sign = _STANDARD_COLUMN.search(column) and (_context_verb(clause) or "扣")
    if not sign:
        return cell

    def verb(bare: re.Match) -> str:
        piece = re.split(r"[，,；;。]", cell[:bare.start()])[-1]
        if re.search(r"[扣加罚奖减+＋\-−－]", piece):
            return bare[0]
        # "每次6分" reads "每次扣6分"; "5分/次" reads "扣5分/次".
        return re.sub(r"^(每\S)\s*", rf"\1{sign}", bare[0]) if bare[0].startswith("每") else sign + bare[0]

    # A cell led by its score ("10分/次，并处罚款300元") is read whole by `_row_text`.
    return cell if SCORE_CELL.match(cell.strip()) else BARE_POINTS.sub(verb, cell)


# "质检满分100分，由以下三项组成：" lists what the items of a sheet weigh, neither deducted nor added.
_WEIGHTS_INTRO = re.compile(r"满分|总分|百分制|组成|构成|权重|占比")


def _context_verb(clause: Clause) -> str | None:
    """Whether unsigned points add or deduct, as the nearest column name, intro line or heading says."""
    if _WEIGHTS_INTRO.search(clause.intro) and not re.search(r"扣|罚|加分|奖", clause.intro):
        return None
    for text in (*clause.cells, clause.intro, *reversed(clause.section.split(SEP))):
        if m := re.search(r"(扣|罚|减分)|(加分|奖)", text.replace("奖惩", "")):  # 奖惩 says neither
            return "扣" if m[1] else "加"
    return None


def points(clause: Clause) -> list[Finding]:
    """Every deduction, bonus, fine, award or points-to-money rate a clause states."""
    # A total row's key may sit in its second column ("| | 合计 | | 100 |"): the first cell that says anything.
    if is_history(clause) or clause.cells and _TOTAL_ROW.search(next((c for c in clause.cells.values() if c), "")):
        return []
    if sideways := _sideways(clause):
        return [f for row in sideways for f in points(row)]
    if run_in := _run_in(clause):
        return run_in
    text = _row_text(clause) if clause.cells else in_yuan(figures(clause.line))
    weight = _weight(clause)
    found = []
    for start, end in sentences(text):
        evidence = clause.line if clause.cells else sentence_at(clause.line, start)
        if asks(text[start:end]):
            continue
        before = ""  # "扣分标准：A类差错5分/次，B类差错2分/次": the sentence's verb signs every clause after it
        for sentence in _point_clauses(text[start:end]):
            found += _point(sentence, evidence, weight, clause) or _bare_points(sentence, evidence, clause, before)
            before += sentence
    return _fine_joined(found) if clause.cells else found


# A lead-in and its items run into one line ("下列行为每项扣2分：1.未报工号；2.未核实身份；", cleaning breaks the line
# before each item after the first): each item is scored as the lead-in says, as the items of a list set under a
# lead-in of their own are (knowledge.item_points).
_RUN_IN_LEAD = re.compile(r"(.*(?:下列|以下|如下)[^：:]*[：:])\s*(?=(?:\d{1,2}[.．、]|[（(][\d一二三四五六七八九十]{1,2}[)）]|[①-⑩])\s*\S)")


def _run_in(clause: Clause) -> list[Finding]:
    """The points of an item run in after its lead-in, the first on the lead-in's line or one after it, when the
    item states none of its own."""
    if clause.cells:
        return []
    if m := _RUN_IN_LEAD.match(clause.line):
        item = clause.line[m.end():]
    elif clause.item and (m := _RUN_IN_LEAD.match(clause.intro)):
        item = clause.line
    else:
        return []
    scored = _point(m[1], m[1])
    if len(scored) != 1 or _point(item, item):
        return []
    return [Finding("points", as_sentence(strip_marker(item).rstrip("；;。，")), clause.line, dict(scored[0].fields))]


def _sideways(clause: Clause) -> list[Clause]:
    """A table set sideways ("项目 | 未报工号 | 抢话" over "扣分 | 1 | 2", "违规次数 | 第1次 | 第2次" over "扣分 | 1 | 2"):
    a row keyed by a column of points scores each column as an item of its own, one row each."""
    if len(clause.cells) < 3:
        return []
    (first, key), *rest = clause.cells.items()
    if not ((m := POINT_COLUMN.match(key.strip())) and m[0][0] in "扣加" and len(key.strip()) <= 6) \
            or not all(SCORE_CELL.fullmatch(cell.strip()) for _, cell in rest if cell.strip()):
        return []
    return [replace(clause, cells={first: column, key: cell}) for column, cell in rest if cell.strip()]


def _fine_joined(found: list[Finding]) -> list[Finding]:
    """A row's fine in a column of its own ("扣5分/次，情节严重的扣10分 | 罚款100元") goes with the row's points:
    one row, one rule, as a cell stating both ("扣10分，并处罚款200元") is read."""
    fines = [f for f in found if f.fields["kind"] == "penalty" and f.fields["money"] is not None]
    scored = [f for f in found if f.fields["points"] is not None and f.fields["money"] is None]
    if len(fines) != 1 or not scored:
        return found
    scored[0].fields["money"] = fines[0].fields["money"]
    return [f for f in found if f is not fines[0]]


def _weight(clause: Clause) -> float | None:
    """What the item a clause scores weighs on the sheet, when its row or heading says."""
    cell = next((c for column, c in clause.cells.items() if column.strip() == "分值"), "")
    if m := re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*分?\s*", cell):
        return float(m[1])
    m = _WEIGHT_HEADING.search(clause.section.split(SEP)[-1]) if clause.section else None
    return float(m[1]) if m else None


def _bare_points(sentence: str, evidence: str, clause: Clause, before: str = "") -> list[Finding]:
    """"未报工号，2分/次" under a 质检扣分 heading, or a listed item ending in its score ("1. 抢话（2分）；"):
    the sentence's own words ("给予加分奖励，每次2分"), else the heading or intro give the points their sign; a
    signed figure after a colon ("…的：−2") signs itself."""
    listed = clause.item or clause.listed
    m = BARE_POINTS.search(sentence) or listed and ITEM_SCORE.search(sentence) or _led(sentence)
    # A signed figure signs itself: in a list, or on a line under a heading that names points ("扣分项").
    signed = not m and (listed or _context_verb(clause)) and SIGNED_ITEM.search(sentence)
    if clause.cells or not (m or signed):
        return []
    # "当月累计扣分不超过 12 分": a cap on the points, as with a verb (`_stated`).
    if m and CAP.search(re.split(r"[，,；;]", sentence[:m.start()])[-1]):
        return []
    if signed:
        verb, score = "加" if signed[1] in "+＋" else "扣", signed[2]
    else:
        own = re.search(r"(扣分|扣减|扣除|罚)|(加分|奖励)", before + sentence[:m.start()])
        if not (verb := ("扣" if own[1] else "加") if own else _context_verb(clause)):
            return []
        score = _score(m)
    value = float(score) * (-1 if verb == "扣" else 1)
    shown = as_sentence(strip_marker(sentence).rstrip("；;。，"))
    return [Finding("points", shown, evidence, {"points": value, "kind": "deduction" if value < 0 else "bonus",
                                                "money": None})]


def _led(sentence: str) -> re.Match | None:
    """The score leading a clause ("1. 2分：未按规定使用开头语；"), matched after the item's marker; none on a scale
    that runs down to nothing ("…；0分：未使用")."""
    return LEADING_SCORE.match(strip_marker(sentence)) if not re.search(r"[0零]\s*分", sentence) else None


def _point_clauses(sentence: str) -> list[str]:
    """A sentence listing several deductions ("迟到扣1分，早退扣2分") as one clause per deduction."""
    verbed = len(DEDUCT.findall(sentence)) + len(BONUS.findall(sentence))
    if not verbed and sums(sentence) > 1:
        # Fines or awards alone, one to each clause ("罚款200元，情节严重的罚款500元").
        return [c for c in re.split(r"(?<=元)[，,；;]", sentence) if c.strip()]
    if verbed < 2 and (verbed or len(BARE_POINTS.findall(sentence)) < 2):
        return [sentence]
    # Points per occurrence side by side ("A类差错5分/次，B类差错2分/次") are one clause each; after a deduction
    # the rest of the sentence adds to it ("扣4分/次，屡次发生的扣8分": one rule, its worse case).
    per = r"|(?<=分/[\u4e00-\u9fff])[，,、]" if not verbed else ""
    # Sub-rules of one table cell or one run of joined lines may follow each other with a space or nothing
    # between them ("未使用开头语扣3分未报工号扣1分").
    # (A cap's closing words stay with its points: "以15分为限".) A worse case in brackets is a rule of its own
    # ("扣2分（情节严重的扣5分）"), a cap in brackets is not ("扣1分/次（最高扣5分）").
    return [c for c in re.split(r"(?<=分)[，,、]" + per + r"|(?<=分)\s+(?=\S)|(?<=\d分)(?=[\u4e00-\u9fff])(?!钟)(?!" + _CAP_AFTER.pattern
                                 + r")|(?<=\d分)(?=[（(](?:情节|再次|屡次|多次|严重|造成))", sentence) if c.strip()]


# "月度扣分累计达到15分的": a threshold on the points taken (caps: knowledge.point_money.CAP).
_THRESHOLD = re.compile(r"超过|超出|达到|达|(?<!不)满")
# A table row keyed as a total or a cap ("合计 | 本类最多扣10分", "扣分上限 | 48分") states no points of its own.
_TOTAL_ROW = re.compile(r"合计|总计|小计|上限|封顶|最多|最高")


def _score(m: re.Match) -> str:
    """The points a deduction or bonus match states, as written."""
    return next(g for g in m.groups() if g)


def _stated(m: re.Match, sentence: str) -> bool:
    """Whether a points match states points given, not a cap or a total (the words from just before the
    verb up to the number)."""
    group = next(i for i in range(1, len(m.groups()) + 1) if m[i])
    # "扣至该项0分为止": a floor, no points taken; "扣分超过10分的": a threshold on the points taken.
    return number(m[group]) != 0 and not CAP.search(sentence[max(0, m.start() - 2):m.start(group)]) \
        and not _THRESHOLD.search(sentence[m.start():m.start(group)]) and not _CAP_AFTER.match(sentence, m.end())


# "当月扣分以15分为限", "扣分以20分封顶": the words after the points make them a cap.
_CAP_AFTER = re.compile(r"\s*(?:为限|封顶|为上限|为止)")


# "和用户对骂的，记4分并扣发当月绩效奖金300元": points recorded against a condition, without a verb of their own.
_RECORDED = re.compile(r"的\s*[，,]\s*[记计]\s*(\d+(?:\.\d+)?)\s*分(?!钟|制)")


def _point(sentence: str, evidence: str, weight: float | None = None, clause: Clause | None = None) -> list[Finding]:
    """The deduction, bonus, fine, award or rate one clause states, if any."""
    shown = as_sentence(strip_marker(sentence).rstrip("；;。，"))
    if converts := rate(sentence):
        return [Finding("points", shown, evidence, {"points": converts[0], "kind": "rate", "money": converts[1]})]
    pts = [-number(_score(m)) for m in DEDUCT.finditer(sentence) if _stated(m, sentence)] or \
        [number(_score(m)) for m in BONUS.finditer(sentence) if _stated(m, sentence)]
    cash = money(sentence)
    # Recorded points take their sign from the money beside them ("并扣发…300元"), else from the heading over them.
    if not pts and clause and (m := _RECORDED.search(sentence)):
        sign = ("扣" if cash < 0 else "加") if cash else _context_verb(clause)
        pts = [number(m[1]) * (-1 if sign == "扣" else 1)] if sign else []
    if pts:
        kind = "deduction" if pts[0] < 0 else "bonus"
        return [Finding("points", shown, evidence, {"points": pts[0], "kind": kind, "money": cash})]
    # The item lost, vetoed or its deduction doubled is a deduction even with a fine beside it ("一票否决，并罚款1000元").
    if lost := item_lost(sentence, weight):
        return [Finding("points", shown, evidence, {"points": lost.points, "kind": "deduction", "money": cash})]
    if cash is not None:
        return [Finding("points", shown, evidence, {"points": None, "kind": "penalty" if cash < 0 else "bonus", "money": cash})]
    # A penalty without an amount ("双倍负激励") or a share of the pay.
    if "负激励" in sentence or pay_share(sentence):
        return [Finding("points", shown, evidence, {"points": None, "kind": "penalty", "money": None})]
    return []
