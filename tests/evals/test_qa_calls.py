"""Reading recorded calls for batch QA: grouping with a bounded buffer and every kind of bad input."""
from __future__ import annotations

import json

import pytest

from evals.qa.calls import Problems, calls, parse_map

HEADER = "call_id,agent_id,role,text,start_ms,end_ms\n"


def jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def row(call, role, text, agent="A1"):
    return {"call_id": call, "agent_id": agent, "role": role, "text": text}


def read(paths, mapping=None, max_open=256):
    problems = Problems()
    return list(calls(paths, mapping or {}, problems, max_open=max_open)), problems.items


def test_interleaved_calls_are_grouped_within_the_buffer(tmp_path):
    rows = [row("c1", "customer", "你好，我的订单没到。"), row("c2", "customer", "我要退货。"),
            row("c1", "agent", "您好，请问订单号是多少？"), row("c2", "agent", "好的，我帮您办理退货。")]
    got, problems = read([jsonl(tmp_path / "a.jsonl", rows)])
    assert [(c["call_id"], len(c["turns"])) for c in got] == [("c1", 2), ("c2", 2)] and not problems


def test_a_call_that_comes_back_after_its_flush_is_reported(tmp_path):
    rows = [row("c1", "customer", "喂？"), row("c2", "customer", "你好。"), row("c3", "customer", "在吗？"),
            row("c1", "agent", "您好，请讲。")]
    got, problems = read([jsonl(tmp_path / "a.jsonl", rows)], max_open=1)
    assert [c["call_id"] for c in got] == ["c1", "c2", "c3"]
    assert problems == ["a.jsonl:4: 通话 c1 不连续（该通话已评分，后续行已跳过）"]


def test_duplicate_call_ids_across_files(tmp_path):
    a = jsonl(tmp_path / "a.jsonl", [row("c1", "customer", "我的快递丢了。"), row("c1", "agent", "您好，我帮您查询。")])
    b = jsonl(tmp_path / "b.jsonl", [row("c1", "customer", "我要投诉。"), row("c2", "customer", "你好。")])
    got, problems = read([a, b])
    assert [c["call_id"] for c in got] == ["c1", "c2"]
    assert problems == ["b.jsonl:1: 通话编号 c1 重复：已在 a.jsonl 中出现，本文件中的该通话已跳过"]


def test_missing_column_skips_the_file_with_a_hint(tmp_path):
    path = tmp_path / "asr.csv"
    path.write_text("call_id,role,text\nc1,agent,您好\n", encoding="utf-8")
    got, problems = read([path])
    assert got == [] and "缺少必需的列 坐席工号（agent_id）" in problems[0] and "--map" in problems[0]


@pytest.mark.parametrize("header", ["通话编号,坐席工号,角色,内容", "录音编号,工号,说话人,转写文本"])
def test_chinese_headers_are_read_without_a_map(tmp_path, header):
    path = tmp_path / "质检导出.csv"
    path.write_text(f"{header}\nT-88,B12,客户,我的燃气费怎么扣了两次？\nT-88,B12,坐席,您好，我帮您核实一下。\n",
                    encoding="utf-8")
    got, problems = read([path])
    assert problems == [] and [c["call_id"] for c in got] == ["T-88"] and got[0]["agent_id"] == "B12"


def test_map_renames_columns(tmp_path):
    path = tmp_path / "asr.csv"
    path.write_text("通话编号,坐席工号,角色,内容\nc1,A7,客户,我想查话费。\nc1,A7,坐席,您好，请稍等。\n", encoding="utf-8")
    got, problems = read([path], parse_map(["通话编号=call_id", "坐席工号=agent_id", "角色=role", "内容=text"]))
    assert got[0]["agent_id"] == "A7" and [t["role"] for t in got[0]["turns"]] == ["customer", "agent"]
    assert not problems


def test_gbk_csv_is_detected_and_read(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "c1,A1,customer,我的宽带断了三天了,0,3000\nc1,A1,agent,您好，非常抱歉,3500,5000\n").encode("gbk"))
    got, problems = read([path])
    assert got[0]["turns"][0]["text"] == "我的宽带断了三天了"
    assert problems == ["gbk.csv: 文件不是 UTF-8 编码，已按 GBK（GB18030）读取；建议导出为 UTF-8"]


def test_a_10mb_line_is_skipped_and_the_rest_read(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps(row("c1", "customer", "你好"), ensure_ascii=False) + "\n")
        f.write(json.dumps(row("c1", "agent", "啊" * ((10 << 20) // 3)), ensure_ascii=False) + "\n")
        f.write(json.dumps(row("c1", "agent", "您好，请问有什么可以帮您？"), ensure_ascii=False) + "\n")
    got, problems = read([path])
    assert [t["text"] for t in got[0]["turns"]] == ["你好", "您好，请问有什么可以帮您？"]
    assert problems == ["big.jsonl:2: 该行超过 1 MB，不是一句发言，已跳过"]


@pytest.mark.parametrize("line, problem", [
    ('{"call_id": "c1", "agent_id": "A1", "role": "agent"}', "缺少字段 text"),
    ('{"call_id": "c1", "agent_id": "A1", "role": "经理", "text": "您好"}', "role 应为 agent"),
    ('{"call_id": "c1", "agent_id": "A1", "role": "agent", "text": "您好", "start_ms": "上午"}', "start_ms 应为毫秒数"),
    ('{"call_id": "c1", "agent_id": "A1", "role": "agent", "text": "您好"', "不是有效的 JSON"),
    ('["c1", "A1", "agent", "您好"]', "每行应是一个 JSON 对象"),
])
def test_malformed_lines_are_reported_with_file_and_line(tmp_path, line, problem):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(row("c0", "agent", "您好，很高兴为您服务。"), ensure_ascii=False) + "\n" + line + "\n",
                    encoding="utf-8")
    got, problems = read([path])
    assert [c["call_id"] for c in got] == ["c0"]
    assert len(problems) == 1 and problems[0].startswith("x.jsonl:2: ") and problem in problems[0]


def test_turns_are_put_in_spoken_order(tmp_path):
    rows = [{**row("c1", "agent", "您好，请讲。"), "start_ms": 4000, "end_ms": 5000},
            {**row("c1", "customer", "喂？"), "start_ms": 1000, "end_ms": 1500}]
    got, _ = read([jsonl(tmp_path / "a.jsonl", rows)])
    assert [t["role"] for t in got[0]["turns"]] == ["customer", "agent"]


@pytest.mark.parametrize("pair", ["坐席工号", "=agent_id", "坐席工号="])
def test_bad_map_is_a_clear_message(pair):
    with pytest.raises(ValueError, match="--map"):
        parse_map([pair])
