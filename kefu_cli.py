"""The `kefu` command line: thin wiring, one library call per subcommand."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="kefu 客服: agent assist and training simulator.")


def services(**overrides):
    """The services for the environment's settings (each built on first use)."""
    from core.settings import get_settings
    from services import build_services

    return build_services(get_settings().model_copy(update=overrides))


def emit(obj) -> None:
    """Print one JSON object on one line, Chinese kept readable."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def stdin_batches() -> Iterator[list[str]]:
    """Stdin lines in batches of whatever has arrived: piped input is batched, a typed line is answered at once."""
    stream, pending = sys.stdin.buffer, b""
    while chunk := stream.read1(1 << 16):
        *lines, pending = (pending + chunk).split(b"\n")
        if lines:
            yield [line.decode("utf-8", "replace").rstrip("\r") for line in lines]
    if pending:
        yield [pending.decode("utf-8", "replace").rstrip("\r")]


def each(handle: Callable[[str], dict]) -> Callable[[list[str]], list]:
    """A per-line handler as a batch handler; a failing line becomes its exception."""

    def batch(lines: list[str]) -> list:
        results = []
        for line in lines:
            try:
                results.append(handle(line))
            except Exception as exc:  # one bad line must not end a batch
                results.append(exc)
        return results

    return batch


def run_jsonl(handle_batch: Callable[[list[str]], list], key: str) -> None:
    """One JSON object per stdin line, in order; a bad line yields an error object and the run goes on."""
    for lines in stdin_batches():
        for line, result in zip(lines, handle_batch(lines)):
            if isinstance(result, Exception):
                emit({key: line, "error": str(result) or type(result).__name__})
            else:
                emit(result)


# --- commands: each calls one library function (see ARCHITECTURE.md) ---


@app.command()
def ingest(
    report: bool = typer.Option(False, "--report", help="Print per-file cleaning figures."),
    if_missing: bool = typer.Option(False, "--if-missing", help="Do nothing when the store already holds chunks."),
    force: bool = typer.Option(False, "--force", help="Drop stored chunks and cached embeddings, then rebuild."),
    as_json: bool = typer.Option(False, "--json", help="Print the ingest report as JSON."),
) -> None:
    """Clean, chunk, embed and store the regulations; only changed passages are embedded."""
    from core.settings import get_settings
    from knowledge.ingest import ingest as build
    from knowledge.store import StoreError

    try:
        result = build(get_settings(), force=force, if_missing=if_missing)
    except StoreError as exc:
        _fail(str(exc))
    if as_json:
        emit(result.model_dump())
    else:
        _print_ingest(result, report)


def _print_ingest(result, report: bool) -> None:
    """One summary line, and with --report a table of cleaning figures per source file."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if result.skipped:
        console.print(f"知识库已存在，跳过（{result.store}）。")
        return
    console.print(f"已入库 {result.chunks} 段，新嵌入 {result.embedded} 段，删除旧段 {result.deleted}，"
                  f"用时 {result.seconds:.1f} 秒 → {result.store}")
    if report:
        table = Table("文件", "输入字数", "保留字数", "样板行", "重复块", "替换")
        for row in result.files:
            table.add_row(row["file"], *(str(row[c]) for c in
                          ("chars_in", "chars_kept", "boilerplate_lines", "duplicates_dropped", "substitutions")))
        console.print(table)


@app.command()
def search(
    query: str = typer.Argument(None, help="The question, in Chinese."),
    k: int = typer.Option(5, "-k", "--k", min=1, max=50, help="How many hits."),
    as_json: bool = typer.Option(False, "--json", help='Print {"query", "hits": [{"text", "source", "article", "score"}]}.'),
    jsonl: bool = typer.Option(False, "--jsonl", help="Search one query per stdin line, one JSON object per line."),
) -> None:
    """Search the regulations (BM25 + embeddings, fused) and cite where each hit comes from."""
    from knowledge.search import QueryError
    from knowledge.store import StoreError

    try:
        searcher = services().searcher
    except StoreError as exc:
        _fail(str(exc))
    if jsonl:
        run_jsonl(lambda lines: [r if isinstance(r, Exception) else r.model_dump(exclude_none=True)
                                 for r in searcher.search_many(lines, k)], "query")
        return
    if query is None:
        _fail("请提供要搜索的问题，或使用 --jsonl 从标准输入逐行读取。")
    try:
        result = searcher.search(query, k)
    except QueryError as exc:
        _fail(str(exc))
    if as_json:
        emit(result.model_dump(exclude_none=True))
    else:
        _print_search(result)


def _print_search(result) -> None:
    """Hits as a table: rank, score, passage and its source."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if result.note:
        console.print(f"[yellow]{result.note}[/yellow]")
    table = Table("#", "得分", "条文", "出处", title=f"搜索：{result.query}", show_lines=True)
    for rank, hit in enumerate(result.hits, 1):
        table.add_row(str(rank), f"{hit.score:.4f}", hit.text, f"{hit.source}\n{hit.article}")
    console.print(table)


@app.command()
def check(
    text: str = typer.Argument(None, help="The agent's draft reply."),
    as_json: bool = typer.Option(False, "--json", help="Print {text, violations} as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Check one utterance per stdin line."),
) -> None:
    """Check a draft reply against the service rules (服务禁语, 三要三不)."""
    from knowledge.rulebook import RulebookError

    try:
        checker = services().checker
    except RulebookError as exc:
        _fail(f"无法加载规则库：{exc}")
    if jsonl:
        run_jsonl(each(lambda line: checker.check(line).model_dump(mode="json")), "text")
        return
    if text is None:
        raise typer.BadParameter("请提供要检查的话术，或使用 --jsonl 从标准输入逐行读取。")
    result = checker.check(text)
    if as_json:
        emit(result.model_dump(mode="json"))
    else:
        _print_check(result)


def _print_check(result) -> None:
    """Render a check result for people: the text with marked spans, then one block per violation."""
    from rich.console import Console
    from rich.text import Text

    console = Console()
    marked = Text(result.text)
    for v in result.violations:
        marked.stylize("bold red underline", v.span[0], v.span[1])
    console.print(marked)
    if not result.violations:
        console.print("[green]✓ 未发现违规[/green]")
        return
    for v in result.violations:
        console.print(f"[red]✗ {v.phrase}[/red]  [{v.severity}] {v.category} · {v.rule}")
        console.print(f"  出处：{v.source.file} · {v.source.article}")
        if v.suggestion:
            console.print(f"  建议：{v.suggestion}")



@app.command()
def suggest(
    text: str = typer.Argument(None, help="The customer's last line (or a JSON list of turns)."),
    as_json: bool = typer.Option(False, "--json", help="Print {text, emotion, scenario, suggestions} as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Suggest for one customer line (or JSON turn list) per stdin line."),
) -> None:
    """Suggest up to three compliant replies, each citing the rule behind it."""
    from assist.suggest import parse_turns
    from knowledge.rulebook import RulebookError

    try:
        suggester = services().suggester
    except RulebookError as exc:
        _fail(f"无法加载规则库：{exc}")
    if jsonl:
        run_jsonl(each(lambda line: suggester.suggest(parse_turns(line)).model_dump(mode="json")), "text")
        return
    if text is None:
        raise typer.BadParameter("请提供客户的话，或使用 --jsonl 从标准输入逐行读取。")
    result = suggester.suggest(parse_turns(text))
    if as_json:
        emit(result.model_dump(mode="json"))
    else:
        _print_suggest(result)


def _print_suggest(result) -> None:
    """Emotion and scenario, then each suggested reply with its sources."""
    from rich.console import Console

    console = Console()
    console.print(f"情绪：{result.emotion.name}（{result.emotion.intensity:.2f}）  场景：{result.scenario}")
    if not result.suggestions:
        console.print("[yellow]没有可用的推荐回复。[/yellow]")
    for number, item in enumerate(result.suggestions, 1):
        console.print(f"[bold]{number}. {item.text}[/bold]")
        for source in item.sources:
            console.print(f"   依据：{source.cite()}", style="dim")


def _fail(message: str) -> None:
    """A user error: one clear line on stderr, exit code 2, no traceback."""
    typer.echo(message, err=True)
    raise typer.Exit(2)


def _grading_services():
    """Services whose rulebook is known to load, for simulate and grade."""
    from knowledge.rulebook import RulebookError

    built = services()
    try:
        built.rulebook
    except RulebookError as exc:
        _fail(f"无法加载规则库：{exc}")
    return built


@app.command()
def simulate(
    persona: str = typer.Option(..., "--persona", help="Customer persona id (angry, anxious, confused, …)."),
    scenario: str = typer.Option(None, "--scenario", help="Scenario id or scenario key; random when omitted."),
    seed: int = typer.Option(0, "--seed", help="Random seed: same seed and lines give the same call."),
    agent_script: str = typer.Option(None, "--agent-script", help="File with one trainee line per line."),
    as_json: bool = typer.Option(False, "--json", help="Print the transcript, outcome and grade as JSON."),
) -> None:
    """Role-play a call with a simulated customer, then grade the trainee."""
    from pathlib import Path

    from simulator.persona import DataError
    from simulator.session import Session

    lines = None
    if agent_script is not None:
        try:
            lines = Path(agent_script).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"无法读取话术脚本 {agent_script}：{exc}")
    built = _grading_services()
    try:
        session = Session(persona, scenario, seed, checker=built.checker, chat_model=built.chat_model)
    except DataError as exc:
        _fail(str(exc))
    transcript = session.play(lines) if lines is not None else _interactive(session)
    grade = built.grader.grade(transcript)
    if as_json:
        emit({"persona": transcript.persona, "scenario": transcript.scenario,
              "turns": [t.model_dump(exclude_none=True) for t in transcript.turns],
              "outcome": transcript.outcome, "grade": grade.model_dump(mode="json")})
    else:
        _print_grade(grade)


def _interactive(session):
    """Type trainee lines at a prompt; the customer's mood is shown after every reply."""
    from rich.console import Console

    console = Console()
    console.print(f"[bold]{session.persona.name}[/bold] · {session.scenario.title}（空行结束）")

    def show(turn):
        bar = "█" * round(turn.intensity * 10) + "░" * (10 - round(turn.intensity * 10))
        console.print(f"[cyan]客户[/cyan]：{turn.text}\n  情绪 {turn.emotion} {bar} {turn.intensity:.2f}")

    show(session.opening())
    while not session.done:
        try:
            line = console.input("[green]你[/green]：").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not line:
            break
        show(session.reply(line))
    console.print(f"通话结束：{session.outcome or '未完成'}")
    return session.transcript()


@app.command()
def grade(
    file: str = typer.Argument(..., help='Transcript JSON: {"persona", "turns": [{"role", "text"}], "scenario"?}.'),
    as_json: bool = typer.Option(False, "--json", help="Print the grade as JSON."),
) -> None:
    """Grade a role-play transcript against the service rules, citing them."""
    from simulator.persona import DataError, get_persona
    from simulator.transcript import TranscriptError, load_transcript

    try:
        transcript = load_transcript(file)
        get_persona(transcript.persona)
    except (TranscriptError, DataError) as exc:
        _fail(str(exc))
    result = _grading_services().grader.grade(transcript)
    if as_json:
        emit(result.model_dump(mode="json"))
    else:
        _print_grade(result)


def _print_grade(result) -> None:
    """Score, subscores and one line per finding with its rule and source."""
    from rich.console import Console

    console = Console()
    colour = "green" if result.score >= 80 else "yellow" if result.score >= 60 else "red"
    console.print(f"[bold {colour}]得分 {result.score}[/bold {colour}]  " +
                  "  ".join(f"{k} {v:.0f}" for k, v in result.subscores.items()))
    for f in result.findings:
        cite = f"（{f.rule} · {f.source.file} · {f.source.article}）" if f.source else ""
        console.print(f"  第{f.turn}轮 −{f.points:g} [{f.category}] {f.detail}{cite}")
    console.print(result.summary)


@app.command()
def rules(
    extract: bool = typer.Option(False, "--extract", help="Re-run the extractors over the sources and rewrite "
                                 "knowledge/rulebook.yaml, keeping hand-corrected entries."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole rulebook as JSON."),
) -> None:
    """Show the rulebook (服务禁语, 场景用语, 原则, 流程, 时限, 奖惩), or re-extract it."""
    from core.settings import get_settings
    from knowledge.rulebook import RulebookError, load_rulebook
    from knowledge.rulebook_extract import refresh_rulebook

    try:
        rulebook = refresh_rulebook(get_settings().sources_dir) if extract else load_rulebook()
    except RulebookError as exc:
        _fail(f"无法加载规则库：{exc}")
    if as_json:
        emit(rulebook.to_json())
    else:
        _print_rules(rulebook)


def _print_rules(rulebook) -> None:
    """Entries and hand corrections per section."""
    from rich.console import Console
    from rich.table import Table

    names = {"forbidden_phrases": "服务禁语", "scenario_phrases": "场景用语", "principles": "原则",
             "procedures": "流程", "slas": "时限", "points": "奖惩"}
    table = Table("部分", "条目", "人工校正")
    for section, name in names.items():
        entries = getattr(rulebook, section)
        table.add_row(f"{name} ({section})", str(len(entries)), str(sum(e.hand_corrected for e in entries)))
    Console().print(table)


@app.command("app")
def serve() -> None:
    """Open the web app on 127.0.0.1 (port GRADIO_SERVER_PORT, default 7860), no share link."""
    import app as web  # the module app.py; `app` here is this Typer

    web.main()


@app.command("eval")
def eval_suites(
    suites: list[str] = typer.Argument(..., help="Suite YAML files (or directories of them), e.g. evals/suites/*.yaml."),
    report: str = typer.Option(None, "--report", help="Write metrics.json, report.md and report.html here."),
    compare_to: str = typer.Option(None, "--compare", help="An earlier report directory: list what regressed or improved."),
    workers: int = typer.Option(4, "--workers", min=1, max=64, help="Concurrent cases for LLM-backed suites."),
    disable_layer: list[str] = typer.Option([], "--disable-layer", help="Switch off a check layer (lexicon, patterns, style, model)."),
) -> None:
    """Run eval suites against the components; exit 1 when a threshold fails."""
    from evals.report import compare, write_report
    from evals.runner import run_suites
    from evals.suite import SuiteError, load_suites

    try:
        loaded = load_suites(suites)
    except SuiteError as exc:
        _fail(f"评测套件有误：{exc}")
    results = []
    for backend in ("offline", "llm"):
        group = [s for s in loaded if s.backend == backend]
        if group:
            components = _eval_components(backend, disable_layer)
            results += _with_progress(lambda progress: run_suites(group, components, workers, progress))
    changes = None
    if compare_to:
        try:
            changes = compare(compare_to, results)
        except ValueError as exc:
            _fail(str(exc))
    if report:
        write_report(results, report, changes)
    _print_eval(results, changes, report)
    if not all(r.passed for r in results):
        raise typer.Exit(1)


def _eval_components(backend: str, disable_layer: list[str]):
    """Services for one backend (offline drops any configured LLM), optionally with a check layer switched off."""
    from assist.check import Checker
    from evals.runner import Components

    built = services(llm_base_url=None) if backend == "offline" else services()
    if disable_layer:
        try:
            built.checker = Checker(built.rulebook, built.settings, disabled_layers=set(disable_layer))
        except ValueError as exc:
            _fail(str(exc))
    return Components.of(built)


def _with_progress(run):
    """Call `run(progress)` under a rich progress bar fed by its (done, total, what) callback."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True) as bar:
        task = bar.add_task("评测中", total=None)
        return run(lambda done, total, what: bar.update(task, completed=done, total=total, description=what[:40]))


def _print_eval(results, changes, report_dir) -> None:
    """One line per suite with its thresholds, then what moved since the compared run."""
    from rich.console import Console

    console = Console()
    for r in results:
        status = f"[yellow]跳过：{r.skipped}[/yellow]" if r.skipped else "[green]通过[/green]" if r.passed else "[red]未通过[/red]"
        console.print(f"[bold]{r.name}[/bold] ({r.component}, {len(r.cases)} 例, {r.seconds:g} 秒) {status}")
        for t in r.thresholds:
            mark = "[green]✓[/green]" if t["passed"] else "[red]✗[/red]"
            bound = f"{t['op']} {t['bound']:g}" if "op" in t else ""
            console.print(f"  {mark} {t['metric']} = {t['value']} {bound}")
    for c in changes or []:
        colour = "red" if c.verdict == "regressed" else "green"
        console.print(f"[{colour}]{'退步' if c.verdict == 'regressed' else '进步'} {c.verdict}[/{colour}] {c}")
    if changes is not None and not changes:
        console.print("与上次相比没有指标变化。")
    if report_dir:
        console.print(f"报告：{report_dir}/report.html")


@app.command()
def bench(
    out: str = typer.Option(".kefu/bench", "--out", help="Where to write bench.json and bench.png."),
    quick: bool = typer.Option(False, "--quick", help="Fewer repeats and only the 10x corpus."),
) -> None:
    """Latency and throughput of every component, and search at 1x/10x/100x corpus size."""
    from evals.bench import run_bench
    from evals.runner import Components

    built = services(llm_base_url=None)
    result = _with_progress(lambda progress: run_bench(Components.of(built), out, quick=quick, progress=progress))
    _print_bench(result, out)


def _print_bench(result: dict, out: str) -> None:
    """The latency table and the scaling table."""
    from rich.console import Console
    from rich.table import Table

    table = Table("component", "calls", "p50 ms", "p95 ms", "p99 ms", "per second", title=f"kefu bench ({result['machine']})")
    for name, row in result["latency"].items():
        table.add_row(name, str(row["calls"]), *(f"{row[k]:.3f}" for k in ("p50_ms", "p95_ms", "p99_ms")),
                      f"{row['throughput_per_s']:.1f}")
    scaling = Table("corpus", "chunks", "ingest s", "query p50 ms", "query p95 ms", title="search scaling")
    for row in result["scaling"]:
        scaling.add_row(f"{row['scale']}x", str(row["chunks"]), f"{row['ingest_s']:.1f}",
                        f"{row['query_p50_ms']:.1f}", f"{row['query_p95_ms']:.1f}")
    console = Console()
    console.print(table)
    console.print(scaling)
    console.print(f"{result['goal']}\n→ {out}/bench.json, {out}/bench.png")


if __name__ == "__main__":
    app()
