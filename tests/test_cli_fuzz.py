"""Every `kefu` command, fed arbitrary arguments, files and stdin: no traceback, and a failure says why in Chinese.

Each command gets its own argument strategy, so hypothesis spends its examples on that command's inputs
(text, numbers, workspace names, file contents) rather than on Click's own option parsing. `app` serves
forever and is covered by the real-app tests in test_rest.py; `bench` runs for minutes, so only its
argument errors are fuzzed here.
"""
from __future__ import annotations

import itertools
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from typer.testing import CliRunner

from app_server import warm
from core.settings import get_settings
from cli import app

CHINESE = re.compile(r"[\u4e00-\u9fff]")
SAMPLES = ["你找别人去", "我要退款，快递一个星期了还没到", "您好，请问有什么可以帮您？", "", " ", "\x00\x01", "\ufeff",
           "a" * 3000, "../../etc/passwd", "{\"turns\": []}", "[{\"role\": \"customer\"}]", "-k", "--json"]
TEXT = st.one_of(st.sampled_from(SAMPLES), st.text(max_size=40))
NUMBER = st.one_of(st.integers(-10**12, 10**12).map(str), st.sampled_from(["0", "-1", "1e9", "NaN", "三", ""]), TEXT)
WORKSPACE = st.one_of(st.sampled_from(["demo", "fuzz", "不存在", "../..", "a/b", "CON", "", "-w", "x" * 200]), TEXT)
CONTENT = st.one_of(
    st.binary(max_size=300),
    st.sampled_from([b"", b"\xff\xfe\x00", "客户：我要退款\n坐席：你找别人去\n".encode("gbk"),
                     '{"persona": "angry", "turns": [{"role": "agent", "text": "您好"}]}'.encode(),
                     b'{"call_id": 1, "role": "agent", "text": "x"}\n{bad json\n',
                     "call_id,agent_id,role,text\nc1,a1,agent,你找别人去\nc1,a1,customer\n".encode()]),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
)
SUFFIX = st.sampled_from([".txt", ".md", ".docx", ".pdf", ".html", ".json", ".jsonl", ".csv", ".yaml", ".exe", ""])
FLAG = st.sampled_from([[], ["--json"]])


@pytest.fixture(scope="module")
def env(built_settings, tmp_path_factory):
    """A private copy of the ingested data dir (commands here create, change and delete workspaces)."""
    data = tmp_path_factory.mktemp("fuzz-data")
    shutil.copytree(warm(built_settings), data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("kefu.sqlite3*"))
    return {"KEFU_DATA_DIR": str(data), "KEFU_MODEL_CACHE": str(built_settings.model_cache),
            "KEFU_LLM_BASE_URL": "", "KEFU_WORKSPACE": ""}


NAMES = itertools.count()


def write(tmp, content: bytes, suffix: str) -> str:
    path = tmp / f"in{next(NAMES)}{suffix}"
    path.write_bytes(content)
    return str(path)


def invoke(env: dict, args: list[str], stdin: str | None = None):
    """Run one command in-process with the module's data dir; settings are re-read for each run."""
    runner = CliRunner()
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, args, input=stdin, env=env, catch_exceptions=True)
    finally:
        get_settings.cache_clear()
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        args, repr(result.exception), result.output[-2000:])
    assert "Traceback" not in result.output, (args, result.output[-2000:])
    if result.exit_code:
        assert CHINESE.search(result.output), (args, result.exit_code, result.output[-2000:])
    return result


FUZZ = hypothesis_settings(max_examples=12, deadline=None, derandomize=True,
                           suppress_health_check=list(HealthCheck))


@FUZZ
@given(command=st.sampled_from(["check", "suggest", "search"]), text=st.none() | TEXT, flag=FLAG,
       jsonl=st.booleans(), stdin=st.none() | TEXT, k=st.none() | NUMBER, workspace=st.none() | WORKSPACE)
def test_line_commands(env, command, text, flag, jsonl, stdin, k, workspace):
    args = [command, *([text] if text is not None else []), *flag, *(["--jsonl"] if jsonl else [])]
    args += ["-k", k] if k is not None and command == "search" else []
    args += ["-w", workspace] if workspace is not None else []
    invoke(env, args, stdin)


@FUZZ
@given(persona=st.one_of(st.sampled_from(["angry", "anxious", "confused"]), TEXT),
       scenario=st.none() | TEXT, seed=st.none() | NUMBER, script=st.none() | CONTENT, flag=FLAG,
       workspace=st.none() | WORKSPACE)
def test_simulate(env, tmp_path_factory, persona, scenario, seed, script, flag, workspace):
    tmp = tmp_path_factory.mktemp("sim")
    args = ["simulate", "--persona", persona, *flag]
    args += ["--scenario", scenario] if scenario is not None else []
    args += ["--seed", seed] if seed is not None else []
    args += ["--agent-script", write(tmp, script, ".txt")] if script is not None else []
    args += ["-w", workspace] if workspace is not None else []
    invoke(env, args)


@FUZZ
@given(content=st.none() | CONTENT, suffix=SUFFIX, flag=FLAG, workspace=st.none() | WORKSPACE)
def test_grade(env, tmp_path_factory, content, suffix, flag, workspace):
    tmp = tmp_path_factory.mktemp("grade")
    target = write(tmp, content, suffix) if content is not None else str(tmp / "不存在.json")
    invoke(env, ["grade", target, *flag, *(["-w", workspace] if workspace is not None else [])])


@FUZZ
@given(approve=st.lists(TEXT, max_size=2), reject=st.lists(TEXT, max_size=2), by=st.none() | TEXT, flag=FLAG,
       workspace=st.sampled_from(["fuzz", "不存在", "../.."]))
def test_rules(env, approve, reject, by, flag, workspace):
    invoke(env, ["workspace", "create", "fuzz"])
    args = ["rules", "-w", workspace, *flag]
    args += [a for item in approve for a in ("--approve", item)] + [a for item in reject for a in ("--reject", item)]
    args += ["--by", by] if by is not None else []
    invoke(env, args)


@FUZZ
@given(action=st.sampled_from(["list", "create", "delete"]), name=WORKSPACE, title=st.none() | TEXT, flag=FLAG)
def test_workspace(env, action, name, title, flag):
    args = ["workspace", action]
    if action == "list":
        args += flag
    else:
        args += [name, *(["--title", title] if action == "create" and title is not None else [])]
        args += ["--yes"] if action == "delete" and name not in ("demo", "fuzz") else []
    invoke(env, args, stdin="n\n")


@hypothesis_settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(files=st.lists(st.tuples(CONTENT, SUFFIX), max_size=2), flag=FLAG, workspace=st.sampled_from(["fuzz", "不存在", ""]))
def test_ingest(env, tmp_path_factory, files, flag, workspace):
    tmp = tmp_path_factory.mktemp("ingest")
    invoke(env, ["workspace", "create", "fuzz"])
    invoke(env, ["ingest", "-w", workspace, *flag, *[write(tmp, c, s) for c, s in files]])


@FUZZ
@given(suite=TEXT, report=st.none() | TEXT, compare=st.none() | CONTENT, workers=st.none() | NUMBER,
       layer=st.none() | TEXT, workspace=st.none() | WORKSPACE)
def test_eval(env, tmp_path_factory, suite, report, compare, workers, layer, workspace):
    tmp = tmp_path_factory.mktemp("eval")
    args = ["eval", suite or "不存在的套件"]  # never empty: no suite named means every suite, minutes of work
    args += ["--report", str(tmp / (report or "r").replace("/", "_")[:50])] if report is not None else []
    args += ["--compare", write(tmp, compare, ".json")] if compare is not None else []
    args += ["--workers", workers] if workers is not None else []
    args += ["--disable-layer", layer] if layer is not None else []
    args += ["-w", workspace] if workspace is not None else []
    invoke(env, args)


@FUZZ
@given(content=CONTENT, suffix=st.sampled_from([".jsonl", ".csv", ".txt", ""]), engine=st.sampled_from(["local", "spark", ""]),
       workers=st.none() | st.sampled_from(["1", "0", "-3", "x"]), mapping=st.lists(TEXT, max_size=2), flag=FLAG)
def test_qa(env, tmp_path_factory, content, suffix, engine, workers, mapping, flag):
    tmp = tmp_path_factory.mktemp("qa")
    args = ["qa", write(tmp, content, suffix), "--out", str(tmp / "out"), "--engine", engine, *flag]
    args += ["--workers", workers] if workers is not None else []
    args += [a for item in mapping for a in ("--map", item)]
    invoke(env, args)


# Each written call plays simulated sessions (seconds each), so a few chosen cases instead of many drawn ones.
@pytest.mark.parametrize("args", [["1"], ["2", "--untimed", "--seed", "-7"], ["0"], ["-3"], ["三"], ["1", "--seed", "x"]])
def test_qa_synth(env, tmp_path, args):
    invoke(env, ["qa-synth", args[0], "--out", str(tmp_path / "calls.jsonl"), *args[1:]])


@FUZZ
@given(answers=st.none() | CONTENT, flag=FLAG, missing=st.booleans())
def test_eval_regulations(env, tmp_path_factory, answers, flag, missing):
    folder = tmp_path_factory.mktemp("regs")
    if answers is not None:
        (folder / "answers.json").write_bytes(answers)
    invoke(env, ["eval-regulations", str(folder / "无") if missing else str(folder), *flag])


@pytest.mark.parametrize("args", [["bench", "--out"], ["bench", "--quick", "--bogus"], ["bench", "额外的参数"]])
def test_bench_argument_errors(env, args):
    invoke(env, args)
