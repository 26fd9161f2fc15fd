"""Fixtures shared by every test package."""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

# The loopback OpenAI-compatible server lives beside the core tests; tests/core is not a package.
sys.path.insert(0, str(Path(__file__).parent / "core"))
from openai_server import OpenAIServer  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def trained_models():
    """The check's models, trained once before any test. On a cold machine that takes about two minutes
    (every labelled line is embedded), longer than a test of the `kefu` command waits for its answer."""
    subprocess.run([sys.executable, "-m", "cli", "check", "您好"], cwd=Path(__file__).parent.parent,
                   capture_output=True, timeout=1200, check=False)


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


# --- a real PostgreSQL from Debian's binaries, for the records tests and the two-process app test ---

BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))


@pytest.fixture(scope="module")
def postgres():
    """(run, url) of a throwaway PostgreSQL server on a free loopback port, trusting local connections."""
    if not BINARIES:
        pytest.skip("PostgreSQL not found under /usr/lib/postgresql: install Debian's postgresql package")
    bin_dir = BINARIES[-1].parent
    # initdb refuses to run as root; the unprivileged postgres user (Debian's package creates it) owns the server.
    user = None
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres").pw_name
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run the server as")
    # Not tmp_path: pytest's tmp dirs are private to root, and the server's user must reach its directory.
    root = Path(tempfile.mkdtemp(prefix="kefu-pg-"))
    if user:
        shutil.chown(root, user)
    port = _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([str(bin_dir / args[0]), *args[1:]], user=user, cwd=root, capture_output=True, text=True)
        if done.returncode:
            log = (root / "server.log").read_text() if (root / "server.log").exists() else ""
            pytest.fail(f"{args[0]} failed: {done.stderr}{log[-2000:]}")

    run("initdb", "-D", str(root / "data"), "-U", "kefu", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")
    run("pg_ctl", "-D", str(root / "data"), "-l", str(root / "server.log"), "-w", "start", "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200")
    try:
        yield run, f"postgresql://kefu@127.0.0.1:{port}"
    finally:
        run("pg_ctl", "-D", str(root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def database_url(postgres):
    """A fresh, empty database of its own for each test."""
    run, server = postgres
    name = "kefu_" + uuid.uuid4().hex[:12]
    run("createdb", "-h", "127.0.0.1", "-p", server.rsplit(":", 1)[1], "-U", "kefu", name)
    return f"{server}/{name}"
