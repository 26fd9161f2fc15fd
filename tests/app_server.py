"""Start the real kefu app in a subprocess on a free loopback port (shared by the app and browser tests)."""
from __future__ import annotations

from contextlib import contextmanager

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]
TRAINER_PASSWORD = "培训-test-口令"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


_warmed: set[Path] = set()


def warm(settings) -> Path:
    """Build every service once in the ingested data dir, so the models they train are cached there
    and each app process copied from it starts in seconds."""
    if settings.data_dir not in _warmed:
        from services import build_services

        build_services(settings).warm()
        _warmed.add(settings.data_dir)
    return settings.data_dir


class AppServer:
    """`python app.py` with its own data dir (a copy of an ingested one), stopped or killed by the test."""

    def __init__(self, data_dir: Path, built_dir: Path | None = None, password: str | None = TRAINER_PASSWORD,
                 extra_env: dict[str, str] | None = None):
        if built_dir is not None:
            shutil.copytree(built_dir, data_dir, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("kefu.sqlite3*"))
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        self.db_path = data_dir / "kefu.sqlite3"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = data_dir / "app.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFU_", "GRADIO_"))}
        env.update(KEFU_DATA_DIR=str(data_dir), GRADIO_SERVER_PORT=str(self.port), GRADIO_ANALYTICS_ENABLED="False",
                   PYTHONUNBUFFERED="1")
        if password:
            env["KEFU_TRAINER_PASSWORD"] = password
        env.update(extra_env or {})
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                                        stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = 90) -> "AppServer":
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(self.url + "/gradio_api/info", timeout=2).close()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"app did not start:\n{self.log()}")
                time.sleep(0.2)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, as when the machine loses power."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


def percentile95(timings: list[float]) -> float:
    """The 95th percentile of a handful of timings, interpolated between the two slowest: the default method of
    `statistics.quantiles` extrapolates past the slowest on a small sample (8 timings: 0.55 of the gap above it)."""
    return statistics.quantiles(timings, n=20, method="inclusive")[-1]


def screenshot(page, tmp_dir: Path, name: str) -> Path:
    """Save a full-page screenshot to the test's tmp dir and a copy for people in .kefu/screenshots."""
    path = tmp_dir / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    keep = ROOT / ".kefu" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, keep / path.name)
    return path


# What people must never read: snake_case keys, rule ids, file names of stored sources, hashes, metric keys.
INTERNAL = {
    "snake_case key": re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"),
    "rule id": re.compile(r"\b(?:pr|sp|fp|sla|pt)-[\w-]+"),
    "file name": re.compile(r"\b[\w-]+\.(?:txt|ya?ml|jsonl?)\b", re.IGNORECASE),
    "hex hash": re.compile(r"\b[0-9a-f]{12,}\b"),
    "metric key": re.compile(r"\b(?:recall|precision|accuracy|macro_f1|latency\w*|mae|f1)\b"),
}


def internal_keys(text: str) -> dict[str, list[str]]:
    """Every internal key a person would read in `text`, by kind (empty when there is none)."""
    return {kind: found for kind, pattern in INTERNAL.items() if (found := pattern.findall(text))}


def open_tab(page, name: str) -> None:
    """Open a top-level tab; a phone shows the last tabs under the "more" menu."""
    tab = page.get_by_role("tab", name=name)
    if tab.is_visible():
        tab.click()
    else:
        page.click(".overflow-menu button[aria-label]")
        page.locator(".overflow-dropdown button", has_text=name).click()


def textbox(page, elem_id: str):
    """The editable field inside a gr.Textbox with that elem_id."""
    return page.locator(f"#{elem_id} textarea, #{elem_id} input").first


@contextmanager
def open_app(browser, server, viewport: dict, ready: str):
    """A fresh browser context (its own Gradio session) on the app; any JS dialog fails the test."""
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url)
    page.wait_for_selector(ready)
    yield page
    context.close()
    assert not dialogs, f"a script ran in the page: {dialogs}"


# The practice chat's messages. Gradio nests a .message in each bubble: the outer one is marked with the
# speaker. While an event that outputs to the chat runs, Gradio adds a bot bubble of loading dots
# (role=status): not a message.
PENDING = "#practice-chat [role=status]"
BUBBLE = f"#practice-chat .message.bot:not(:has({PENDING})), #practice-chat .message.user"
BUBBLES = f"document.querySelectorAll('{BUBBLE}').length"
CARD_SHOWN = "document.querySelector('#practice-scorecard').innerText.includes('评分：')"
