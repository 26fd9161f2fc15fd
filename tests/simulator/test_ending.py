"""What happened decides the grade: empty calls are incomplete, the caller's last words decide resolution,
scolding costs empathy, the total follows from the subscores, and any workspace's rulebook is cited."""
from __future__ import annotations

import pytest

from knowledge.rulebook import CATEGORY_NAMES, ForbiddenPhrase, Rulebook, ScenarioPhrase
from simulator.grader import GROUPS
from simulator.transcript import Transcript

ASK = ("customer", "我的快递三天都没动了，你们查一下。")


def call(*turns, scenario=None, persona="anxious", outcome=None) -> Transcript:
    return Transcript.model_validate({"persona": persona, "scenario": scenario, "outcome": outcome,
                                      "turns": [{"role": r, "text": t} for r, t in turns]})


@pytest.mark.parametrize("agent_lines", [
    [], [""], ["嗯"], ["嗯。", "好。"], ["喂？喂？"], ["啊……哦"], ["好的好的"], ["您好"], ["您好，请讲。"],
])
def test_a_call_with_nothing_said_is_incomplete_and_below_40(grader, agent_lines):
    grade = grader.grade(call(ASK, *[("agent", line) for line in agent_lines]))
    assert grade.status == "incomplete" and grade.score < 40
    assert "全程规范" not in grade.summary and "未完成" in grade.summary


def test_a_real_call_is_complete(grader):
    grade = grader.grade(call(ASK, ("agent", "您好，很高兴为您服务，请问您的订单号是多少？")))
    assert grade.status == "complete"


@pytest.mark.parametrize("agent_lines", [
    ["您好，很高兴为您服务，请问您贵姓？", "好的，已经给您记录了，请问还有其他问题吗？", "感谢您的来电，再见。"],
    ["你好。", "这个要找快递公司，跟我们没关系。", "再见。"],
    ["您好，这里是客服中心。", "您别着急，我理解您的心情，马上为您查询，48小时内给您回电。"],
])
def test_the_total_follows_from_the_subscores_by_the_stated_formula(grader, agent_lines):
    grade = grader.grade(call(ASK, *[("agent", line) for line in agent_lines]))
    assert set(grade.subscores) == set(GROUPS)
    assert grade.score == max(0, round(sum(grade.subscores.values()) - 300))
    assert "总分" in grade.formula and "扣分" in grade.formula


POLITE_END = [
    ("agent", "您好，很高兴为您服务，请问您贵姓？"),
    ("customer", "我姓刘。"),
    ("agent", "刘女士，这个业务需要您本人带证件去营业网点办理。"),
]


@pytest.mark.parametrize("last_words", [
    "我还是不明白，到底要带什么？", "那我怎么办啊，我腿脚不方便。", "算了算了，问了也白问。", "说了半天等于没说，没用。",
])
def test_a_caller_who_leaves_without_help_is_not_resolved_however_polite_the_goodbye(grader, last_words):
    helped = grader.grade(call(ASK, *POLITE_END, ("customer", "好的，我明白了，谢谢。"),
                               ("agent", "请问还有其他问题吗？感谢您的来电，再见。")))
    lost = grader.grade(call(ASK, *POLITE_END, ("customer", last_words),
                             ("agent", "请问还有其他问题吗？感谢您的来电，再见。")))
    assert any(f.category == "unresolved" for f in lost.findings)
    assert lost.subscores["resolution"] < helped.subscores["resolution"] and lost.score < helped.score


def test_an_agent_who_ends_the_call_early_is_not_resolved(grader):
    grade = grader.grade(call(ASK, ("agent", "您好，很高兴为您服务，这个我们查不了，感谢您的来电，再见。"),
                              outcome="ended"))
    assert any(f.category == "unresolved" for f in grade.findings)


@pytest.mark.parametrize("scolding", [
    "我都跟您说了三遍了，您怎么还听不懂？",
    "这是常识，您自己不会看说明书吗？",
])
def test_scolding_the_caller_costs_empathy(grader, scolding):
    calm = grader.grade(call(ASK, ("agent", "您好，很高兴为您服务，我再为您耐心解释一遍。"),
                             ("customer", "好的谢谢。"), ("agent", "请问还有其他问题吗？")))
    scolded = grader.grade(call(ASK, ("agent", f"您好，很高兴为您服务。{scolding}"),
                                ("customer", "好的谢谢。"), ("agent", "请问还有其他问题吗？")))
    assert scolded.subscores["empathy"] < calm.subscores["empathy"]


def test_finding_details_name_categories_in_chinese(grader):
    grade = grader.grade(call(ASK, ("agent", "您好，这个你应该找快递公司，不归我们管。")))
    violations = [f for f in grade.findings if f.category == "violation"]
    assert violations and all(f.kind in CATEGORY_NAMES for f in violations)
    assert all(CATEGORY_NAMES[f.kind] in f.detail and f.kind not in f.detail for f in violations)


def _entry(cls, id_, text, **extra):
    return cls(id=id_, text=text, source={"file": "水务热线服务规范.docx", "article": "第二章"}, **extra)


@pytest.fixture(scope="module")
def water_grader(sim_settings):
    """A workspace whose rulebook shares no id with the demo's."""
    from assist.check import Checker
    from simulator.grader import Grader

    book = Rulebook(
        forbidden_phrases=[_entry(ForbiddenPhrase, "fp-water-1", "不归我们管", variants=["不归我们管", "不关我们的事"],
                                  category="shift_responsibility", suggestion="我帮您联系相关部门处理。")],
        scenario_phrases=[_entry(ScenarioPhrase, "sp-water-greeting", "您好，自来水服务热线，请讲。",
                                 scenario="greeting", situation="接听来电"),
                          _entry(ScenarioPhrase, "sp-water-closing", "请问还有别的需要吗？感谢来电。",
                                 scenario="closing", situation="结束通话"),
                          _entry(ScenarioPhrase, "sp-water-complaint", "非常抱歉给您带来不便。",
                                 scenario="complaint", situation="客户投诉")])
    return Grader(book, Checker(book, sim_settings)), book


def test_a_workspace_rulebook_without_demo_ids_grades_and_cites_its_own_rules(water_grader):
    grader, book = water_grader
    grade = grader.grade(call(("customer", "我家停水两天了，你们到底管不管！"),
                              ("agent", "喂，什么事情快点说，不归我们管。"),
                              ("customer", "那我怎么办？"), ("agent", "不知道。"), persona="angry",
                              scenario="refund_not_arrived"))
    ids = {e.id for e in book.all_entries()}
    cited = {f.category: f.rule for f in grade.findings}
    assert cited.get("opening") == "sp-water-greeting" and cited.get("closing") == "sp-water-closing"
    # Duties cite the workspace's own entries (or nothing); violations cite what the checker matched.
    assert all(f.rule is None or f.rule in ids for f in grade.findings if f.category != "violation")
    assert any(f.rule == "fp-water-1" for f in grade.findings)
