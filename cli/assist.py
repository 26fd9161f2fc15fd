"""Agent-assist commands: check a draft reply, suggest replies to a customer."""
from __future__ import annotations

import sys

import typer

import kefu_terminal as terminal
from cli import WORKSPACE, each, emit, ready, run_jsonl, services

def check(
    text: str = typer.Argument(None, help="The agent's draft reply."),
    as_json: bool = typer.Option(False, "--json", help="Print {text, violations} as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Check one utterance per stdin line."),
    workspace: str = WORKSPACE,
) -> None:
    """Check a draft reply against the service rules (服务禁语, 三要三不)."""
    checker = ready(services(workspace), "checker")
    if jsonl:
        run_jsonl(each(lambda line: checker.check(line).model_dump(mode="json")), "text")
        return
    if text is None:
        raise typer.BadParameter("请提供要检查的话术，或使用 --jsonl 从标准输入逐行读取。")
    result = checker.check(text)
    if as_json:
        emit(result.model_dump(mode="json"))
    else:
        terminal.print_check(result)


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
