"""Quality inspection of recorded calls, and synthetic calls to try it on."""
from __future__ import annotations

import typer

import kefu_terminal as terminal
from cli import WORKSPACE, emit, fail, ready, services


def _qa_grader(settings, workspace: str):
    """A workspace's grader, built where it runs (module-level so Ray can ship it to its workers)."""
    from services import build_services

    return build_services(settings, workspace).grader


def qa(
    inputs: list[str] = typer.Argument(..., help="Utterance files (JSONL or CSV): call_id, agent_id, role, text, start_ms?, end_ms?, call_start?"),
    out: str = typer.Option(..., "--out", help="Output dir: calls.jsonl, summary.json, agents.csv, report.html."),
    engine: str = typer.Option("local", "--engine", help="local or ray."),
    workers: int = typer.Option(0, "--workers", help="Worker processes (0: one per CPU)."),
    address: str = typer.Option(None, "--address", help="Ray cluster address (default: a local Ray)."),
    mapping: list[str] = typer.Option(None, "--map", help="Rename a column: old=new (e.g. 发言方=role or 发言方=角色)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    workspace: str = WORKSPACE,
) -> None:
    """Batch quality inspection of recorded calls: grader plus timing rules, per call, agent and rule."""
    import os
    from functools import partial

    from evals.qa.calls import parse_map
    from evals.qa.engine import Options, QAError, run_qa

    built = services(workspace)
    ready(built, "grader")
    try:
        options = Options(engine=engine, workers=workers or os.cpu_count() or 1, address=address,
                          mapping=parse_map(mapping))
        # Locally the warm grader is reused (forked workers inherit it); Ray workers rebuild it.
        grader = (lambda: built.grader) if engine == "local" else partial(_qa_grader, built.workspace.base,
                                                                          built.workspace.name)
        result = run_qa(inputs, out, grader, built.workspace.dir, options, terminal.qa_progress)
    except (QAError, ValueError) as exc:
        fail(str(exc))
    emit(result) if as_json else terminal.print_qa(result, out)


def qa_synth(
    calls: int = typer.Argument(..., help="How many calls to write."),
    out: str = typer.Option(..., "--out", help="File to write: .jsonl or .csv."),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
    untimed: bool = typer.Option(False, "--untimed", help="Leave out start_ms/end_ms."),
) -> None:
    """Write synthetic recorded calls (simulator sessions under scripted agents, timed) for kefu qa."""
    from evals.qa.synth import pool, write

    if calls < 1:
        fail("通话数至少为 1。")
    # A small run needs few distinct sessions (one per quality at least): the pool is what costs time.
    sessions = pool(size=min(60, max(3, calls)), checker=ready(services(), "checker"), seed=seed)
    count = write(out, calls, sessions, seed, not untimed)
    typer.echo(f"已写入 {calls} 通通话、{count} 句发言 → {out}")
