"""Fixtures shared by every test package."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
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


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory):
    """Settings whose data dir holds the real sources, ingested once for the whole session."""
    from core.settings import Settings
    from knowledge.ingest import ingest

    settings = Settings(data_dir=tmp_path_factory.mktemp("kefu-data"))
    ingest(settings)
    return settings


@pytest.fixture(scope="session")
def searcher(built_settings):
    """A warm searcher over the session's ingested store."""
    from knowledge.search import Searcher

    return Searcher(built_settings)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def chroma_url(tmp_path_factory):
    """URL of a real `chroma run` server on a free loopback port, stopped afterwards."""
    tmp_path = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    chroma = Path(sys.executable).parent / "chroma"
    log = open(tmp_path / "chroma.log", "wb")
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"chroma server did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
