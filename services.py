"""Build every kefu service once, on first use, for the app and the CLI."""
from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from core.chat import make_chat_model
from core.llm import ChatModel
from core.settings import REPO_ROOT, Settings
from core.workspace import check_name, open_workspace

# (done, total, what) — how a long job reports how far it got.
ProgressFn = Callable[[int, int, str], None]

SUITES_DIR = REPO_ROOT / "evals" / "suites"


class Services:
    """Every service, built lazily: a CLI command pays only for what it uses, the app warms all.

    Assigning an attribute before its first use replaces that service (e.g. a checker with a
    layer switched off for an eval run).
    """

    def __init__(self, settings: Settings, workspace: str | None = None, root: "Services | None" = None):
        self.root = root or self
        self.base_settings = settings
        self.workspace = open_workspace(settings, workspace)
        # The knowledge layer sees this workspace's data dir, sources and collection.
        self.settings = self.workspace.settings()
        if root is None:
            self._spaces = {self.workspace.name: self}
            self._spaces_lock = threading.Lock()

    def in_workspace(self, name: str | None) -> "Services":
        """The services of another workspace, built once and sharing records and the chat model."""
        root = self.root
        name = check_name(name or root.workspace.name)
        with root._spaces_lock:
            if name not in root._spaces:
                root._spaces[name] = Services(self.base_settings, name, root)
            return root._spaces[name]

    @cached_property
    def chat_model(self) -> ChatModel:
        return make_chat_model(self.settings) if self.root is self else self.root.chat_model

    @cached_property
    def records(self):
        from core.records import Records

        # One database for every workspace: sessions name their workspace.
        return Records(self.base_settings.database_url or self.base_settings.db_path) if self.root is self else self.root.records

    @cached_property
    def rulebook(self):
        """The approved entries only: drafts never power the checker, suggestions or grades."""
        from knowledge.review import approved

        return approved(self.full_rulebook())

    def full_rulebook(self):
        """Every entry with its review status, read fresh (the review view)."""
        from knowledge.review import load_workspace_rulebook

        return load_workspace_rulebook(self.workspace)

    @cached_property
    def searcher(self):
        from knowledge.ingest import ingest
        from knowledge.search import Searcher
        from knowledge.store import StoreError

        try:
            return Searcher(self.settings)
        except StoreError:
            # A store embedded the way an older kefu did is rebuilt from the workspace's own sources, once, here,
            # rather than leaving search broken until someone runs `kefu ingest`; any other store fault stands.
            if ingest(self.settings, if_missing=True).skipped:
                raise
            return Searcher(self.settings)

    @cached_property
    def checker(self):
        from assist.check import Checker
        from assist.verdict import SecondOpinion

        # The embedder powers the cascade's semantic stage, for lines the fast layers are unsure of; a served
        # model, when asked to, gives its second opinion on the lines that stage is still unsure of.
        opinion = SecondOpinion(self.chat_model) if self.settings.check_llm and not self.chat_model.offline else None
        return Checker(self.rulebook, self.settings, embedder=self.embedder, second_opinion=opinion)

    @cached_property
    def embedder(self):
        from knowledge.embeddings import make_embedder

        # One per process: the checker's semantic stage and the scenario detector's vector vote share it.
        return make_embedder(self.settings)

    @cached_property
    def emotion(self):
        from assist.emotion import EmotionReader

        return EmotionReader(self.settings, self.chat_model)

    @cached_property
    def scenarios(self):
        from assist.scenario import ScenarioDetector
        from simulator.own_matcher import OwnMatcher
        from simulator.own_scenarios import load_scenarios

        own = load_scenarios(self.workspace.scenarios_dir)
        return ScenarioDetector(self.settings, self.rulebook, own=OwnMatcher(own) if own else None, emotion=self.emotion,
                                embedder=self.embedder)

    @cached_property
    def suggester(self):
        from assist.suggest import Suggester

        # Offline replies cite rulebook entries directly; only a served model reads search hits,
        # so the offline path never loads the embedding model.
        searcher = None if self.chat_model.offline else self.searcher
        # Replies speak for this workspace's organisation; the demo's sources name several, so none.
        company = None if self.workspace.is_demo else self.workspace.title
        return Suggester(self.rulebook, searcher, self.checker, self.emotion, self.scenarios, self.chat_model,
                         company=company)

    @cached_property
    def grader(self):
        from simulator.grader import Grader
        from simulator.own_scenarios import workspace_catalog

        grader = Grader(self.rulebook, self.checker, self.chat_model, emotion=self.emotion, scenarios=self.scenarios)
        # A call on one of the workspace's own scenarios is graded against that scenario's resolution and rules.
        grader.catalog = workspace_catalog(self.workspace.scenarios_dir)
        return grader

    @cached_property
    def personas(self) -> dict:
        from simulator.persona import load_personas

        return load_personas()

    @property
    def sim_scenarios(self) -> dict:
        """The shipped scenarios and this workspace's own (re-read when one of its files changes)."""
        from simulator.own_scenarios import workspace_catalog

        catalog = workspace_catalog(self.workspace.scenarios_dir)
        if getattr(self.__dict__.get("grader"), "catalog", catalog) is not catalog:
            self.reload_scenarios()  # a file was added or edited by hand: detection and grading follow it
        return catalog.scenarios

    def reload_scenarios(self) -> None:
        """After a workspace scenario is added or deleted: detection and grading know it at once."""
        for name in ("scenarios", "suggester", "grader"):
            self.__dict__.pop(name, None)

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

    def reload_rules(self) -> None:
        """Rebuild what the rulebook powers after a review change, so it applies without a restart."""
        for name in ("rulebook", "checker", "scenarios", "suggester", "grader"):
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

    def suites(self) -> list[tuple[str, str]]:
        """(Chinese title, name) of each suite, for the trainer's checkboxes."""
        from evals.report import suite_title

        return [(suite_title(p), p.stem) for p in sorted(self.directory.glob("*.yaml"))]

    def run(self, suites: list[str], progress: ProgressFn) -> "TrainerReport":
        """Run the chosen suites; the trainer's report compares them with their previous run here."""
        from evals.report import suite_title, trainer_report
        from evals.runner import Components, run_suites
        from evals.suite import load_suite

        loaded = [load_suite(self.directory / f"{name}.yaml") for name in suites]
        results = run_suites(loaded, Components.of(self.services), progress=progress)
        titles = {s.name: suite_title(self.directory / f"{name}.yaml") for s, name in zip(loaded, suites)}
        # The last run is kept per workspace: its rulebook is what the suites measured.
        return trainer_report(results, titles, self.services.workspace.dir / "evals")


def build_services(settings: Settings, workspace: str | None = None) -> Services:
    """The services of a workspace (default settings.workspace), each built on first use."""
    return Services(settings, workspace)
