"""A workspace's own practice scenarios: files, safety, and how the offline customer plays them."""
from __future__ import annotations

import pytest
import yaml

from simulator.own_scenarios import (OwnPlay, delete_scenario, load_scenarios, parse_scenario, read_scenarios,
                                     save_scenario, workspace_catalog)
from simulator.persona import DataError
from simulator.session import Session

# Written in two kinds of centre, with Chinese and English keys, as trainers would.
GAS = {
    "标题": "燃气表不走字", "开场白": ["我家燃气表这几天突然不走字了，是不是坏了？"],
    "已知信息": {"户号": "3301882456"}, "隐藏信息": {"燃气表编号": "GM-7731"},
    "解决关键词": ["上门检修", "安排师傅"], "客户类型": "elderly", "场景类型": "repair",
}
AIRLINE = {
    "title": "托运行李没有到达", "opening": "飞机落地两个小时了，我托运的行李箱一直没出来",
    "facts": {"航班号": "MU5137"}, "hidden": {"行李牌号": "MU448812"},
    "resolve_keywords": ["行李运输事故记录", "送到您家"], "persona": "anxious", "scenario_key": "delivery",
    "assigned_to": ["李娜"],
}
SPECS = [GAS, AIRLINE]

# (asks for the known fact in general, asks for the hidden fact by name, resolves it)
SCRIPTS = {
    "燃气表不走字": ("您好，为了帮您查询，麻烦提供一下您的相关信息。", "请问燃气表上的表编号是多少？",
                "非常抱歉给您带来不便，我们明天上午安排师傅上门检修，请您放心。"),
    "托运行李没有到达": ("您好，请您提供一下您的相关信息好吗？", "麻烦您报一下行李牌号，我来查询。",
                   "非常理解您的着急，我这边为您登记行李运输事故记录，找到后三天内免费送到您家，您看可以吗？"),
}


@pytest.mark.parametrize("data", SPECS)
def test_round_trip_keeps_every_field(tmp_path, data):
    spec = parse_scenario(data)
    scenario_id = save_scenario(tmp_path, spec)
    [loaded] = load_scenarios(tmp_path)
    assert loaded.id == scenario_id and (tmp_path / f"{scenario_id}.yaml").is_file()
    assert loaded.model_dump(exclude={"id"}) == spec.model_dump(exclude={"id"})
    # Saving it again under its id replaces the file instead of adding a second one.
    assert save_scenario(tmp_path, loaded.model_copy(update={"wants": ["给个说法"]})) == scenario_id
    assert [s.wants for s in load_scenarios(tmp_path)] == [["给个说法"]]
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))


def test_a_second_scenario_with_the_same_title_gets_its_own_id(tmp_path):
    first, second = save_scenario(tmp_path, parse_scenario(GAS)), save_scenario(tmp_path, parse_scenario(GAS))
    assert first != second and len(load_scenarios(tmp_path)) == 2


@pytest.mark.parametrize("text, problem", [
    ("title: [未闭合\n", "不是有效的 YAML"),
    (yaml.safe_dump({"标题": "缺开场白"}, allow_unicode=True), "开场白：必填"),
    (yaml.safe_dump({**GAS, "客户类型": "外星人"}, allow_unicode=True), "未知的客户类型"),
    (yaml.safe_dump({**GAS, "解决意图": ["fly"]}, allow_unicode=True), "未知的解决意图"),
    ("- 只是一个列表\n", "格式不对"),
])
def test_a_bad_file_is_named_in_chinese_and_the_others_still_load(tmp_path, text, problem):
    save_scenario(tmp_path, parse_scenario(AIRLINE))
    (tmp_path / "坏文件.yaml").write_text(text, encoding="utf-8")
    specs, problems = read_scenarios(tmp_path)
    assert [s.title for s in specs] == ["托运行李没有到达"]
    assert len(problems) == 1 and "坏文件.yaml" in problems[0] and problem in problems[0]
    assert "托运行李没有到达" in workspace_catalog(tmp_path).scenarios


@pytest.mark.parametrize("scenario_id", ["../outside", "..", "a/b", "/etc/passwd", "x.yaml", "refund",
                                         "cannot_get_through"])
def test_ids_cannot_leave_the_folder_or_shadow_a_shipped_scenario(tmp_path, scenario_id):
    folder = tmp_path / "scenarios"
    with pytest.raises(DataError, match="场景编号"):
        save_scenario(folder, parse_scenario({**GAS, "id": "ok"}).model_copy(update={"id": scenario_id}))
    with pytest.raises(DataError):
        delete_scenario(folder, scenario_id)
    assert not list(tmp_path.rglob("*.yaml"))


def test_delete_removes_only_that_scenario(tmp_path):
    gas, airline = (save_scenario(tmp_path, parse_scenario(d)) for d in SPECS)
    delete_scenario(tmp_path, gas)
    assert [s.id for s in load_scenarios(tmp_path)] == [airline]
    with pytest.raises(DataError, match="不存在"):
        delete_scenario(tmp_path, gas)


def _customer_lines(session: Session) -> list[str]:
    return [t.text for t in session.turns if t.role == "customer"]


@pytest.mark.parametrize("data", SPECS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_offline_customer_plays_an_own_scenario(tmp_path, checker, data, seed):
    scenario_id = save_scenario(tmp_path, parse_scenario(data))
    scenario = workspace_catalog(tmp_path).scenarios[scenario_id]
    spec = load_scenarios(tmp_path)[0]
    (known_name, known), (hidden_name, hidden) = *spec.facts.items(), *spec.hidden.items()
    general, by_name, resolving = SCRIPTS[spec.title]
    session = Session(spec.persona, scenario, seed=seed, checker=checker)

    opening = session.opening().text
    assert spec.opening[0].rstrip("？?。") in opening
    session.reply("您好，很高兴为您服务。")
    assert not any(hidden in line or known in line for line in _customer_lines(session))

    answer = session.reply(general).text
    assert known in answer and hidden not in answer, answer
    answer = session.reply(by_name).text
    assert hidden in answer, answer
    # A caller the trainer gave no name still answers to 贵姓 with a surname, as shipped callers do.
    answer = session.reply("好的，请问您贵姓？").text
    assert f"姓{scenario.facts['name']}" in answer, answer

    session.reply(resolving)
    if not session.done:
        session.reply("请问还有其他问题吗？感谢您的来电，再见！")
    assert session.outcome == "resolved", session.transcript().turns


@pytest.mark.parametrize("data", SPECS)
def test_without_its_resolution_the_call_is_not_resolved_and_the_grade_cites_the_rule(
        tmp_path, checker, grader, data):
    scenario_id = save_scenario(tmp_path, parse_scenario({**data, "rules": ["pr-commitment"]}))
    catalog = workspace_catalog(tmp_path)
    session = Session(data.get("persona") or data["客户类型"], catalog.scenarios[scenario_id], seed=3, checker=checker)
    transcript = session.play(["您好，很高兴为您服务，请问您贵姓？", "好的，我知道了，您再等等吧。",
                               "请问还有其他问题吗？感谢您的来电，再见！"])
    assert transcript.outcome != "resolved"
    own_grader = type(grader)(grader.rulebook, grader.checker, emotion=grader.emotion)
    own_grader.catalog = catalog
    grade = own_grader.grade(transcript)
    missed = [f for f in grade.findings if f.category == "must_do"]
    assert missed and missed[0].rule == "pr-commitment" and missed[0].source is not None


@pytest.mark.parametrize("data", SPECS)
def test_a_served_model_is_told_the_problem_and_only_the_facts_asked_for(tmp_path, data):
    from core.prompts import render

    spec = parse_scenario(data)
    played = spec.model_copy(update={"id": "x"}).play()
    (known_name, known), (hidden_name, hidden) = *spec.facts.items(), *spec.hidden.items()
    persona = {"name": "客户", "style": "直接"}
    mood = {"label": "angry", "intensity": 0.7}
    opening = render("customer", persona=persona, scenario=played.model_dump(), stage="opening", mood=mood, asked={},
                     history=[])
    text = "\n".join(m.content for m in opening.messages)
    assert spec.title in text and spec.opening[0] in text and hidden not in text and known not in text
    asked = render("customer", persona=persona, scenario=played.model_dump(), stage="giving_facts", mood=mood,
                   asked={hidden_name: played.facts[hidden_name]}, history=[])
    assert hidden in "\n".join(m.content for m in asked.messages)


def test_the_cli_adds_lists_and_deletes_a_workspaces_scenarios(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from core.settings import get_settings
    from cli import app

    monkeypatch.setenv("KEFU_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()  # an earlier test may have read the settings with another data dir
    runner = CliRunner()
    assert runner.invoke(app, ["workspace", "create", "gas-co", "--title", "某燃气公司"]).exit_code == 0
    spec_file = tmp_path / "燃气表.yaml"
    spec_file.write_text(yaml.safe_dump(GAS, allow_unicode=True), encoding="utf-8")
    added = runner.invoke(app, ["scenario", "add", str(spec_file), "-w", "gas-co"])
    assert added.exit_code == 0 and "燃气表不走字" in added.output
    (tmp_path / "data" / "workspaces" / "gas-co" / "scenarios" / "坏.yaml").write_text("a: [", encoding="utf-8")
    listed = runner.invoke(app, ["scenario", "list", "--json", "-w", "gas-co"])
    result = yaml.safe_load(listed.stdout)
    assert [s["title"] for s in result["scenarios"]] == ["燃气表不走字"] and "坏.yaml" in result["problems"][0]
    assert runner.invoke(app, ["scenario", "list", "-w", "demo"]).exit_code == 0
    spec_file.write_text("标题: [", encoding="utf-8")
    bad = runner.invoke(app, ["scenario", "add", str(spec_file), "-w", "gas-co"])
    assert bad.exit_code == 2 and "燃气表.yaml" in bad.output and "Traceback" not in bad.output
    assert runner.invoke(app, ["scenario", "delete", "燃气表不走字", "-w", "gas-co"]).exit_code == 0
    gone = runner.invoke(app, ["scenario", "delete", "燃气表不走字", "-w", "gas-co"])
    assert gone.exit_code == 2 and "不存在" in gone.output
    get_settings.cache_clear()  # later tests read their own settings, not this test's data dir


def test_the_services_of_a_workspace_list_its_scenarios_at_once(tmp_path):
    from core.settings import Settings
    from core.workspace import create_workspace
    from services import build_services

    settings = Settings(data_dir=tmp_path)
    create_workspace(settings, "airline", "某航空公司")
    services = build_services(settings, "airline")
    assert not any(isinstance(s, OwnPlay) for s in services.sim_scenarios.values())
    scenario_id = save_scenario(services.workspace.scenarios_dir, parse_scenario(AIRLINE))
    assert services.sim_scenarios[scenario_id].title == "托运行李没有到达"
    # Another workspace does not see it.
    assert scenario_id not in services.in_workspace("demo").sim_scenarios


def test_a_file_added_by_hand_reaches_detection_and_grading_without_a_restart(tmp_path):
    from types import SimpleNamespace

    from core.settings import Settings
    from services import build_services

    services = build_services(Settings(data_dir=tmp_path))
    services.grader = SimpleNamespace(catalog=workspace_catalog(services.workspace.scenarios_dir))
    services.scenarios = object()
    assert services.sim_scenarios  # nothing changed: the built services stay
    assert "grader" in services.__dict__ and "scenarios" in services.__dict__
    services.workspace.scenarios_dir.mkdir(parents=True, exist_ok=True)
    (services.workspace.scenarios_dir / "燃气表.yaml").write_text(yaml.safe_dump(GAS, allow_unicode=True),
                                                                 encoding="utf-8")
    assert "燃气表" in services.sim_scenarios
    assert "grader" not in services.__dict__ and "scenarios" not in services.__dict__


@pytest.mark.parametrize("facts, surname", [({"姓名": "欧阳娜娜"}, "欧阳"), ({"姓": "陈"}, "陈")])
def test_a_name_fact_becomes_the_surname_the_caller_gives(facts, surname):
    played = parse_scenario({**AIRLINE, "facts": facts, "id": "x"}).play()
    assert played.facts["name"] == surname and not set(facts) & set(played.facts)
