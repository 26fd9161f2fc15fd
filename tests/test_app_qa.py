"""The 质检 tab's handlers: a batch of recorded calls in, tables, a call's transcript, downloads and bad input."""
from __future__ import annotations

import csv
import json
import re
import stat
from pathlib import Path

import pytest

from core.settings import Settings
from ui import qa_results
from ui.messages import InputError

# Our own calls from two utilities the demo sources do not cover: (call_id, agent_id, [(role, text)]).
CALLS = [
    ("RQ-0001", "W01", [
        ("customer", "你好，我家燃气表这两天突然不走字了，是不是坏了？"),
        ("agent", "您好，很高兴为您服务，请问您贵姓？"),
        ("customer", "我姓周，户号是8802314。"),
        ("agent", "周女士，户号8802314，对吗？给您添麻烦了，我马上为您登记报修，维修师傅24小时内上门检查。"),
        ("customer", "好的，谢谢你。"),
        ("agent", "不客气，感谢您的来电，祝您生活愉快，再见。")]),
    ("RQ-0002", "W02", [
        ("customer", "我都打了三次电话了，燃气还是没恢复，你们到底管不管！"),
        ("agent", "喂，说话。"),
        ("customer", "家里停气两天了，孩子连口热饭都吃不上！"),
        ("agent", "这不归我们管，你自己去营业厅问。"),
        ("customer", "你这是什么态度？我要投诉你！"),
        ("agent", "随便你，投诉也没用。")]),
    ("KD-0003", "W02", [
        ("customer", "我家宽带从昨天晚上开始就连不上网了。"),
        ("agent", "您好，请问有什么可以帮您？"),
        ("customer", "光猫上的红灯一直在闪，网页都打不开。"),
        ("agent", "嗯，知道了，我们会尽快处理的。")]),
    ("KD-0004", "W03", [
        ("customer", "你好，我想问一下宽带续费的套餐。"),
        ("agent", "您好，很高兴为您服务，请问您贵姓？"),
        ("customer", "我姓林。"),
        ("agent", "林先生，现在续费一年可以享受八五折，我把资费明细发到您的手机上，请问还有其他问题吗？"),
        ("customer", "没有了，谢谢。"),
        ("agent", "感谢您的来电，再见。")]),
]


def rows(timed: bool = True) -> list[dict]:
    out = []
    for call_id, agent, turns in CALLS:
        clock = 3000
        for role, text in turns:
            row = {"call_id": call_id, "agent_id": agent, "role": role, "text": text,
                   "call_start": "2026-11-20T09:30:00+08:00"}
            if timed:
                row.update(start_ms=clock, end_ms=clock + 400 * len(text))
                clock += 400 * len(text) + 1200
            out.append(row)
    return out


def write_csv(path, data: list[dict], encoding: str = "utf-8", rename: dict | None = None):
    fields = list(data[0])
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow([(rename or {}).get(c, c) for c in fields])
        writer.writerows([[r[c] for c in fields] for r in data])
    return path


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    from services import build_services

    return build_services(Settings(data_dir=tmp_path_factory.mktemp("qa-tab-data")))


@pytest.fixture(scope="module")
def done(services, tmp_path_factory):
    path = tmp_path_factory.mktemp("upload") / "燃气宽带通话.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows()), encoding="utf-8")
    seen = []
    batch, summary = qa_results.run(services, str(path), False, "", lambda f, d: seen.append((f, d)))
    assert seen[-1] == (1.0, "完成")
    return batch, summary


def test_a_batch_gives_chinese_tables_without_rule_ids(services, done):
    batch, summary = done
    assert summary["calls"] == 4 and summary["graded"] == 4
    text = qa_results.summary_md(summary)
    assert "共 **4** 通通话" in text and str(services.base_settings.data_dir) not in text
    found = qa_results.results(batch)
    agents = qa_results.agents_frame(batch)
    assert list(agents.columns) == qa_results.AGENT_COLUMNS and set(agents["坐席工号"]) == {"W01", "W02", "W03"}
    assert agents["坐席工号"].iloc[0] == "W02"  # the agent who broke most rules comes first
    rules = qa_results.rules_frame(found, services.rulebook)
    assert list(rules.columns) == qa_results.RULE_COLUMNS and len(rules)
    ids = {e.id for e in services.rulebook.all_entries()}
    shown = " ".join(rules.astype(str).to_numpy().ravel())
    assert not any(rule_id in shown for rule_id in ids)
    assert re.search(r"第[一二三四五六七八九十百零\d]+条", " ".join(rules["出处"]))
    worst = qa_results.worst_frame(found)
    assert worst["通话编号"].iloc[0] == "RQ-0002" and worst["得分"].is_monotonic_increasing


@pytest.mark.parametrize("call_id, said", [("RQ-0002", "这不归我们管"), ("KD-0003", "光猫上的红灯")])
def test_a_call_opens_with_its_findings_highlighted_by_turn(services, done, call_id, said):
    batch, _ = done
    call, result = qa_results.call_of(batch, call_id)
    page = qa_results.transcript_html(call, result, services.rulebook)
    assert said in page and "坐席" in page and "客户" in page
    assert "flagged" in page and "扣" in page and "规定：" in page


def test_downloads_are_private_and_named_in_chinese(services, done):
    batch, _ = done
    files = [Path(p) for p in qa_results.downloads(services, batch)]
    assert [f.name for f in files] == list(qa_results.DOWNLOADS.values())
    for f in files:
        assert f.is_file() and stat.S_IMODE(f.stat().st_mode) == 0o600
        assert qa_results.served(services) in f.parents
    with files[1].open(encoding="utf-8-sig") as f:
        assert next(csv.reader(f))[0] == "坐席工号"


def test_an_unknown_call_is_a_chinese_message(done):
    with pytest.raises(InputError, match="没有通话"):
        qa_results.call_of(done[0], "不存在的编号")


@pytest.mark.parametrize("name, content, message", [
    ("空文件.jsonl", b"", "空文件"),
    ("通话.txt", "call_id,agent_id\n".encode(), "只接受"),
    ("utf16.csv", "call_id,agent_id,role,text\n1,A,客户,你好\n".encode("utf-16"), "没有可评分的通话"),
])
def test_bad_files_are_refused_in_chinese(services, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        qa_results.run(services, str(path), False, "")


def test_a_missing_column_names_it_and_the_mapping_fixes_it(services, tmp_path):
    path = write_csv(tmp_path / "导出.csv", rows(timed=False), rename={"role": "发言方"})
    with pytest.raises(InputError) as refused:
        qa_results.run(services, str(path), False, "")
    assert "role" in str(refused.value) and "列名对应" in str(refused.value) and "--map" not in str(refused.value)
    _, summary = qa_results.run(services, str(path), False, "发言方=角色")
    assert summary["graded"] == 4 and summary["untimed"] == 4


def test_a_gbk_file_is_read_and_said_so(services, tmp_path):
    path = write_csv(tmp_path / "gbk.csv", rows(), encoding="gbk")
    _, summary = qa_results.run(services, str(path), False, "")
    assert summary["graded"] == 4 and "GBK" in qa_results.summary_md(summary)


@pytest.mark.parametrize("typed", ["坐席工号", "a=b,=c"])
def test_a_malformed_mapping_is_a_chinese_message(typed):
    with pytest.raises(InputError, match="列名对应"):
        qa_results.mapping_of(typed)


def test_an_oversized_file_is_refused_before_reading(services, tmp_path):
    path = tmp_path / "太大.jsonl"
    with path.open("wb") as f:
        f.truncate((qa_results.MAX_MB << 20) + 1)
    with pytest.raises(InputError, match=f"{qa_results.MAX_MB} MB"):
        qa_results.run(services, str(path), False, "")


def test_nothing_chosen_asks_for_a_file(services):
    with pytest.raises(InputError, match="请先上传"):
        qa_results.run(services, None, False, "")


@pytest.mark.parametrize("call_id, agent", [("RQ-0002", "W02"), ("KD-0003", "W02")])
def test_a_poor_call_becomes_a_practice_scenario_for_its_agent(services, done, call_id, agent):
    from simulator.own_scenarios import load_scenarios

    batch, _ = done
    said = qa_results.practice_from_call(services, batch, call_id)
    assert agent in said and "练习场景" in said
    made = [s for s in load_scenarios(services.workspace.scenarios_dir) if call_id in s.title]
    assert len(made) == 1 and made[0].assigned_to == [agent]
    call, _ = qa_results.call_of(batch, call_id)
    customer = [t["text"] for t in call["turns"] if t["role"] == "customer"]
    assert made[0].opening and all(line in customer for line in made[0].opening)
    assert made[0].persona in services.personas


def test_an_upset_caller_gets_an_upset_persona(services):
    key = qa_results.persona_for(services, ["你们到底管不管！我要投诉你们！", "太过分了！"])
    assert services.personas[key].emotion.label in {"angry", "anxious"}


def test_the_bundled_sample_runs_without_an_upload(services):
    batch, summary = qa_results.run(services, None, True, "")
    assert summary["calls"] == qa_results.SAMPLE_CALLS and summary["graded"] == summary["calls"]
    assert len(qa_results.worst(qa_results.results(batch))) == qa_results.WORST_SHOWN
