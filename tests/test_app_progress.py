"""我的进度 and the agent tab's helpers without a browser: real records, the real grader, Chinese throughout."""
from __future__ import annotations

import re

import gradio as gr
import pytest

from core.records import GradeRecord
from core.settings import Settings
from services import build_services
from ui.assist_tab import append_line, parse_turns, with_latest
from ui.guard import warned
from ui.markup import cite, mood_trend, rule_text
from ui.messages import EMPTY_LINE, NAME_REQUIRED, InputError
from ui.progress import NOTHING_YET, TOTAL, progress

ASCII_WORD = re.compile(r"[A-Za-z_]{2,}")


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    return build_services(Settings(data_dir=tmp_path_factory.mktemp("progress")))


def play(services, trainee: str, lines: list[str]) -> None:
    """One call as the practice tab records it: every turn, then the grade."""
    persona, scenario = sorted(services.personas)[0], sorted(services.sim_scenarios)[0]
    session = services.new_session(persona, scenario, seed=7)
    sid = services.records.start_session(trainee, persona, scenario, 7)
    opening = session.opening()
    services.records.add_turn(sid, "customer", opening.text, opening.emotion, opening.intensity)
    for line in lines:
        services.records.add_turn(sid, "agent", line)
        turn = session.reply(line)
        if turn.text:
            services.records.add_turn(sid, "customer", turn.text, turn.emotion, turn.intensity)
        if session.done:
            break
    grade = services.grader.grade(session.transcript())
    services.records.finish_session(sid, session.outcome or "unfinished", GradeRecord(
        score=grade.score, subscores=grade.subscores, findings=[f.model_dump(mode="json") for f in grade.findings],
        summary=grade.summary, status=getattr(grade, "status", "complete")))


def test_progress_after_three_calls(services):
    # A forbidden phrase from the rulebook itself, so the test follows whatever regulations are loaded.
    phrase = services.rulebook.forbidden_phrases[0].text
    for lines in (["您好，请问有什么可以帮您？", phrase], ["您好，请问您贵姓？", phrase], ["您好，很高兴为您服务。"]):
        play(services, "王小明", lines)
    summary, trend, sessions, mistakes = progress(services, "王小明")
    assert "共练习 3 次" in summary and "已评分 3 次" in summary
    frame = trend["value"]
    assert list(dict.fromkeys(frame["第几次"])) == ["第1次", "第2次", "第3次"] == trend["sort"]
    totals = frame[frame["项目"] == TOTAL]["得分"]
    assert len(totals) == 3 and all(0 <= v <= 100 for v in totals)
    assert len(sessions) == 3 and list(sessions["次序"]) == [1, 2, 3]
    for column in ("开始时间", "客户类型", "场景", "结果"):
        assert not any(ASCII_WORD.search(str(v)) for v in sessions[column]), column
    rows = [line.split("|") for line in mistakes.splitlines() if line.startswith("| ") and line[2].isdigit()]
    counts = [int(row[1]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert any(int(row[1]) >= 2 and phrase in row[3] for row in rows), mistakes  # the rule broken twice, in words
    assert not re.search(r"\b(?:pr|sp)-|\.txt\b|[0-9a-f]{12}", mistakes)


@pytest.mark.parametrize("name", ["", "   "])
def test_progress_needs_a_name(services, name):
    with pytest.raises(InputError, match=NAME_REQUIRED):
        progress(services, name)


def test_a_newcomer_is_told_how_to_start(services):
    assert progress(services, "从没练过的李四")[0] == NOTHING_YET


@pytest.mark.parametrize("history, roles", [
    ("客户：我的快递丢了\n坐席：您好，请问单号是多少？", ["customer", "agent"]),
    ("[09:12:03] 顾客：退款还没到\n客服小王：您好，我帮您查一下\n那要等多久", ["customer", "agent", "customer"]),
    ("我想改一下收货地址\n好的，请问新地址是哪里？\n北京市海淀区", ["customer", "agent", "customer"]),
    ("来电人：喂？听得见吗\n座席(工号1024)：您好，能听见", ["customer", "agent"]),
])
def test_a_pasted_conversation_is_split_into_turns(history, roles):
    assert [t["role"] for t in parse_turns(history, "")] == roles
    assert all("：" not in t["text"][:3] for t in parse_turns(history, ""))


@pytest.mark.parametrize("history, latest, want", [
    ("客户：我的快递丢了\n坐席：请问单号？\n客户：单号是123", "", "单号是123"),
    ("客户：我的快递丢了", "还有发票的事", "还有发票的事"),
    ("客户：我的快递丢了\n坐席：请问单号？", "", ""),
])
def test_the_line_to_answer_is_the_typed_one_or_the_last_customer_line(history, latest, want):
    rest, line = with_latest(history, latest)
    assert line == want
    if want and not latest:
        assert want not in rest


def test_adding_a_line_names_its_speaker():
    assert append_line("客户：你好", "请问有什么可以帮您？", "坐席") == "客户：你好\n坐席：请问有什么可以帮您？"
    with pytest.raises(InputError, match=EMPTY_LINE):
        append_line("", "  ", "客户")


@pytest.mark.parametrize("source, shown", [
    ({"file": "002_894d4c7f158e31b5.txt", "article": "热线服务规范 > 第十六条 服务用语"}, "热线服务规范 > 第十六条 服务用语"),
    ({"file": "003_1959de39049d40ee.txt", "article": ""}, ""),
    ({"file": "信用卡中心服务规范.docx", "article": ""}, "信用卡中心服务规范"),
])
def test_a_citation_names_the_regulation_not_its_stored_file(source, shown):
    assert cite(source) == shown


@pytest.mark.parametrize("rule, shown", [("pr-0007", ""), ("sp_greeting_2", ""), ("不得使用“喂”开头", "不得使用“喂”开头")])
def test_an_unknown_rule_id_is_never_shown(rule, shown):
    assert rule_text(None, rule) == shown


def test_the_mood_trend_has_a_point_per_customer_line():
    svg = mood_trend([(1, "angry", 0.9), (3, "anxious", 0.6), (5, "satisfied", 0.2)])
    assert svg.count("<circle") == 3 and 'data-points="3"' in svg and "第3句" in svg and "<img" not in svg


def test_a_warned_handler_keeps_the_page_as_it_was():
    @warned("练习")
    def refuse(text):
        raise InputError(EMPTY_LINE)

    @warned("建议回复")
    def stream(text):
        yield "一"
        raise InputError(EMPTY_LINE)

    assert refuse("") == gr.skip()
    assert list(stream("")) == ["一", gr.skip()]
