"""Persona, scenario and bank data: complete, consistent with the rulebook, and clear when broken."""
from __future__ import annotations

import pytest

from simulator.bank import STAGES, load_banks
from simulator.persona import DataError, get_scenario, load_catalog, load_personas

REQUIRED_PERSONAS = {"angry", "anxious", "confused", "elderly", "repeat_complainer", "noisy_line"}
REQUIRED_SCENARIOS = {"cannot_get_through", "order_not_shipped", "wrong_item", "refund_not_arrived", "product_damage",
                      "boss_phone", "misdial", "cannot_hear", "warranty_repair", "second_complaint"}


def test_every_required_persona_and_scenario_is_defined():
    assert REQUIRED_PERSONAS <= set(load_personas())
    assert REQUIRED_SCENARIOS <= set(load_catalog().scenarios)


def test_every_cited_rule_exists_in_the_rulebook(rulebook):
    ids = {entry.id for entry in rulebook.all_entries()}
    assert load_catalog().rule_ids() <= ids


@pytest.mark.parametrize("scenario, value, unit", [("refund_not_arrived", 3, "working_day"),
                                                   ("wrong_item", 5, "working_day")])
def test_scenario_slas_match_the_rulebook(scenario, value, unit):
    sla = get_scenario(scenario).sla
    assert (sla.value, sla.unit) == (value, unit)


@pytest.mark.parametrize("key, scenario", [("refund", "refund_not_arrived"), ("manager_contact", "boss_phone")])
def test_scenarios_are_found_by_shared_key(key, scenario):
    assert get_scenario(key).id == scenario


def test_every_persona_has_lines_for_every_stage():
    banks = load_banks()
    for persona in load_personas():
        for stage in STAGES:
            for band in ("high", "mid", "low"):
                assert banks.personas[persona].lines(stage, band)


@pytest.mark.parametrize("text, message", [
    ("personas: {x: {name: 甲}}", "personas.x"),
    ("personas: [1, 2]", "personas"),
    ("personas: {x: {", "not valid YAML"),
    ("defaults: {}\npersonas:\n  x: {name: 甲, style: 乙, emotion: {label: furious, intensity: 2}, patience: 3,"
     " escalation: supervisor, calm_below: 0.3, escalate_at: 0.9, effects: {}}", "emotion.label"),
    ("personas:\n  x: {name: 甲, style: 乙, emotion: {label: angry, intensity: 0.5}, patience: 3,"
     " escalation: supervisor, calm_below: 0.3, escalate_at: 0.9, effects: {intents: {smile: -1}}}", "smile"),
])
def test_bad_persona_files_name_file_and_field(tmp_path, text, message):
    path = tmp_path / "personas.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_personas(path)
    assert "personas.yaml" in str(err.value) and message in str(err.value)


def test_bad_scenario_names_the_field(tmp_path):
    path = tmp_path / "scenarios.yaml"
    path.write_text("scenarios:\n  s: {topic: nowhere, title: 甲, goal: 乙, goal_needs: [commitment]}", encoding="utf-8")
    with pytest.raises(DataError, match=r"scenarios.yaml: scenarios.s.topic"):
        load_catalog(path)


def test_unknown_keys_give_a_chinese_message():
    with pytest.raises(DataError, match="未知场景"):
        get_scenario("weather")
