"""Measurement commands: eval suites, the benchmark, the served-model eval, labelled regulations."""
from __future__ import annotations

import typer

import kefu_terminal as terminal
from cli import WORKSPACE, emit, fail, ingested, services


def eval_suites(
    suites: list[str] = typer.Argument(..., help="Suite YAML files (or directories of them), e.g. evals/suites/*.yaml."),
    report: str = typer.Option(None, "--report", help="Write metrics.json, report.md and report.html here."),
    compare_to: str = typer.Option(None, "--compare", help="An earlier report directory: list what regressed or improved."),
    workers: int = typer.Option(4, "--workers", min=1, max=64, help="Concurrent cases for LLM-backed suites."),
    disable_layer: list[str] = typer.Option([], "--disable-layer", help="Switch off a check layer (lexicon, patterns, style, model)."),
    workspace: str = WORKSPACE,
) -> None:
    """Run eval suites against the components; exit 1 when a threshold fails."""
    from evals.report import compare, write_report
    from evals.runner import run_suites
    from evals.suite import SuiteError, load_suites

    try:
        loaded = load_suites(suites)
    except SuiteError as exc:
        fail(f"评测套件有误：{exc}")
    results = []
    for backend in ("offline", "llm"):
        group = [s for s in loaded if s.backend == backend]
        if group:
            components = _eval_components(backend, group, disable_layer, workspace)
            results += terminal.with_progress(lambda progress: run_suites(group, components, workers, progress))
    changes = None
    if compare_to:
        try:
            changes = compare(compare_to, results)
        except ValueError as exc:
            fail(str(exc))
    if report:
        write_report(results, report, changes)
    terminal.print_eval(results, changes, report)
    if not all(r.passed for r in results):
        raise typer.Exit(1)


def _eval_components(backend: str, suites: list, disable_layer: list[str], workspace: str | None):
    """Services for one backend (offline drops any configured LLM), optionally with a check layer switched off."""
    from assist.check import Checker
    from evals.runner import Components
    from knowledge.embeddings import make_embedder

    built = services(workspace, llm_base_url=None) if backend == "offline" else services(workspace)
    if any(suite.component == "search" for suite in suites):
        ingested(built)
    if disable_layer:
        try:
            # The same cascade as `services.checker` (learned stage included), with only that layer off.
            built.checker = Checker(built.rulebook, built.settings, disabled_layers=set(disable_layer),
                                    embedder=make_embedder(built.settings))
        except ValueError as exc:
            fail(str(exc))
    return Components.of(built)


def bench(
    out: str = typer.Option(".kefu/bench", "--out", help="Where to write bench.json and bench.png."),
    quick: bool = typer.Option(False, "--quick", help="Fewer repeats and only the 10x corpus."),
) -> None:
    """Latency and throughput of every component, and search at 1x/10x/100x corpus size."""
    from evals.bench import run_bench
    from evals.runner import Components

    built = services(llm_base_url=None)
    ingested(built)
    result = terminal.with_progress(lambda progress: run_bench(Components.of(built), out, quick=quick, progress=progress))
    terminal.print_bench(result, out)


def eval_served(
    lines: int = typer.Option(50, "--lines", min=1, help="Customer lines to suggest replies for."),
    calls: int = typer.Option(10, "--calls", min=1, help="Scripted calls from evals/suites/simulate.yaml (two seeds each)."),
    transcripts: int = typer.Option(32, "--transcripts", min=1, help="Labelled transcripts to grade."),
    repeats: int = typer.Option(3, "--repeats", min=1, help="Gradings of each of the first --repeated transcripts."),
    repeated: int = typer.Option(5, "--repeated", min=0, help="How many transcripts are graded --repeats times."),
    out: str = typer.Option(".kefu/reports/served.json", "--out", help="Where to write the figures."),
) -> None:
    """Measure the served-model path (caller, judge, suggestions, the check's second opinion) against offline; needs KEFU_LLM_BASE_URL."""
    from evals.served import run_served

    built = services()
    if built.chat_model.offline:
        fail("请先设置 KEFU_LLM_BASE_URL（模型服务地址）；make llm-eval 会启动本地模型。")
    run_served(built, lines, calls, transcripts, repeats, repeated, out, show=emit)


def eval_regulations(
    folder: str = typer.Argument("evals/data/regulations/test", help="A labelled folder: documents, answers.json, "
                                 "paraphrases.jsonl, questions.jsonl."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures per document as JSON."),
) -> None:
    """Import each labelled regulation into a fresh workspace and measure extraction, check and search on it."""
    import tempfile
    from pathlib import Path

    from evals.regulations import measure_folder

    if not (Path(folder) / "answers.json").is_file():
        fail(f"{folder} 不是标注好的规范文件夹（缺少 answers.json）。")
    with tempfile.TemporaryDirectory() as scratch:
        from core.settings import get_settings

        try:
            result = measure_folder(get_settings().model_copy(update={"data_dir": Path(scratch)}), Path(folder))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # UnicodeDecodeError and JSON errors too
            fail(f"{folder} 的标注文件（answers.json、paraphrases.jsonl、questions.jsonl）无法读取：{exc}")
    if as_json:
        emit(result)
    else:
        terminal.print_regulations(result)
