"""`kefu workspace …` and `kefu scenario …`: one workspace per organisation, and its own practice scenarios."""
from __future__ import annotations

import typer

from cli import WORKSPACE, emit, fail, services

workspace_app = typer.Typer(no_args_is_help=True, help="List, create and delete workspaces (one per organisation).")


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
        fail(str(exc))
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
        fail(str(exc))
    typer.echo(f"已删除工作区 {name}。")


scenario_app = typer.Typer(no_args_is_help=True, help="A workspace's own practice scenarios (YAML, one per file).")


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
        fail(f"无法读取练习场景文件 {file}：{exc}")
    except yaml.YAMLError:
        fail(f"练习场景文件 {path.name} 不是有效的 YAML，请检查缩进和冒号。")
    except DataError as exc:
        fail(str(exc))
    typer.echo(f"已保存练习场景 {saved}。")


@scenario_app.command("delete")
def scenario_delete(scenario_id: str, workspace: str = WORKSPACE) -> None:
    """Delete one of the workspace's scenarios by id."""
    from simulator.own_scenarios import delete_scenario
    from simulator.persona import DataError

    try:
        delete_scenario(services(workspace).workspace.scenarios_dir, scenario_id)
    except DataError as exc:
        fail(str(exc))
    typer.echo(f"已删除练习场景 {scenario_id}。")
