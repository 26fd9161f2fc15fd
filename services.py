"""Build every kefu service once, on first use, for the app and the CLI."""
from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from core.chat import make_chat_model
from core.llm import ChatModel
from core.settings import REPO_ROOT, Settings

# (done, total, what) — how a long job reports how far it got.
ProgressFn = Callable[[int, int, str], None]

SUITES_DIR = REPO_ROOT / "evals" / "suites"


class Services:
    """Every service, built lazily: a CLI command pays only for what it uses, the app warms all.

    Assigning an attribute before its first use replaces that service (e.g. a checker with a
    layer switched off for an eval run).
    """

    def __init__(self, settings: Settings):
        self.settings = settings

    @cached_property
    def chat_model(self) -> ChatModel:
        return make_chat_model(self.settings)

    @cached_property
    def records(self):
        from ui.records import Records

        return Records(self.settings.db_path)

    @cached_property
    def rulebook(self):
        from knowledge.rulebook import load_rulebook

        return load_rulebook()

    @cached_property
    def searcher(self):
        from knowledge.search import Searcher

        return Searcher(self.settings)

    @cached_property
    def checker(self):
        from assist.check import Checker

        return Checker(self.rulebook, self.settings)

    @cached_property
    def emotion(self):
        from assist.emotion import EmotionReader

        return EmotionReader(self.settings, self.chat_model)

    @cached_property
    def scenarios(self):
        from assist.scenario import ScenarioDetector

        return ScenarioDetector(self.settings, self.rulebook)

    @cached_property
    def suggester(self):
        from assist.suggest import Suggester

        # Offline replies cite rulebook entries directly; only a served model reads search hits,
        # so the offline path never loads the embedding model.
        searcher = None if self.chat_model.offline else self.searcher
        return Suggester(self.rulebook, searcher, self.checker, self.emotion, self.scenarios, self.chat_model)

    @cached_property
    def grader(self):
        from simulator.grader import Grader

        return Grader(self.rulebook, self.checker, self.chat_model, emotion=self.emotion, scenarios=self.scenarios)

    @cached_property
    def personas(self) -> dict:
        from simulator.persona import load_personas

        return load_personas()

    @cached_property
    def sim_scenarios(self) -> dict:
        from simulator.persona import load_catalog

        return load_catalog().scenarios

    @cached_property
    def eval_runner(self) -> "SuiteRunner":
        return SuiteRunner(self)

    def new_session(self, persona: str, scenario: str, seed: int):
        """A simulated call with this persona and scenario (ids), its mood moved by our checker."""
        from simulator.session import Session

        return Session(self.personas[persona], self.sim_scenarios[scenario], seed, checker=self.checker,
                       chat_model=self.chat_model)

    def reload_search(self) -> None:
        """Forget the searcher (and the suggester that may hold it) after a re-ingest."""
        for name in ("searcher", "suggester"):
            self.__dict__.pop(name, None)

    def warm(self) -> "Services":
        """Build everything now, so the app's first request is as fast as the rest."""
        for name in ("records", "searcher", "suggester", "grader", "personas", "sim_scenarios"):
            getattr(self, name)
        return self


class SuiteRunner:
    """The shipped eval suites (evals/suites/*.yaml) run against these services (the trainer console)."""

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


def build_services(settings: Settings) -> Services:
    """The services for these settings (each built on first use)."""
    return Services(settings)
