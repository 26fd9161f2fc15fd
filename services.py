"""Build every kefu service once, for the app and the CLI."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from core.chat import make_chat_model
from core.llm import ChatModel
from core.settings import Settings
from ui.records import Records

log = logging.getLogger(__name__)
SUITES_DIR = Path(__file__).resolve().parent / "evals" / "suites"

# (done, total, what) — how a long job reports how far it got.
ProgressFn = Callable[[int, int, str], None]


class EvalRunner(Protocol):
    """The plug point for the eval suites in the trainer console."""

    def suites(self) -> list[str]:
        """Names of the suites a trainer can run."""

    def run(self, suites: list[str], progress: ProgressFn) -> str:
        """Run the suites and return their report as Markdown."""


@dataclass
class Services:
    """Everything the app needs, built once; a service still being written is None."""

    settings: Settings
    records: Records
    chat_model: ChatModel
    rulebook: Any = None
    searcher: Any = None
    checker: Any = None
    emotion: Any = None
    scenarios: Any = None
    suggester: Any = None
    grader: Any = None
    personas: dict[str, Any] = field(default_factory=dict)
    sim_scenarios: dict[str, Any] = field(default_factory=dict)
    eval_runner: EvalRunner | None = None

    def new_session(self, persona: str, scenario: str, seed: int):
        """A simulated call with this persona and scenario (ids), its mood moved by our checker."""
        from simulator.session import Session

        return Session(self.personas[persona], self.sim_scenarios[scenario], seed, checker=self.checker,
                       chat_model=self.chat_model)

    def reload_search(self) -> None:
        """Rebuild the searcher (and the suggester that holds it) after a re-ingest."""
        self.searcher = _optional("search", lambda: _searcher(self.settings))
        self.suggester = _optional("suggest", lambda: _suggester(self))


class SuiteRunner:
    """The shipped eval suites (evals/suites/*.yaml) run against these services."""

    def __init__(self, services: Services, directory: Path = SUITES_DIR):
        self.services = services
        self.directory = directory

    def suites(self) -> list[str]:
        return sorted(p.stem for p in self.directory.glob("*.yaml"))

    def run(self, suites: list[str], progress: ProgressFn) -> str:
        from evals.report import markdown
        from evals.runner import Components, run_suites
        from evals.suite import load_suite

        loaded = [load_suite(self.directory / f"{name}.yaml") for name in suites]
        return markdown(run_suites(loaded, Components.of(self.services), progress=progress))


def _optional(what: str, build: Callable[[], Any]) -> Any:
    """Build one service; if it cannot be built the app still starts and that part says it is not ready."""
    try:
        return build()
    except Exception:
        log.exception("%s is unavailable", what)
        return None


def _searcher(settings: Settings):
    from knowledge.search import Searcher

    return Searcher(settings)


def _suggester(s: Services):
    from assist.suggest import Suggester

    if None in (s.rulebook, s.searcher, s.checker, s.emotion, s.scenarios):
        return None
    return Suggester(s.rulebook, s.searcher, s.checker, s.emotion, s.scenarios, s.chat_model)


def build_services(settings: Settings) -> Services:
    """Build the rulebook, search, check, emotion, scenarios, suggester, grader, personas and records."""
    s = Services(settings=settings, records=Records(settings.db_path), chat_model=make_chat_model(settings))

    def rulebook():
        from knowledge.rulebook import load_rulebook

        return load_rulebook()

    s.rulebook = _optional("rulebook", rulebook)
    s.searcher = _optional("search", lambda: _searcher(settings))

    def checker():
        from assist.check import Checker

        return Checker(s.rulebook, settings) if s.rulebook is not None else None

    def emotion():
        from assist.emotion import EmotionReader

        return EmotionReader(settings, s.chat_model)

    def scenarios():
        from assist.scenario import ScenarioDetector

        return ScenarioDetector(settings)

    s.checker = _optional("check", checker)
    s.emotion = _optional("emotion", emotion)
    s.scenarios = _optional("scenario", scenarios)
    s.suggester = _optional("suggest", lambda: _suggester(s))

    def grader():
        from simulator.grader import Grader

        return Grader(s.rulebook, s.checker) if s.rulebook is not None and s.checker is not None else None

    def personas():
        from simulator.persona import load_personas

        return load_personas()

    def sim_scenarios():
        from simulator.persona import load_catalog

        return load_catalog().scenarios

    s.grader = _optional("grade", grader)
    s.personas = _optional("personas", personas) or {}
    s.sim_scenarios = _optional("scenarios", sim_scenarios) or {}

    def eval_runner():
        import evals.runner  # noqa: F401  (only to learn whether the eval package is installed)

        return SuiteRunner(s)

    s.eval_runner = _optional("evals", eval_runner)
    return s
