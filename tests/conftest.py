"""Fixtures shared by every test package."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The loopback OpenAI-compatible server lives beside the core tests; tests/core is not a package.
sys.path.insert(0, str(Path(__file__).parent / "core"))
from openai_server import OpenAIServer  # noqa: E402


@pytest.fixture
def openai_server():
    """A running OpenAI-compatible server on 127.0.0.1 with scripted replies and fault injection."""
    server = OpenAIServer().start()
    yield server
    server.stop()
