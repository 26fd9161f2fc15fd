"""The `kefu` command line: thin wiring, one library call per subcommand.

This module holds the Typer app and what every command shares; the commands live in one module per
domain noun and are registered at the bottom, in the order `kefu --help` lists them."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator

import typer


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


def services(workspace: str | None = None, **overrides):
    """The services of a workspace for the environment's settings (each built on first use)."""
    from core.settings import get_settings
    from core.workspace import WorkspaceError
    from services import build_services

    try:
        return build_services(get_settings().model_copy(update=overrides), workspace)
    except WorkspaceError as exc:
        fail(str(exc))


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


def fail(message: str) -> None:
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
        fail(f"无法加载规则库：{exc}")
    except StoreError as exc:
        fail(str(exc))


def ingested(built) -> None:
    """Measuring search on a store never ingested would report zeros (or divide by them): say so instead."""
    if not ready(built, "searcher").chunks:
        fail("知识库为空：请先运行 kefu ingest（make run 会自动构建）。")


# The command modules use the helpers above, so they are imported only now.
from cli import assist, evals, knowledge, practice, qa, workspaces  # noqa: E402

# Each calls one library function (see ARCHITECTURE.md); `kefu --help` lists them in this order.
app.command()(knowledge.ingest)
app.command()(knowledge.search)
app.command()(assist.check)
app.command()(assist.suggest)
app.command()(practice.simulate)
app.command()(practice.grade)
app.command()(knowledge.rules)
app.command("app")(practice.serve)
app.command("eval")(evals.eval_suites)
app.command()(qa.qa)
app.command("qa-synth")(qa.qa_synth)
app.command()(evals.bench)
app.command("eval-served")(evals.eval_served)
app.command("eval-regulations")(evals.eval_regulations)
app.add_typer(workspaces.workspace_app, name="workspace")
app.add_typer(workspaces.scenario_app, name="scenario")
