"""create_ui builds the whole app without launching it."""
from __future__ import annotations

import pytest

from app import create_ui
from evals.report import TrainerReport
from services import build_services


@pytest.fixture(scope="module")
def services(built_settings):
    return build_services(built_settings.model_copy(update={"trainer_password": None}))


def texts(demo) -> str:
    return "\n".join(str(c.get("props", {}).get("value", "")) for c in demo.get_config_file()["components"])


def test_named_endpoints_are_exactly_the_four_tools(services):
    demo = create_ui(services)
    assert set(demo.get_api_info()["named_endpoints"]) == {"/check", "/suggest", "/search", "/grade"}


def test_every_service_is_wired(services):
    services.warm()
    for name in ("rulebook", "searcher", "checker", "emotion", "scenarios", "suggester", "grader", "eval_runner"):
        assert getattr(services, name) is not None, name
    assert services.personas and services.sim_scenarios


def test_services_are_built_on_first_use(built_settings):
    fresh = build_services(built_settings)
    fresh.checker
    assert "checker" in vars(fresh) and "searcher" not in vars(fresh)


def test_trainer_tab_says_how_to_set_the_password(services):
    assert "KEFU_TRAINER_PASSWORD" in texts(create_ui(services))


class FakeSuites:
    """A stand-in for the eval package's runner: two suites with Chinese titles, a trainer's report."""

    def suites(self) -> list[tuple[str, str]]:
        return [("检查", "check"), ("评分", "grade")]

    def run(self, suites, progress) -> TrainerReport:
        for n, name in enumerate(suites, 1):
            progress(n, len(suites), name)
        return TrainerReport(summary=f"{len(suites)} 个评测全部通过。",
                             details="| 套件 | 通过 |\n| --- | --- |\n" + "\n".join(f"| {s} | ✓ |" for s in suites))


def test_eval_runner_plugs_into_the_trainer_console(services):
    services.settings = services.settings.model_copy(update={"trainer_password": "x"})
    services.eval_runner = FakeSuites()
    config = create_ui(services).get_config_file()
    choices = [c["props"].get("choices") for c in config["components"] if c["props"].get("elem_id") == "trainer-suites"]
    assert choices and [v for _, v in choices[0]] == ["check", "grade"]
