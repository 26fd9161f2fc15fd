"""The `kefu` command line: thin wiring, one library call per subcommand."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="kefu 客服: agent assist and training simulator.")


def emit(obj) -> None:
    """Print one JSON object on one line, Chinese kept readable."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run_jsonl(handle: Callable[[str], dict], key: str) -> None:
    """Answer one stdin line at a time; a bad line yields an error object and the run goes on."""
    for raw in sys.stdin:
        line = raw.rstrip("\n")
        try:
            emit(handle(line))
        except Exception as exc:  # one bad line must not end a batch
            emit({key: line, "error": str(exc) or type(exc).__name__})


# --- commands: each calls one library function (see ARCHITECTURE.md) ---


@app.command()
def check(
    text: str = typer.Argument(None, help="The agent's draft reply."),
    as_json: bool = typer.Option(False, "--json", help="Print {text, violations} as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Check one utterance per stdin line."),
) -> None:
    """Check a draft reply against the service rules (服务禁语, 三要三不)."""
    from assist.check import Checker
    from core.settings import get_settings
    from knowledge.rulebook import RulebookError, load_rulebook

    try:
        checker = Checker(load_rulebook(), get_settings())
    except RulebookError as exc:
        raise typer.BadParameter(f"无法加载规则库：{exc}") from None
    if jsonl:
        run_jsonl(lambda line: checker.check(line).model_dump(mode="json"), "text")
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



@app.command("app")
def serve() -> None:
    """Open the web app on 127.0.0.1 (port GRADIO_SERVER_PORT, default 7860), no share link."""
    import app as web  # the module app.py; `app` here is this Typer

    web.main()


if __name__ == "__main__":
    app()
