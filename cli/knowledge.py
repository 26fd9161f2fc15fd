"""Commands over the regulations: import them, search them, review the rulebook drawn from them."""
from __future__ import annotations

import typer

import kefu_terminal as terminal
from cli import WORKSPACE, emit, fail, ready, run_jsonl, services


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
        fail(str(exc))
    if as_json:
        emit(result.model_dump())
    else:
        terminal.print_ingest(result, report)


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
        fail("请提供要搜索的问题，或使用 --jsonl 从标准输入逐行读取。")
    try:
        result = searcher.search(query, k)
    except QueryError as exc:
        fail(str(exc))
    if as_json:
        emit(result.model_dump(exclude_none=True))
    elif not result.relevant:  # weak hits would read as an answer
        typer.echo(result.message)
    else:
        terminal.print_search(result)


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
        fail(f"无法更新规则库：{exc}")
    if as_json:
        emit(rulebook.to_json())
    else:
        terminal.print_rules(rulebook)
