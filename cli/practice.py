"""Training commands: role-play a call, grade a transcript, open the web app."""
from __future__ import annotations

import typer

import kefu_terminal as terminal
from cli import WORKSPACE, emit, fail, ready, services


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
            fail(f"无法读取话术脚本 {agent_script}：{exc}")
    built = services(workspace)
    checker = ready(built, "checker")
    try:
        # The workspace's own scenarios play by id as well.
        session = Session(persona, built.sim_scenarios.get(scenario, scenario), seed, checker=checker,
                          chat_model=built.chat_model)
    except DataError as exc:
        fail(str(exc))
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
        fail(str(exc))
    result = ready(services(workspace), "grader").grade(transcript)
    if as_json:
        emit(result.model_dump(mode="json"))
    else:
        terminal.print_grade(result)


def serve() -> None:
    """Open the web app on 127.0.0.1 (port GRADIO_SERVER_PORT, default 7860), no share link."""
    import app as web  # the module app.py, not the CLI's Typer app

    web.main()
