"""A practice scenario from a real call: the caller's own words, the facts asked for, and who it is for."""
from __future__ import annotations

import pytest

from simulator.call_scenario import scenario_from_call
from simulator.own_scenarios import OwnPlay, save_scenario, workspace_catalog
from simulator.persona import DataError


@pytest.mark.parametrize("turns, fact_name, value", [
    ([("customer", "喂，你好"), ("agent", "您好，很高兴为您服务。"),
      ("customer", "我家燃气表从上周开始就不走字了，你们到底管不管？"), ("agent", "那你报一下订单号吧。"),
      ("customer", "订单号是20240311778"), ("agent", "这个不归我管。")], "订单号", "20240311778"),
    ([("customer", "我的行李到现在还没找到，都三天了！"), ("agent", "请问您的手机号码是多少？"),
      ("customer", "13912345678"), ("agent", "等着吧。")], "手机号", "13912345678"),
])
def test_a_scenario_from_a_real_call_opens_with_the_callers_words(tmp_path, turns, fact_name, value):
    spec = scenario_from_call(turns, "angry", "燃气表不走字", "来自质检的练习", "张伟")
    said = [text for role, text in turns if role == "customer" and len(text) > 6]
    assert spec.opening[0] == said[0] and "喂，你好" not in spec.opening
    assert spec.hidden == {fact_name: value} and spec.assigned_to == ["张伟"] and spec.scenario_key == "other"
    scenario_id = save_scenario(tmp_path, spec)
    played = workspace_catalog(tmp_path).scenarios[scenario_id]
    assert isinstance(played, OwnPlay) and played.persona == "angry"


def test_a_call_without_the_customer_cannot_become_a_scenario():
    with pytest.raises(DataError, match="没有客户"):
        scenario_from_call([("agent", "您好")], "angry", "other", "空", None)
