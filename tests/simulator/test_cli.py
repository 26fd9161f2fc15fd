"""`kefu simulate` and `kefu grade` end to end, in a subprocess like a user runs them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sim_scripts import good_script
from simulator.persona import get_scenario

ROOT = Path(__file__).resolve().parents[2]


def kefu(*args, data_dir, stdin: str | None = None):
    env = {**os.environ, "KEFU_DATA_DIR": str(data_dir)}
    env.pop("KEFU_LLM_BASE_URL", None)
    return subprocess.run([sys.executable, "-m", "cli", *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def data_dir(sim_settings, checker, grader):
    """The session's data dir, with the checker's and emotion reader's models already cached."""
    return sim_settings.data_dir


def test_simulate_with_a_script_prints_turns_outcome_and_grade(tmp_path, data_dir):
    script = tmp_path / "agent.txt"
    script.write_text("\n".join(good_script(get_scenario("refund_not_arrived"))), encoding="utf-8")
    run = kefu("simulate", "--persona", "angry", "--scenario", "refund_not_arrived", "--seed", "4",
               "--agent-script", str(script), "--json", data_dir=data_dir)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["persona"] == "angry" and out["scenario"] == "refund_not_arrived" and out["outcome"] == "resolved"
    assert out["turns"][0]["role"] == "customer" and {"emotion", "intensity"} <= set(out["turns"][0])
    assert set(out["turns"][1]) == {"role", "text"}
    assert out["grade"]["score"] >= 80 and set(out["grade"]) >= {"score", "subscores", "findings", "summary"}


def test_grade_a_file(tmp_path, data_dir):
    path = tmp_path / "call.json"
    path.write_text(json.dumps({"persona": "angry", "turns": [
        {"role": "customer", "text": "退款怎么还没到！"}, {"role": "agent", "text": "这我怎么知道呀！"}]},
        ensure_ascii=False), encoding="utf-8")
    run = kefu("grade", str(path), "--json", data_dir=data_dir)
    assert run.returncode == 0, run.stderr
    grade = json.loads(run.stdout)
    assert grade["score"] < 80 and any(f["turn"] == 1 and f["source"] for f in grade["findings"])


@pytest.mark.parametrize("agent", ["", "嗯", "好的。"])
def test_grade_and_simulate_call_an_empty_trainee_incomplete(tmp_path, data_dir, agent):
    path, script = tmp_path / "call.json", tmp_path / "agent.txt"
    path.write_text(json.dumps({"persona": "angry", "turns": [
        {"role": "customer", "text": "退款怎么还没到！"}, {"role": "agent", "text": agent}]},
        ensure_ascii=False), encoding="utf-8")
    script.write_text(agent, encoding="utf-8")
    graded = json.loads(kefu("grade", str(path), "--json", data_dir=data_dir).stdout)
    simulated = json.loads(kefu("simulate", "--persona", "angry", "--scenario", "refund_not_arrived",
                                "--agent-script", str(script), "--json", data_dir=data_dir).stdout)["grade"]
    for grade in (graded, simulated):
        assert grade["status"] == "incomplete" and grade["score"] < 40 and grade["formula"]


@pytest.mark.parametrize("content, message", [
    ("{not json", "不是有效的 JSON"),
    ("[1, 2]", "顶层必须是对象"),
    ('{"turns": [{"role": "agent", "text": "您好"}]}', "persona"),
    ('{"persona": "angry", "turns": []}', "turns"),
    ('{"persona": "angry", "turns": [{"role": "boss", "text": "您好"}]}', "turns[0].role"),
    ('{"persona": "angry", "turns": [{"role": "agent"}]}', "turns[0].text"),
    ('{"persona": "pirate", "turns": [{"role": "agent", "text": "您好"}]}', "未知角色"),
])
def test_a_malformed_file_gets_a_clear_message_and_exit_2(tmp_path, data_dir, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    run = kefu("grade", str(path), "--json", data_dir=data_dir)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("args, message", [
    (["--persona", "pirate"], "未知角色"),
    (["--persona", "angry", "--scenario", "weather"], "未知场景"),
    (["--persona", "angry", "--agent-script", "/nonexistent/script.txt"], "无法读取话术脚本"),
])
def test_simulate_bad_arguments(data_dir, args, message):
    run = kefu("simulate", *args, "--json", data_dir=data_dir)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


def test_simulate_interactively_reads_the_trainee_from_stdin(data_dir):
    """Without --agent-script the trainee types each line; the customer answers each one, and an empty line ends the call."""
    lines = good_script(get_scenario("refund_not_arrived"))[:2]
    run = kefu("simulate", "--persona", "anxious", "--scenario", "refund_not_arrived", "--seed", "2",
               data_dir=data_dir, stdin="\n".join(lines) + "\n\n这一行在通话结束之后\n")
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("客户：") == len(lines) + 1  # the opening line, then one reply per trainee line
    assert "通话结束" in run.stdout and "得分" in run.stdout and "Traceback" not in run.stderr
