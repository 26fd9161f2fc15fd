"""Run a QA batch: read and group calls, inspect each (locally or on Ray Data), write the outputs.

Both engines call the same `Inspector.inspect`. The local engine grades in this process or, with
workers > 1, in forked worker processes that inherit the warm grader; at most a few batches are in
flight, so memory does not grow with the input. The Ray engine sends windows of calls to Ray Data
(`from_items` + `map_batches`); each Ray worker builds its inspector once with `make_inspector`.

Every `CHECKPOINT_EVERY` calls, calls.jsonl is flushed and `DIR/checkpoint` records its length and
the running totals. A run that finds a checkpoint for the same inputs cuts calls.jsonl back to
that length, skips the calls it holds and carries on, so no call is counted twice.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

from pydantic import BaseModel

from evals.qa.calls import Problems, calls
from evals.qa.inspection import InspectorFactory
from evals.qa.report import Tally, describer, summary, write_outputs
from evals.qa.timing import ConfigError

CHECKPOINT_EVERY = 2000
BATCH = 32
RAY_WINDOW = 4000
Progress = Callable[[int, int], None]


class QAError(ValueError):
    """A run that cannot start (no readable input, Ray missing); the message is Chinese."""


class Options(BaseModel):
    """How to run: engine, workers, a Ray address, column renames."""

    engine: str = "local"
    workers: int = 1
    address: str | None = None
    mapping: dict[str, str] = {}


def run_qa(paths: list[str | Path], out_dir: str | Path, build_grader: Callable, workspace_dir: Path | None = None,
           options: Options = Options(), progress: Progress | None = None) -> dict:
    """Inspect every call in `paths`; write calls.jsonl, summary.json, agents.csv, report.html; return the summary.

    `build_grader()` returns a `simulator.grader.Grader`; for Ray it must be picklable (e.g. a module-level
    function or a functools.partial of one). Timing rules come from `workspace_dir/qa.yaml` over the defaults.
    """
    if options.engine not in ("local", "ray"):
        raise QAError(f"未知的引擎：{options.engine}（可用 local 或 ray）")
    problems = Problems()
    files = []
    for p in map(Path, paths):
        if p.is_file():
            files.append(p)
        else:
            problems.add(str(p), "找不到该文件，已跳过")
    if not files:
        raise QAError("没有可读取的输入文件：" + "；".join(problems.items))
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QAError(f"无法创建输出目录 {out}：该路径已被文件占用或没有写权限（{exc.errno}）") from None
    checkpoint, results_path = out / "checkpoint", out / "calls.jsonl"
    make_inspector = InspectorFactory(build_grader, workspace_dir)
    try:
        local = make_inspector()  # fails early on a bad qa.yaml; the rulebook describes rules for people
    except ConfigError as exc:
        raise QAError(str(exc)) from None
    describe = describer(local.grader.rulebook)
    tally, done, started = _resume(checkpoint, results_path, files)
    clock = time.perf_counter() - started
    pending = calls(files, options.mapping, problems, done)
    inspected = (_ray(pending, make_inspector, options) if options.engine == "ray"
                 else _local(pending, local, options))
    with results_path.open("a", encoding="utf-8") as sink:
        for n, (call, result) in enumerate(inspected, 1):
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            tally.add(call, result)
            if result["status"] == "no_agent":
                problems.add(call["where"], f"通话 {call['call_id']} 只有客户发言，没有坐席发言，未评分")
            if n % CHECKPOINT_EVERY == 0:
                sink.flush()
                _save(checkpoint, files, sink.tell(), tally, time.perf_counter() - clock)
                if progress:
                    progress(tally.calls, tally.utterances)
    result = summary(tally, time.perf_counter() - clock, problems, [str(f) for f in files])
    write_outputs(tally, result, out, describe)
    checkpoint.unlink(missing_ok=True)
    return result


def _fingerprint(files: list[Path]) -> list:
    return [[str(f.resolve()), f.stat().st_size, int(f.stat().st_mtime)] for f in files]


def _save(path: Path, files: list[Path], length: int, tally: Tally, seconds: float) -> None:
    """Write the checkpoint atomically: a crash mid-write leaves the previous one."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"inputs": _fingerprint(files), "calls_jsonl_bytes": length, "seconds": seconds,
                               "tally": tally.state()}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _resume(checkpoint: Path, results: Path, files: list[Path]) -> tuple[Tally, set[str], float]:
    """The saved totals and the ids already written when the checkpoint is for these inputs; else a fresh start."""
    saved = None
    if checkpoint.is_file():
        try:
            saved = json.loads(checkpoint.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
    if not saved or saved.get("inputs") != _fingerprint(files) or not results.is_file():
        results.write_text("", encoding="utf-8")
        return Tally(), set(), 0.0
    with results.open("r+b") as f:
        f.truncate(saved["calls_jsonl_bytes"])
    with results.open(encoding="utf-8") as f:
        done = {json.loads(line)["call_id"] for line in f}
    return Tally(saved["tally"]), done, saved["seconds"]


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(items, size)):
        yield batch


_INSPECTOR = None  # the worker's inspector: built once, or inherited from the parent by fork


def _inspect_batch(batch: list[dict]) -> list[dict]:
    return [_INSPECTOR.inspect(c) for c in batch]


def _local(pending: Iterator[dict], inspector, options: Options) -> Iterator[tuple[dict, dict]]:
    global _INSPECTOR
    _INSPECTOR = inspector
    if options.workers <= 1:
        for call in pending:
            yield call, _INSPECTOR.inspect(call)
        return
    # fork: workers inherit the warm grader instead of loading models again.
    with multiprocessing.get_context("fork").Pool(options.workers) as pool:
        flight: deque = deque()
        for batch in _batches(pending, BATCH):
            flight.append((batch, pool.apply_async(_inspect_batch, (batch,))))
            if len(flight) >= 4 * options.workers:
                yield from _drain(flight.popleft())
        while flight:
            yield from _drain(flight.popleft())


def _drain(item) -> Iterator[tuple[dict, dict]]:
    batch, future = item
    yield from zip(batch, future.get())


def _ray_batch(batch: dict, make_inspector: Callable) -> dict:
    """Ray Data batch function: calls as JSON text in, results as JSON text out (no schema guessing on nested lists)."""
    global _INSPECTOR
    if _INSPECTOR is None:
        _INSPECTOR = make_inspector()
    return {"result": [json.dumps(_INSPECTOR.inspect(json.loads(c)), ensure_ascii=False) for c in batch["call"]]}


def _ray(pending: Iterator[dict], make_inspector: Callable, options: Options) -> Iterator[tuple[dict, dict]]:
    try:
        import ray
    except ImportError:
        raise QAError("未安装 Ray：请运行 pip install 'kefu[ray]'，或改用 --engine local") from None
    started = not ray.is_initialized()
    if started:
        if options.address:
            ray.init(address=options.address, log_to_driver=False)
        else:
            ray.init(num_cpus=max(1, options.workers), include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    try:
        for window in _batches(pending, RAY_WINDOW):
            data = ray.data.from_items([{"call": json.dumps(c, ensure_ascii=False)} for c in window])
            graded = data.map_batches(_ray_batch, fn_kwargs={"make_inspector": make_inspector}, batch_size=BATCH,
                                      batch_format="numpy")
            for call, row in zip(window, graded.iter_rows()):
                yield call, json.loads(row["result"])
    finally:
        if started:  # a Ray we started ends with the run; a caller's own Ray stays up
            ray.shutdown()
