"""Shared simulator fixtures: the real rulebook, checker, emotion reader and grader, built once."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def sim_settings(tmp_path_factory):
    from core.settings import Settings

    return Settings(data_dir=tmp_path_factory.mktemp("sim-data"))


@pytest.fixture(scope="session")
def rulebook():
    from knowledge.rulebook import load_rulebook

    return load_rulebook()


@pytest.fixture(scope="session")
def checker(rulebook, sim_settings):
    from assist.check import Checker

    return Checker(rulebook, sim_settings)


@pytest.fixture(scope="session")
def grader(rulebook, checker, sim_settings):
    from assist.emotion import EmotionReader
    from simulator.grader import Grader

    return Grader(rulebook, checker, emotion=EmotionReader(sim_settings))
