"""The trainer dashboard's figures over real SQLite records: trends by practice number, mistakes, breakdowns."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from core.records import GradeRecord, Records
from knowledge.rulebook import CATEGORY_NAMES, load_rulebook
from simulator.persona import load_personas
from ui import dashboard
from ui.markup import cite
from ui.messages import SUBSCORE_NAMES, escape
from ui.progress import TOTAL

RULEBOOK = load_rulebook()
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def grade(score: float, findings: list[dict] = (), **subscores) -> GradeRecord:
    subs = {key: subscores.get(key, score) for key in SUBSCORE_NAMES}
    return GradeRecord(score=score, subscores=subs, findings=list(findings), summary=f"得分{score:.0f}")


def violation(category: str, turn: int = 1) -> dict:
    """A finding as the grader stores it, on the rulebook's first forbidden phrase of this category."""
    rule = next(p for p in RULEBOOK.forbidden_phrases if p.category == category)
    return {"turn": turn, "category": "violation", "kind": category, "detail": f"使用了{CATEGORY_NAMES[category]}",
            "points": 5, "rule": rule.id, "source": rule.source.model_dump()}


def practise(records: Records, trainee: str, persona: str, scenario: str, outcome: str | None,
             result: GradeRecord | None) -> int:
    sid = records.start_session(trainee, persona, scenario, seed=1)
    records.add_turn(sid, "customer", "我的快递三天了还没到，怎么回事？", "anxious", 0.6)
    records.add_turn(sid, "agent", "您好，非常抱歉让您久等了，我马上为您查询。")
    if outcome:
        records.finish_session(sid, outcome, result or grade(0))
    return sid


@pytest.fixture
def records(tmp_path):
    return Records(tmp_path / "kefu.sqlite3")


@pytest.mark.parametrize("measure", [TOTAL, *SUBSCORE_NAMES.values()])
def test_team_trend_is_the_mean_of_each_practice_number(records, measure):
    # 张三 practises twice before 李四 starts: the team's 第1次 still pairs their first calls.
    practise(records, "张三", "angry", "refund", "resolved", grade(60, language=50, procedure=70))
    practise(records, "张三", "angry", "refund", "resolved", grade(80, language=90, procedure=60))
    practise(records, "李四", "confused", "delivery", "hung_up", grade(40, language=30, procedure=50))
    frame = dashboard.trend_frame(records.sessions(), records.grades(), measure)
    team = frame[frame["学员"] == dashboard.TEAM].set_index("第几次")["得分"]
    first = frame[frame["第几次"] == "第1次"].set_index("学员")["得分"]
    assert team["第1次"] == pytest.approx((first["张三"] + first["李四"]) / 2, abs=0.1)
    assert team["第2次"] == frame[(frame["学员"] == "张三") & (frame["第几次"] == "第2次")]["得分"].item()
    assert list(dict.fromkeys(frame["第几次"])) == ["第1次", "第2次"]  # the axis in practice order


def test_one_trainee_is_shown_beside_the_team(records):
    for name, score in [("王五", 55), ("赵六", 85), ("王五", 75)]:
        practise(records, name, "elderly", "repair", "resolved", grade(score))
    frame = dashboard.trend_frame(records.sessions(), records.grades(), TOTAL, "王五")
    assert set(frame["学员"]) == {"王五", dashboard.TEAM}
    assert "提高" in dashboard.trend_note(dashboard.trend_frame(records.sessions(), records.grades()))


def test_ungraded_sessions_still_count_as_a_practice_but_draw_no_point(records):
    practise(records, "孙七", "angry", "refund", None, None)  # still in progress
    practise(records, "孙七", "angry", "refund", "resolved", grade(90))
    frame = dashboard.trend_frame(records.sessions(), records.grades())
    assert frame[frame["学员"] == "孙七"]["第几次"].tolist() == ["第2次"]


@pytest.mark.parametrize("often, once", [("shift_responsibility", "command_tone"), ("blame_customer", "rude_tone"),
                                         ("bare_opening", "forbidden_phrase")])
def test_common_mistakes_name_the_category_and_rule_with_its_article(records, often, once):
    practise(records, "周八", "angry", "complaint", "escalated", grade(50, [violation(often), violation(once, 3)]))
    practise(records, "吴九", "anxious", "complaint", "resolved", grade(70, [violation(often)]))
    text = dashboard.mistakes_md(RULEBOOK, list(records.grades().values()))
    by_category, by_rule = text.split("**按规定**")
    rows = [line for line in by_category.splitlines() if line.startswith(f"| {CATEGORY_NAMES[often]} |")]
    assert rows and rows[0].split("|")[2].strip() == "2"
    assert by_category.index(CATEGORY_NAMES[often]) < by_category.index(CATEGORY_NAMES[once])  # most common first
    rule = next(p for p in RULEBOOK.forbidden_phrases if p.category == often)
    assert escape(rule.text) in by_rule and escape(cite(rule.source)) in by_rule  # as the page renders them
    assert "2 次已评分练习" in text and not SNAKE.search(text)


def test_no_findings_says_so(records):
    practise(records, "郑十", "angry", "refund", "resolved", grade(100))
    assert "还没有扣分项" in dashboard.mistakes_md(RULEBOOK, list(records.grades().values()))


@pytest.mark.parametrize("key, names", [("persona", {"angry": "愤怒的客户", "elderly": "老年客户"}),
                                        ("scenario", {"refund": "退款", "repair": "维修"})])
def test_breakdown_counts_sessions_mean_score_and_share_resolved(records, key, names):
    first, second = list(names)
    plays = [(first, "resolved", 80), (first, "hung_up", 40), (second, "resolved", 90), ("gone_key", "resolved", 70)]
    for value, outcome, score in plays:
        persona, scenario = (value, "refund") if key == "persona" else ("angry", value)
        practise(records, "钱一", persona, scenario, outcome, grade(score))
    text = dashboard.breakdown_md("客户类型" if key == "persona" else "场景", records.sessions(), key, names, "其他")
    row = next(line for line in text.splitlines() if line.startswith(f"| {names[first]} |"))
    assert [cell.strip() for cell in row.strip("|").split("|")] == [names[first], "2", "60", "50%"]
    assert "| 其他 | 1 | 70 | 100% |" in text and "gone_key" not in text


def test_the_dashboard_view_reads_only_chinese(records):
    practise(records, "冯二", "angry", "refund", "resolved", grade(65, [violation("shift_responsibility")]))
    practise(records, "冯二", "noisy_line", "delivery", "out_of_turns", grade(85))
    services = SimpleNamespace(records=records, personas=load_personas(), sim_scenarios={}, rulebook=RULEBOOK)
    plot, note, mistakes, personas, scenarios = dashboard.view(services, None, "不存在的项目")
    assert "第1次" in note and "第2次" in note
    assert "愤怒的客户" in personas and "其他场景" in scenarios
    for text in (note, mistakes, personas, scenarios):
        assert not SNAKE.search(text), text


@pytest.mark.parametrize("trainees", [["陈一"], ["陈一", "林二", "黄三"]])
def test_the_trend_is_drawn_as_inline_svg_with_a_chinese_legend(records, trainees):
    for name in trainees:
        for score in (50, 70, 90):
            practise(records, name, "angry", "refund", "resolved", grade(score))
    chart = dashboard.trend_svg(dashboard.trend_frame(records.sessions(), records.grades()))
    assert chart.count("<polyline") == len(trainees) + 1  # and the team's line
    assert all(name in chart for name in [*trainees, dashboard.TEAM]) and "第3次" in chart
    assert "<script" not in chart and dashboard.trend_svg(dashboard.trend_frame([], {})) == ""
