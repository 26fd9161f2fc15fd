"""What the 质检 tab shows: one uploaded batch run through the local QA engine, its tables, and a call's transcript.

A run keeps its files under `data_dir/qa/<run>/` (0700 dirs, 0600 files): the upload in `input/` and
the engine's outputs in `out/`. Copies with Chinese names go to `data_dir/qa/下载/<run>/`, the only
folder the web server may serve (the uploads stay unreachable), so no temp path or hash-named file
reaches the page.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd
from pydantic import BaseModel

from core.timefmt import BEIJING
from evals.qa.calls import Problems, calls, parse_map
from evals.qa.engine import Options, QAError, run_qa
from evals.qa.report import CATEGORIES, describer
from knowledge.rulebook import SCENARIOS
from services import Services
from ui.markup import cite
from ui.messages import FINDING_NAMES, SCENARIO_NAMES, InputError, escape

MAX_MB = 20
KINDS = (".jsonl", ".csv")
KEEP_RUNS = 20  # older runs are removed: a day's calls hold customers' words and need not pile up
WORST_SHOWN = 10
SAMPLE_CALLS = 40
DOWNLOADS = {"report.html": "质检报告.html", "agents.csv": "坐席汇总.csv", "calls.jsonl": "通话明细.jsonl",
             "summary.json": "质检汇总.json"}
AGENT_COLUMNS = ["坐席工号", "通话数", "平均分", "最低分", "最常违反的规则", "该规则违反次数"]
RULE_COLUMNS = ["问题类别", "规则", "出处", "次数", "涉及坐席数"]
WORST_COLUMNS = ["通话编号", "坐席工号", "得分", "主要问题"]
Progress = Callable[[float, str], None]


class Batch(BaseModel):
    """One finished run, kept in the page's server-side state (never rendered)."""

    dir: str
    source: str
    mapping: dict[str, str] = {}
    workspace: str

    @property
    def out(self) -> Path:
        return Path(self.dir) / "out"


def qa_root(services: Services) -> Path:
    """Where runs live: under the data dir shared by every workspace."""
    return Path(services.base_settings.data_dir) / "qa"


def served(services: Services) -> Path:
    """The folder of download copies, which the app allows Gradio to serve."""
    return qa_root(services) / "下载"


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def _private_copy(src: Path, dest: Path) -> Path:
    shutil.copyfile(src, dest)
    os.chmod(dest, 0o600)
    return dest


def _new_run(services: Services) -> Path:
    root = _private_dir(qa_root(services))
    runs = sorted(p for p in root.iterdir() if p.is_dir() and p.name[:1].isdigit())
    for old in runs[:max(0, len(runs) - KEEP_RUNS + 1)]:
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(served(services) / old.name, ignore_errors=True)
    # A random tail: two trainers starting in the same second get their own runs, and no one guesses a path.
    name = datetime.now(BEIJING).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(8)
    return _private_dir(root / name)


def mapping_of(text: str | None) -> dict[str, str]:
    """Column renames typed one `原列名=新列名` per line or comma-separated; InputError (Chinese) when malformed."""
    pairs = [p.strip() for p in (text or "").replace("，", ",").replace("\n", ",").split(",") if p.strip()]
    try:
        return parse_map(pairs)
    except ValueError as exc:
        raise InputError(str(exc).replace("--map 的格式", "列名对应的格式")) from None


def accept(upload: str | Path, into: Path) -> Path:
    """A private copy of the uploaded file; InputError for a wrong kind, an empty or an oversized file."""
    path = Path(upload)
    name = path.name.replace("\\", "_") or "通话.jsonl"
    if path.suffix.lower() not in KINDS:
        raise InputError(f"只接受 .jsonl 或 .csv 文件，收到“{escape(name)}”。")
    size = path.stat().st_size if path.is_file() else 0
    if size == 0:
        raise InputError(f"“{escape(name)}”是空文件，请检查导出的录音转写文件。")
    if size > MAX_MB << 20:
        raise InputError(f"“{escape(name)}”超过 {MAX_MB} MB 的上限；更大的批次请用命令行 kefu qa。")
    return _private_copy(path, _private_dir(into) / name)


def sample(services: Services) -> Path:
    """A sample batch made once by the simulator (scripted agents of three qualities, timed), kept in the data dir."""
    path = qa_root(services) / "sample" / "示例通话.jsonl"
    if not path.is_file():
        from evals.qa import synth

        _private_dir(path.parent)
        tmp = path.with_suffix(".tmp")
        synth.write(tmp, SAMPLE_CALLS, synth.pool(12, checker=services.checker))
        os.replace(tmp, path)
    return path


def run(services: Services, upload: str | Path | None, use_sample: bool, columns: str | None,
        progress: Progress | None = None) -> tuple[Batch, dict]:
    """Inspect the upload (or the sample) in the current workspace; the batch and its summary."""
    progress = progress or (lambda fraction, desc: None)
    mapping = mapping_of(columns)
    if not upload and not use_sample:
        raise InputError("请先上传通话文件（.jsonl 或 .csv），或勾选“使用示例数据”。")
    folder = _new_run(services)
    try:
        progress(0.02, "读取通话文件…")
        inputs = _private_dir(folder / "input")
        source = accept(upload, inputs) if upload else _private_copy(sample(services), inputs / "示例通话.jsonl")
        lines = max(1, sum(1 for _ in source.open("rb")))
        grader = services.grader  # built here, before the clock of the progress bar starts
        summary = run_qa([source], folder / "out", lambda: grader, services.workspace.dir, Options(mapping=mapping),
                         lambda _calls, utterances: progress(min(0.95, utterances / lines), "质检中…"))
    except QAError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise InputError(str(exc)) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if not summary["graded"]:
        shutil.rmtree(folder, ignore_errors=True)
        raise InputError("没有可评分的通话。" + "；".join(problems(summary)[:5]))
    progress(1.0, "完成")
    downloads = _private_dir(served(services) / folder.name)
    for made, shown in DOWNLOADS.items():
        os.chmod(folder / "out" / made, 0o600)
        _private_copy(folder / "out" / made, downloads / shown)
    return Batch(dir=str(folder), source=str(source), mapping=mapping, workspace=services.workspace.name), summary


def problems(summary: dict) -> list[str]:
    """The input problems in words a trainer can act on (the CLI's --map hint becomes the form's field)."""
    return [p.replace("可用 --map", "可在“列名对应”中填写") for p in summary.get("problem_lines", [])]


def downloads(services: Services, batch: Batch) -> list[str]:
    """The Chinese-named copies to offer for download."""
    return [str(served(services) / Path(batch.dir).name / shown) for shown in DOWNLOADS.values()]


def results(batch: Batch) -> list[dict]:
    """Every inspected call of the run (calls.jsonl; the upload limit keeps it small)."""
    with (batch.out / "calls.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def summary_md(summary: dict) -> str:
    """The run's totals in one short Chinese paragraph, then its input problems."""
    mean = summary["mean_score"]
    lines = [f"### 质检结果\n\n共 **{summary['calls']}** 通通话（已评分 {summary['graded']} 通），"
             f"**{summary['utterances']}** 句发言，平均分 **{mean if mean is not None else '—'}**，"
             f"用时 {summary['seconds']} 秒。"]
    if summary["untimed"]:
        lines.append(f"{summary['untimed']} 通通话缺少时间戳，未检查接听速度、语速、静默等时间类规则。")
    if summary["problems"]:
        lines.append(f"\n输入中有 {summary['problems']} 处问题（已跳过，其余照常质检）：")
        lines += [f"- {escape(p)}" for p in problems(summary)[:10]]
    return "\n".join(lines)


def agents_frame(batch: Batch) -> pd.DataFrame:
    """Agents, lowest mean first (agents.csv, Chinese headers)."""
    frame = pd.read_csv(batch.out / "agents.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return frame[AGENT_COLUMNS]


def _finding_name(category: str) -> str:
    return CATEGORIES.get(category) or FINDING_NAMES.get(category) or "其他问题"


def rules_frame(found: list[dict], rulebook) -> pd.DataFrame:
    """Rules broken, most often first: the rule's wording and its article, never its id."""
    describe = describer(rulebook)
    counts: Counter = Counter()
    agents: dict[tuple, set] = defaultdict(set)
    where: dict[tuple, str] = {}
    for call in found:
        for f in call["findings"]:
            if f["category"] == "no_timestamps":
                continue
            key = (_finding_name(f["category"]), describe(f["rule"])["text"] if f["rule"] else "")
            counts[key] += 1
            agents[key].add(call["agent_id"])
            where.setdefault(key, cite(f["source"]))
    rows = [[name, text or "—", where[key] or "—", n, len(agents[key])]
            for key, n in counts.most_common() for name, text in [key]]
    return pd.DataFrame(rows, columns=RULE_COLUMNS)


def worst(found: list[dict], n: int = WORST_SHOWN) -> list[dict]:
    """The `n` lowest-scoring graded calls."""
    return sorted((c for c in found if c["score"] is not None), key=lambda c: (c["score"], c["call_id"]))[:n]


def worst_frame(found: list[dict]) -> pd.DataFrame:
    """The worst calls with their two costliest problems."""
    rows = []
    for c in worst(found):
        top = sorted((f for f in c["findings"] if f["points"]), key=lambda f: -f["points"])
        names = list(dict.fromkeys(_finding_name(f["category"]) for f in top))[:2]
        rows.append([c["call_id"], c["agent_id"], c["score"], "、".join(names) or "—"])
    return pd.DataFrame(rows, columns=WORST_COLUMNS)


def call_of(batch: Batch, call_id: str) -> tuple[dict, dict]:
    """(the call as read from the upload, its inspection result); InputError when the run has no such call."""
    wanted = (call_id or "").strip()
    result = next((c for c in results(batch) if c["call_id"] == wanted), None)
    if result is None:
        raise InputError(f"本次质检中没有通话“{escape(wanted)}”，请从最差通话表中选择。")
    call = next((c for c in calls([Path(batch.source)], batch.mapping, Problems(keep=0)) if c["call_id"] == wanted),
                None)
    if call is None:
        raise InputError(f"在上传文件中找不到通话“{escape(wanted)}”的发言。")
    return call, result


def transcript_html(call: dict, result: dict, rulebook) -> str:
    """The call turn by turn; a turn with findings is highlighted and its findings listed under it."""
    describe = describer(rulebook)
    by_turn: dict[int | None, list[dict]] = defaultdict(list)
    for f in result["findings"]:
        by_turn[f["turn"]].append(f)

    def items(findings: list[dict]) -> str:
        out = []
        for f in findings:
            rule = describe(f["rule"])["text"] if f["rule"] else ""
            source = cite(f["source"])
            cost = f"（扣 {f['points']:g} 分）" if f["points"] else ""
            out.append(f"<li><b>{escape(_finding_name(f['category']))}</b>{cost}：{escape(f['detail'])}"
                       + (f"<br>规定：{escape(rule)}" if rule else "")
                       + (f"（{escape(source)}）" if source else "") + "</li>")
        return "<ul class='kefu-qa-findings'>" + "".join(out) + "</ul>"

    head = (f"<h3>通话 {escape(result['call_id'])} · 坐席 {escape(result['agent_id'])} · "
            f"得分 {result['score'] if result['score'] is not None else '未评分'}</h3>")
    parts = [head]
    if by_turn.get(None):
        parts.append("<div class='kefu-qa-whole'><b>整通通话</b>" + items(by_turn[None]) + "</div>")
    for i, turn in enumerate(call["turns"]):
        who = "坐席" if turn["role"] == "agent" else "客户"
        flagged = bool(by_turn.get(i))
        style = "background:#fde7e9;border-left:4px solid #d93025;" if flagged else "border-left:4px solid #ddd;"
        parts.append(f"<div class='kefu-qa-turn{' flagged' if flagged else ''}' data-turn='{i}' "
                     f"style='{style}padding:4px 8px;margin:4px 0'><b>{i + 1}. {who}</b>：{escape(turn['text'])}"
                     + (items(by_turn[i]) if flagged else "") + "</div>")
    return "".join(parts)


def persona_for(services: Services, lines: list[str]) -> str:
    """The persona whose mood is nearest the caller's strongest reading (assist emotion → simulator persona)."""
    readings = [services.emotion.read(line) for line in lines]
    strongest = max(readings, key=lambda e: (e.label != "neutral", e.intensity))
    personas = services.personas
    same = [k for k, p in personas.items() if p.emotion.label == strongest.label] or list(personas)
    return min(same, key=lambda k: (abs(personas[k].emotion.intensity - strongest.intensity), k))


def practice_from_call(services: Services, batch: Batch, call_id: str | None) -> str:
    """Save a practice scenario built from the call (its customer's own lines), assigned to its agent; a confirmation."""
    from simulator.call_scenario import scenario_from_call
    from simulator.own_scenarios import load_scenarios, save_scenario

    call, result = call_of(batch, call_id or "")
    lines = [t["text"] for t in call["turns"] if t["role"] == "customer" and t["text"]]
    if not lines:
        raise InputError("该通话没有客户发言，无法生成练习场景。")
    persona = persona_for(services, lines)
    turns = [(t["role"], t["text"]) for t in call["turns"]]
    scenario = services.scenarios.detect([{"role": role, "text": text} for role, text in turns])
    if scenario not in SCENARIOS:  # one of the workspace's own scenarios: take the kind of call it is
        own = load_scenarios(services.workspace.scenarios_dir)
        scenario = next((s.scenario_key for s in own if s.id == scenario), "other")
    topic = SCENARIO_NAMES.get(scenario, "通话")
    agent = result["agent_id"]
    title = f"{topic}：坐席 {agent} 的通话 {result['call_id']}"[:60]
    try:
        save_scenario(services.workspace.scenarios_dir, scenario_from_call(turns, persona, scenario, title, [agent]))
    except ValueError as exc:  # the spec's own checks (DataError, pydantic) explain in Chinese
        raise InputError(f"无法生成练习场景：{exc}") from None
    name = getattr(services.personas[persona], "name", persona)
    return (f"已为坐席 **{escape(agent)}** 生成练习场景“{escape(title)}”（客户类型：{escape(name)}；场景：{escape(topic)}），"
            f"开场白用客户在这通电话里的原话。该坐席在“练习”页以工号 {escape(agent)} 作为学员姓名，即可看到指派给自己的场景。")
