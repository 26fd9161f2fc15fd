"""`kefu eval` end to end: the shipped suites offline, the HTML report in a real browser, and a
deliberately broken check that must fail and be named by --compare."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SUITES = sorted(str(p) for p in (ROOT / "evals" / "suites").glob("*.yaml"))
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def kefu(settings, *args):
    """Run the CLI in its own process over the session's ingested data dir, offline."""
    env = {**os.environ, "KEFU_DATA_DIR": str(settings.data_dir)}
    env.pop("KEFU_LLM_BASE_URL", None)
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def shipped(built_settings, tmp_path_factory):
    """One `kefu eval` over every shipped suite, with its report directory."""
    report = tmp_path_factory.mktemp("eval-report")
    run = kefu(built_settings, "eval", *SUITES, "--report", str(report))
    return run, report


def test_shipped_suites_pass_offline(shipped):
    run, report = shipped
    doc = json.loads((report / "metrics.json").read_text(encoding="utf-8"))
    failing = {name: [t for t in s["thresholds"] if not t["passed"]] or s["skipped"]
               for name, s in doc["suites"].items() if not s["passed"]}
    assert run.returncode == 0 and doc["passed"], failing or run.stderr[-2000:]
    assert set(doc["suites"]) == {yaml.safe_load(Path(p).read_text(encoding="utf-8"))["name"] for p in SUITES}
    assert (report / "report.md").read_text(encoding="utf-8").startswith("# kefu eval report")


def test_report_is_self_contained_and_escaped(shipped):
    _, report = shipped
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<link" not in html
    assert html.count("<svg") >= 6


def test_report_charts_render_in_chromium(shipped, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import sync_playwright

    _, report = shipped
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto((report / "report.html").as_uri())
            charts = page.locator("svg.chart")
            assert charts.count() >= 6
            for i in range(charts.count()):
                chart = charts.nth(i)
                chart.scroll_into_view_if_needed()
                assert chart.is_visible()
                box = chart.bounding_box()
                assert box and box["width"] > 100 and box["height"] > 50
            assert page.locator("svg.chart rect.cell").count() > 0      # confusion matrices
            assert page.locator("svg.chart circle.dot").count() > 0     # scores against labels
            assert page.locator("svg.chart rect.bar").count() > 0       # histograms and bars
            page.screenshot(path=str(tmp_path / "eval_report.png"), full_page=True)
            assert (tmp_path / "eval_report.png").stat().st_size > 10_000
        finally:
            browser.close()


def test_broken_check_fails_and_compare_names_the_regression(built_settings, tmp_path):
    """Thresholds pinned at what the full checker scores; without its lexicon it must fall below them."""
    baseline = tmp_path / "baseline"
    run = kefu(built_settings, "eval", str(ROOT / "evals" / "suites" / "check.yaml"), "--report", str(baseline))
    recall = json.loads((baseline / "metrics.json").read_text(encoding="utf-8"))["suites"]["check-test"]["metrics"]["recall"]
    suite = yaml.safe_load((ROOT / "evals" / "suites" / "check.yaml").read_text(encoding="utf-8"))
    suite["cases"] = str(ROOT / "evals" / "data" / "check.jsonl")
    suite["thresholds"] = {"recall": f">= {recall}"}
    pinned = tmp_path / "pinned.yaml"
    pinned.write_text(yaml.safe_dump(suite, allow_unicode=True), encoding="utf-8")

    full = kefu(built_settings, "eval", str(pinned))
    assert full.returncode == 0, full.stdout + full.stderr
    broken = kefu(built_settings, "eval", str(pinned), "--disable-layer", "lexicon", "--compare", str(baseline))
    assert broken.returncode == 1, broken.stdout + broken.stderr
    regressed = [line for line in broken.stdout.splitlines() if "regressed" in line]
    assert any("check-test · recall:" in line for line in regressed), broken.stdout


def test_unknown_layer_and_bad_suite_get_a_message(built_settings, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ncomponent: check\ncases: nowhere.jsonl\n", encoding="utf-8")
    run = kefu(built_settings, "eval", str(bad))
    assert run.returncode == 2 and f"{bad}:3:" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("args", [
    ["eval", str(ROOT / "evals" / "suites" / "search.yaml"), "--report"],
    ["bench", "--quick", "--out"],
])
def test_an_empty_store_is_a_message_not_zero_scores(tmp_path, args):
    """Before the first ingest, search figures of 0.0 (or a ZeroDivisionError) would mislead a trainer."""
    from core.settings import Settings

    run = kefu(Settings(data_dir=tmp_path / "never-ingested"), *args, str(tmp_path / "out"))
    assert run.returncode == 2 and "知识库为空" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()
