"""The `kefu` command line: thin wiring, one library call per subcommand."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator

import typer

import kefu_terminal as terminal


def usage_message(exc: typer.TyperException) -> str:
    """Typer's English usage errors, said in Chinese (its own detail kept for the option or value it names).

    Typer vendors Click privately, so the error kinds are told apart by class name, not imported."""
    kinds = {cls.__name__ for cls in type(exc).__mro__}
    ctx, param = getattr(exc, "ctx", None), getattr(exc, "param", None)
    name = getattr(exc, "option_name", None) or (param.opts[0] if param is not None and param.opts else "")
    if "NoSuchOption" in kinds:
        said = f"没有选项 {name}"
    elif "MissingParameter" in kinds:
        said = f"缺少参数 {name}".rstrip()
    elif "BadParameter" in kinds:
        # A check raised in the command body names no parameter: its own Chinese message says it all.
        said = f"参数 {name} 的值无效（{exc.message}）" if name else exc.message.rstrip("。")
    elif "BadOptionUsage" in kinds:
        said = f"选项 {name} 用法有误（{exc.message}）"
    else:
        said = f"用法有误（{getattr(exc, 'message', exc)}）"
    return f"{said}。运行 {ctx.command_path if ctx else 'kefu'} --help 查看用法。"


class Commands(typer.core.TyperGroup):
    """The command group, with usage errors in Chinese instead of an English box."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except typer.Abort:
            typer.echo("已取消。", err=True)
            sys.exit(1)
        except typer.TyperException as exc:
            if "NoArgsIsHelpError" in {cls.__name__ for cls in type(exc).__mro__}:
                typer.echo(exc.ctx.get_help())
                sys.exit(0)
            typer.echo(usage_message(exc), err=True)
            sys.exit(getattr(exc, "exit_code", 2))
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(cls=Commands, add_completion=False, no_args_is_help=True,
                  help="kefu 客服: agent assist and training simulator.")


# Every command that reads the rules takes the same option.
WORKSPACE = typer.Option(None, "--workspace", "-w", help="Workspace (default: KEFU_WORKSPACE, else demo).")
# The provenance of answers no model takes part in (check runs on our own rules and classifier).
OFFLINE = {"backend": "offline"}


def services(workspace: str | None = None, **overrides):
    """The services of a workspace for the environment's settings (each built on first use)."""
    from core.settings import get_settings
    from core.workspace import WorkspaceError
    from services import build_services

    try:
        return build_services(get_settings().model_copy(update=overrides), workspace)
    except WorkspaceError as exc:
        _fail(str(exc))


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
    files: list[str] = typer.Argument(None, help="Regulation files or folders to import into the workspace first."),
    workspace: str = WORKSPACE,
    report: bool = typer.Option(False, "--report", help="Print per-file cleaning figures."),
    if_missing: bool = typer.Option(False, "--if-missing", help="Do nothing when the store already holds chunks."),
    force: bool = typer.Option(False, "--force", help="Drop stored chunks and cached embeddings, then rebuild."),
    as_json: bool = typer.Option(False, "--json", help="Print the ingest report as JSON."),
) -> None:
    """Import files, then clean, chunk, embed and store the regulations and draft the rulebook."""
    from pathlib import Path

    from knowledge.ingest import ingest_workspace
    from knowledge.store import StoreError

    built = services(workspace)
    try:
        result = ingest_workspace(built.workspace, [Path(f) for f in files or []], force=force, if_missing=if_missing,
                                  chat_model=None if built.chat_model.offline else built.chat_model)
    except (StoreError, ValueError) as exc:
        _fail(str(exc))
    if as_json:
        emit(result.model_dump())
    else:
        terminal.print_ingest(result, report)


@app.command()
def search(
    query: str = typer.Argument(None, help="The question, in Chinese."),
    k: int = typer.Option(5, "-k", "--k", min=1, max=50, help="How many hits."),
    as_json: bool = typer.Option(False, "--json", help='Print {"query", "relevant", "message"?, "hits": [{"text", "source", '
                                 '"article", "score", "answer"?, "conflicts"}]}.'),
    jsonl: bool = typer.Option(False, "--jsonl", help="Search one query per stdin line, one JSON object per line."),
    workspace: str = WORKSPACE,
) -> None:
    """Search the regulations (BM25 + embeddings, fused) and cite where each hit comes from."""
    from knowledge.search import QueryError

    searcher = ready(services(workspace), "searcher")
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
    elif not result.relevant:  # weak hits would read as an answer
        typer.echo(result.message)
    else:
        terminal.print_search(result)


@app.command()
def check(
    text: str = typer.Argument(None, help="The agent's draft reply."),
    as_json: bool = typer.Option(False, "--json", help="Print {text, violations} as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Check one utterance per stdin line."),
    workspace: str = WORKSPACE,
) -> None:
    """Check a draft reply against the service rules (服务禁语, 三要三不)."""
    checker = ready(services(workspace), "checker")
    if jsonl:
        run_jsonl(each(lambda line: {**checker.check(line).model_dump(mode="json"), **OFFLINE}), "text")
        return
    if text is None:
        raise typer.BadParameter("请提供要检查的话术，或使用 --jsonl 从标准输入逐行读取。")
    result = checker.check(text)
    if as_json:
        emit({**result.model_dump(mode="json"), **OFFLINE})
    else:
        terminal.print_check(result)


@app.command()
def suggest(
    text: str = typer.Argument(None, help="The customer's last line (or a JSON list of turns)."),
    as_json: bool = typer.Option(False, "--json", help="Print {text, emotion, scenario, suggestions} as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Suggest for one customer line (or JSON turn list) per stdin line."),
    stream: bool = typer.Option(False, "--stream", help="Print a served model's text as it arrives, then the checked replies."),
    workspace: str = WORKSPACE,
) -> None:
    """Suggest up to three compliant replies, each citing the rule behind it."""
    from assist.suggest import parse_turns

    suggester = ready(services(workspace), "suggester")
    if jsonl:
        run_jsonl(each(lambda line: suggester.suggest(parse_turns(line)).model_dump(mode="json")), "text")
        return
    if text is None:
        raise typer.BadParameter("请提供客户的话，或使用 --jsonl 从标准输入逐行读取。")
    result = _streamed(suggester, parse_turns(text), as_json) if stream else suggester.suggest(parse_turns(text))
    if as_json:
        emit(result.model_dump(mode="json"))
    else:
        terminal.print_suggest(result)


def _streamed(suggester, turns, as_json: bool):
    """Echo the model's text as it arrives (to stderr under --json, so stdout stays one JSON line); return the result."""
    out, printed, result = sys.stderr if as_json else sys.stdout, False, None
    for item in suggester.stream(turns):
        if isinstance(item, str):
            out.write(item)
            out.flush()
            printed = True
        else:
            result = item
    if printed:
        out.write("\n—— 检查后的建议 ——\n")
        out.flush()
    return result


def _fail(message: str) -> None:
    """A user error: one clear line on stderr, exit code 2, no traceback."""
    typer.echo(message, err=True)
    raise typer.Exit(2)


def ready(built, name: str):
    """One service of `built`; a rulebook or store that does not load is a clear message, not a traceback."""
    from knowledge.rulebook import RulebookError
    from knowledge.store import StoreError

    try:
        return getattr(built, name)
    except RulebookError as exc:
        _fail(f"无法加载规则库：{exc}")
    except StoreError as exc:
        _fail(str(exc))


def ingested(built) -> None:
    """Measuring search on a store never ingested would report zeros (or divide by them): say so instead."""
    if not ready(built, "searcher").chunks:
        _fail("知识库为空：请先运行 kefu ingest（make run 会自动构建）。")


@app.command()
def simulate(
    persona: str = typer.Option(..., "--persona", help="Customer persona id (angry, anxious, confused, …)."),
    scenario: str = typer.Option(None, "--scenario", help="Scenario id or scenario key; random when omitted."),
    seed: int = typer.Option(0, "--seed", help="Random seed: same seed and lines give the same call."),
    agent_script: str = typer.Option(None, "--agent-script", help="File with one trainee line per line."),
    as_json: bool = typer.Option(False, "--json", help="Print the transcript, outcome and grade as JSON."),
    workspace: str = WORKSPACE,
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
    built = services(workspace)
    checker = ready(built, "checker")
    try:
        # The workspace's own scenarios play by id as well.
        session = Session(persona, built.sim_scenarios.get(scenario, scenario), seed, checker=checker,
                          chat_model=built.chat_model)
    except DataError as exc:
        _fail(str(exc))
    transcript = session.play(lines) if lines is not None else terminal.interactive(session)
    grade = built.grader.grade(transcript)
    if as_json:
        # Where the caller's lines came from; the grade says where its own judgement came from.
        customer, spoken = session.customer, sum(t.role == "customer" for t in transcript.turns)
        origin = {"backend": "offline" if customer.llm_failures >= spoken else built.chat_model.backend}
        if customer.llm_failures:
            origin["fallback"] = f"{customer.fallback}，{customer.llm_failures}句客户台词已改用离线题库"
        emit({"persona": transcript.persona, "scenario": transcript.scenario,
              "turns": [t.model_dump(exclude_none=True) for t in transcript.turns],
              "outcome": transcript.outcome, "grade": grade.model_dump(mode="json"), **origin})
    else:
        terminal.print_grade(grade)


@app.command()
def grade(
    file: str = typer.Argument(..., help='Transcript JSON: {"persona", "turns": [{"role", "text"}], "scenario"?}.'),
    as_json: bool = typer.Option(False, "--json", help="Print the grade as JSON."),
    workspace: str = WORKSPACE,
) -> None:
    """Grade a role-play transcript against the service rules, citing them."""
    from simulator.persona import DataError, get_persona
    from simulator.transcript import TranscriptError, load_transcript

    try:
        transcript = load_transcript(file)
        get_persona(transcript.persona)
    except (TranscriptError, DataError) as exc:
        _fail(str(exc))
    result = ready(services(workspace), "grader").grade(transcript)
    if as_json:
        emit(result.model_dump(mode="json"))
    else:
        terminal.print_grade(result)


@app.command()
def rules(
    extract: bool = typer.Option(False, "--extract", help="Re-run the extractors over the workspace's sources; new "
                                 "entries are drafts, reviewed ones are kept (the packaged seed is never rewritten)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole rulebook as JSON, with status and evidence."),
    approve: list[str] = typer.Option([], "--approve", help="Approve entries by id, or 'all' drafts."),
    reject: list[str] = typer.Option([], "--reject", help="Reject entries by id."),
    by: str = typer.Option("命令行", "--by", help="Who made the change (kept in the version history)."),
    workspace: str = WORKSPACE,
) -> None:
    """Show the rulebook (服务禁语, 场景用语, 原则, 流程, 时限, 奖惩), review it, or re-extract it."""
    from knowledge.review import ReviewError, set_status
    from knowledge.rulebook import RulebookError

    built = services(workspace)
    try:
        if extract:
            from knowledge.ingest import redraft

            redraft(built.workspace, None if built.chat_model.offline else built.chat_model)
        for ids, status in ((approve, "approved"), (reject, "rejected")):
            if ids:
                version = set_status(built.workspace, ids, status, by)
                if not as_json:
                    typer.echo(f"已保存第 {version.version} 版：{version.action}", err=True)
        rulebook = built.full_rulebook()
    except (RulebookError, ReviewError, ValueError) as exc:
        _fail(f"无法更新规则库：{exc}")
    if as_json:
        emit(rulebook.to_json())
    else:
        terminal.print_rules(rulebook)


workspace_app = typer.Typer(no_args_is_help=True, help="List, create and delete workspaces (one per organisation).")
app.add_typer(workspace_app, name="workspace")


@workspace_app.command("list")
def workspace_list(as_json: bool = typer.Option(False, "--json", help="Print [{name, title}] as JSON.")) -> None:
    """Every workspace, the demo first."""
    from core.settings import get_settings
    from core.workspace import list_workspaces

    found = [{"name": w.name, "title": w.title} for w in list_workspaces(get_settings())]
    if as_json:
        emit({"workspaces": found})
    else:
        for w in found:
            typer.echo(f"{w['name']}\t{w['title']}")


@workspace_app.command("create")
def workspace_create(name: str, title: str = typer.Option(None, "--title", help="The organisation's name, for people.")) -> None:
    """Create an empty workspace; then `kefu ingest --workspace NAME FILES…`."""
    from core.settings import get_settings
    from core.workspace import WorkspaceError, create_workspace

    try:
        created = create_workspace(get_settings(), name, title)
    except WorkspaceError as exc:
        _fail(str(exc))
    typer.echo(f"已创建工作区 {created.name}。下一步：kefu ingest --workspace {created.name} 规范文件…")


@workspace_app.command("delete")
def workspace_delete(name: str, yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation.")) -> None:
    """Delete a workspace with its sources, store and rulebook (trainee records are kept)."""
    from core.settings import get_settings
    from core.workspace import WorkspaceError, delete_workspace

    if not yes and not typer.confirm(f"确定删除工作区 {name} 及其全部文档和规则吗？"):
        raise typer.Exit(1)
    try:
        delete_workspace(get_settings(), name)
    except WorkspaceError as exc:
        _fail(str(exc))
    typer.echo(f"已删除工作区 {name}。")


scenario_app = typer.Typer(no_args_is_help=True, help="A workspace's own practice scenarios (YAML, one per file).")
app.add_typer(scenario_app, name="scenario")


@scenario_app.command("list")
def scenario_list(as_json: bool = typer.Option(False, "--json", help="Print {scenarios, problems} as JSON."),
                  workspace: str = WORKSPACE) -> None:
    """The workspace's own scenarios; a file that cannot be read is named on stderr."""
    from simulator.own_scenarios import read_scenarios

    specs, problems = read_scenarios(services(workspace).workspace.scenarios_dir)
    if as_json:
        emit({"scenarios": [s.model_dump() for s in specs], "problems": problems})
        return
    for problem in problems:
        typer.echo(problem, err=True)
    for s in specs:
        typer.echo(f"{s.id}\t{s.title}\t{s.persona}\t{'、'.join(s.assigned_to)}")


@scenario_app.command("add")
def scenario_add(file: str = typer.Argument(..., help="A scenario YAML file (see README)."),
                 workspace: str = WORKSPACE) -> None:
    """Add (or replace, by its id) one scenario from a YAML file."""
    from pathlib import Path

    import yaml

    from simulator.own_scenarios import parse_scenario, save_scenario
    from simulator.persona import DataError

    path = Path(file)
    try:
        saved = save_scenario(services(workspace).workspace.scenarios_dir,
                              parse_scenario(yaml.safe_load(path.read_text(encoding="utf-8")), path.name))
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"无法读取练习场景文件 {file}：{exc}")
    except yaml.YAMLError:
        _fail(f"练习场景文件 {path.name} 不是有效的 YAML，请检查缩进和冒号。")
    except DataError as exc:
        _fail(str(exc))
    typer.echo(f"已保存练习场景 {saved}。")


@scenario_app.command("delete")
def scenario_delete(scenario_id: str, workspace: str = WORKSPACE) -> None:
    """Delete one of the workspace's scenarios by id."""
    from simulator.own_scenarios import delete_scenario
    from simulator.persona import DataError

    try:
        delete_scenario(services(workspace).workspace.scenarios_dir, scenario_id)
    except DataError as exc:
        _fail(str(exc))
    typer.echo(f"已删除练习场景 {scenario_id}。")


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
    workspace: str = WORKSPACE,
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
            components = _eval_components(backend, group, disable_layer, workspace)
            results += terminal.with_progress(lambda progress: run_suites(group, components, workers, progress))
    changes = None
    if compare_to:
        try:
            changes = compare(compare_to, results)
        except ValueError as exc:
            _fail(str(exc))
    if report:
        write_report(results, report, changes)
    terminal.print_eval(results, changes, report)
    if not all(r.passed for r in results):
        raise typer.Exit(1)


def _eval_components(backend: str, suites: list, disable_layer: list[str], workspace: str | None):
    """Services for one backend (offline drops any configured LLM), optionally with a check layer switched off."""
    from assist.check import Checker
    from evals.runner import Components

    built = services(workspace, llm_base_url=None) if backend == "offline" else services(workspace)
    if any(suite.component == "search" for suite in suites):
        ingested(built)
    if disable_layer:
        try:
            built.checker = Checker(built.rulebook, built.settings, disabled_layers=set(disable_layer))
        except ValueError as exc:
            _fail(str(exc))
    return Components.of(built)


def _qa_grader(settings, workspace: str):
    """A workspace's grader, built where it runs (module-level so Ray can ship it to its workers)."""
    from services import build_services

    return build_services(settings, workspace).grader


@app.command()
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
        _fail(str(exc))
    emit(result) if as_json else terminal.print_qa(result, out)


@app.command("qa-synth")
def qa_synth(
    calls: int = typer.Argument(..., help="How many calls to write."),
    out: str = typer.Option(..., "--out", help="File to write: .jsonl or .csv."),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
    untimed: bool = typer.Option(False, "--untimed", help="Leave out start_ms/end_ms."),
) -> None:
    """Write synthetic recorded calls (simulator sessions under scripted agents, timed) for kefu qa."""
    from evals.qa.synth import pool, write

    if calls < 1:
        _fail("通话数至少为 1。")
    # A small run needs few distinct sessions (one per quality at least): the pool is what costs time.
    sessions = pool(size=min(60, max(3, calls)), checker=ready(services(), "checker"), seed=seed)
    count = write(out, calls, sessions, seed, not untimed)
    typer.echo(f"已写入 {calls} 通通话、{count} 句发言 → {out}")


@app.command()
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


@app.command("eval-served")
def eval_served(
    lines: int = typer.Option(50, "--lines", min=1, help="Customer lines to suggest replies for."),
    calls: int = typer.Option(10, "--calls", min=1, help="Scripted calls from evals/suites/simulate.yaml (two seeds each)."),
    transcripts: int = typer.Option(32, "--transcripts", min=1, help="Labelled transcripts to grade."),
    repeats: int = typer.Option(3, "--repeats", min=1, help="Gradings of each of the first --repeated transcripts."),
    repeated: int = typer.Option(5, "--repeated", min=0, help="How many transcripts are graded --repeats times."),
    out: str = typer.Option(".kefu/reports/served.json", "--out", help="Where to write the figures."),
) -> None:
    """Measure the served-model path (caller, judge, suggestions) against offline; needs KEFU_LLM_BASE_URL."""
    from evals.served import run_served

    built = services()
    if built.chat_model.offline:
        _fail("请先设置 KEFU_LLM_BASE_URL（模型服务地址）；make llm-eval 会启动本地模型。")
    run_served(built, lines, calls, transcripts, repeats, repeated, out, show=emit)


@app.command("eval-regulations")
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
        _fail(f"{folder} 不是标注好的规范文件夹（缺少 answers.json）。")
    with tempfile.TemporaryDirectory() as scratch:
        from core.settings import get_settings

        try:
            result = measure_folder(get_settings().model_copy(update={"data_dir": Path(scratch)}), Path(folder))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # UnicodeDecodeError and JSON errors too
            _fail(f"{folder} 的标注文件（answers.json、paraphrases.jsonl、questions.jsonl）无法读取：{exc}")
    if as_json:
        emit(result)
    else:
        terminal.print_regulations(result)


if __name__ == "__main__":
    app()
