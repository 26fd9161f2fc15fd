"""Extraction on constructions of the tenth blind dev set: a list of forbidden phrases run on over ；in one
paragraph, and lines typed by a label of their own ("禁：", "话术：", "错误示范：", "√")."""
from __future__ import annotations

import pytest
from drafting import drafted

_PHRASES = {"这事我们管不了", "明天再打吧！", "你怎么又来了？", "说了你也不懂"}
_RUN_ON = "这事我们管不了；明天再打吧！；你怎么又来了？；说了你也不懂。"


@pytest.mark.parametrize(("name", "text"), [
    # The lead-in and its list in one paragraph, and in two.
    ("规定.html", f"<p><strong>第六条</strong>　营业员不得使用下列忌语：{_RUN_ON}</p>"),
    ("规定.html", f"<p><strong>第六条</strong>　营业员不得使用下列忌语：</p><p>{_RUN_ON}</p>"
                  "<p><strong>第七条</strong>　营业员应按时到岗。</p>"),
    # Under a heading naming the list, whatever the markup.
    ("规定.html", f"<h3>服务禁语</h3><p>{_RUN_ON}</p>"),
    ("规定.md", f"## 服务忌语\n\n{_RUN_ON}\n"),
    ("规定.txt", f"第六条 以下为服务禁语：{_RUN_ON}\n"),
])
def test_a_paragraph_of_phrases_run_on_over_semicolons_is_a_list(tmp_path, name, text):
    assert {e.text for e in drafted(tmp_path, text, name).forbidden_phrases} == _PHRASES


def test_a_paragraph_of_short_phrases_run_on_over_enumeration_commas_is_a_list(tmp_path):
    text = "## 服务禁语\n\n不晓得、自己查去、下班了\n"
    assert {e.text for e in drafted(tmp_path, text).forbidden_phrases} == {"不晓得", "自己查去", "下班了"}


@pytest.mark.parametrize("paragraph", [
    "不得推诿；不得与客户争吵；不得提前挂机。",
    "遇到客户情绪激动、反复追问或者威胁投诉时，坐席应保持耐心并及时上报班长；情节严重的交由质检组处理。",
    # A sentence listing things with 、 in a clause of its own is prose.
    "值班员每月学习不少于6学时，内容包括业务知识、投诉处理和安全规范。",
    # A note on the list, its pieces said to nobody.
    "以上用语一经查实按月度考核处理；情节严重的通报批评。",
])
def test_conduct_under_a_forbidden_heading_is_no_list_of_phrases(tmp_path, paragraph):
    assert not drafted(tmp_path, f"## 服务忌语\n\n{paragraph}\n").forbidden_phrases


@pytest.mark.parametrize("label", ["禁：", "忌：", "禁用：", "错误示范：", "× "])
def test_a_forbidding_label_types_its_line(tmp_path, label):
    text = f"【三、通话要求】\r\n1）说话要清楚。\r\n{label}充电桩坏了跟我说没用。\r\n{label}你自己不会看说明吗？\r\n"
    found = {e.text for e in drafted(tmp_path, text, "手册.txt").forbidden_phrases}
    assert found == {"充电桩坏了跟我说没用", "你自己不会看说明吗？"}


@pytest.mark.parametrize("label", ["话术：", "参考话术：", "规范用语：", "参考："])
def test_a_speaking_label_types_its_line_without_a_named_scene(tmp_path, label):
    text = (f"【三、通话要求】\r\n1）说话要清楚。\r\n{label}座位已经帮您换到靠窗一侧了。\r\n"
            f"{label}请问您还有别的需要吗？祝您出行愉快。\r\n")
    found = {(e.text, e.scenario) for e in drafted(tmp_path, text, "手册.txt").scenario_phrases}
    assert found == {("座位已经帮您换到靠窗一侧了。", "other"),
                     ("请问您还有别的需要吗？祝您出行愉快。", "closing")}


@pytest.mark.parametrize(("wrong", "right"), [("错误示范：", "正确示范："), ("错误：", "正确："), ("× ", "√ ")])
def test_a_right_wording_label_under_a_wrong_one_is_its_rewrite(tmp_path, wrong, right):
    text = (f"第五条 通话示例\n{wrong}卡丢了是你自己保管不好。\n"
            f"{right}请您先别着急，我马上帮您办理挂失。\n")
    book = drafted(tmp_path, text, "示例.txt")
    assert not book.scenario_phrases
    assert [(e.text, e.suggestion) for e in book.forbidden_phrases] == [
        ("卡丢了是你自己保管不好", "请您先别着急，我马上帮您办理挂失")]


def test_marks_in_a_checklist_of_conduct_type_no_line(tmp_path):
    text = "第八条 营业厅现场检查\n✓ 按时交接班\n✓ 佩戴工牌上岗\n× 上班时间玩手机\n× 当班时间吃零食\n"
    book = drafted(tmp_path, text, "检查.txt")
    assert not book.forbidden_phrases and not book.scenario_phrases


@pytest.mark.parametrize("placeholder", ["××", "×××"])
def test_a_placeholder_opening_a_line_is_no_mark(tmp_path, placeholder):
    text = f"第四条 问候用语\n{placeholder}女士，您好，这里是客服中心。\n"
    book = drafted(tmp_path, text, "问候.txt")
    assert not book.forbidden_phrases
    assert [e.scenario for e in book.scenario_phrases] == ["greeting"]
