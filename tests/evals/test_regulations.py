"""Another centre's regulations, imported as a trainer would: held-out documents in four formats and domains.

Nothing in kefu is tuned on evals/data/regulations/test; these tests hold the published floor.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.settings import Settings
from evals.regulations import cites, measure_folder

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = ROOT / "evals" / "data" / "regulations" / "test"
# A second held-out folder, written blind (its README): the labeller read no kefu code and no regulation of ours.
BLIND = ROOT / "evals" / "data" / "regulations" / "test2"
# The first test builds four workspaces (ingest, embeddings, the check cascade): minutes on a busy machine.
pytestmark = pytest.mark.timeout(900)


@pytest.mark.parametrize("article, gold, ok", [
    ("第四章 争议处理 > 第十二条", "第十二条", True),
    ("第四章 争议处理 > 第十一条", "第十二条", False),
    ("二、服务用语 > (三)服务忌语", "二、（三）", True),
    ("5 业务处理时限 > 5.1 故障报修", "5.1", True),
    ("5 业务处理时限 > 5.2 携号转网", "5.1", False),
])
def test_citation_matching(article, gold, ok):
    assert cites(article, gold) is ok


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    return measure_folder(Settings(data_dir=tmp_path_factory.mktemp("regs")), HELD_OUT)["documents"]


def test_four_formats_import_cleanly(figures):
    assert sorted(Path(d["document"]).suffix for d in figures) == [".docx", ".html", ".md", ".txt"]
    assert all(d["errors"] == [] for d in figures)


# Regression floors just below today's measured figures. The bar is 0.9 everywhere and junk ≤ 5 %;
# on 2026-12-06 (again after the dev-set layout fixes) the telecom handbook stays at points 0.889 and junk
# 0.103, the water utility's prescribed lines at 0.909, and the held-out folder is not tuned on, so the
# floors say where it stands rather than hide it. After the second dev round (three harder dev documents) every
# forbidden phrase of every held-out document is still found and cited (1.0), so those two floors sit at 0.95.
# After the third dev round (one run on the held-out folder): SLAs 0.929 at the lowest, points and junk unchanged.
# After the fourth dev round (customer-worded questions; one run on the held-out folder): extraction unchanged.
# Tenth session (Markdown handbook dev round; one run): telecom junk 0.089 → 0.056, the rest unchanged.
# Fifteenth session (four dev rounds; one run on the final code): extraction unchanged; the telecom handbook
# leaves one question unanswered (search article@1 and answered 1.0 → 0.944).
@pytest.mark.parametrize("metric, floor", [("forbidden_recall", 0.95), ("forbidden_cited", 0.95), ("slas_recall", 0.92),
                                           ("points_recall", 0.88), ("prescribed_recall", 0.9)])
def test_extraction_finds_nearly_all_of_every_document(figures, metric, floor):
    assert {d["document"]: d[metric] for d in figures if d[metric] < floor} == {}


def test_little_junk_and_no_prescribed_line_flagged(figures):
    assert all(d["junk_rate"] <= 0.07 for d in figures), [(d["document"], d["junk"]) for d in figures]
    assert sum(d["prescribed_flagged"] for d in figures) == 0


def test_search_cites_the_article(figures):
    # 0.932 measured after the fourth dev round (bank 0.9, telecom 0.944, water 1.0, e-commerce 0.882); 0.919 before.
    # Eighteenth session: a refused question counts as a miss (it shows no article), and the telecom handbook's
    # refused one, ranked right, no longer counts: 0.918 (telecom 0.889).
    assert sum(d["search_article_at_1"] for d in figures) / len(figures) >= 0.91
    # Each miss is listed with the article it should cite and the one cited first, for a trainer to read.
    assert all({"query", "article", "cited"} <= set(m) for d in figures for m in d["search_missed"])
    assert all((not d["search_missed"]) == (d["search_article_at_1"] == 1.0) for d in figures)


def test_search_answers_its_questions_and_refuses_unrelated_ones(figures):
    # The relevance threshold was set on the dev folders and the unanswerable file's train/dev splits.
    assert sum(d["search_answered"] for d in figures) / len(figures) >= 0.98  # 0.986 measured (fourth dev round)
    assert all(d["search_refused"] >= 0.96 for d in figures)  # 1.0 measured on all four


# Measured once, 2026-12-06, the day it was written (tenth session): insurance .docx forbidden 0.692 (cited 0.615),
# points 0.889, junk 0.047; gas .pdf points 0.917, search 0.75; courier .html points 0.875, search 0.905; every
# other extraction figure 1.0. Far below the first folder: strangers write regulations our dev set does not
# cover yet. Floors just below the figures, so a regression shows; the bar is 0.9.
# Eleventh session (extraction fixed on five blind-written dev documents; run once): insurance .docx forbidden
# 1.0 (cited 0.923), junk 0.021; every other figure unchanged.
BLIND_FLOORS = {"forbidden_recall": 0.95, "forbidden_cited": 0.9, "slas_recall": 0.95, "points_recall": 0.85,
                "prescribed_recall": 0.95, "check_recall": 0.95}
# A third held-out folder, written blind in the fifteenth session (an airline .docx, a hospital .md, a heating
# company's GB18030 .txt) and measured once, on that session's final code: forbidden phrases 1.0 and cited 1.0
# everywhere, SLAs 0.909 / 0.9 / 1.0, points 1.0 / 1.0 / 0.9, prescribed lines 1.0, junk 0.068 / 0 / 0.025, check
# 0.955 / 1.0 / 1.0 with no compliant line flagged, search 0.941 / 1.0 / 1.0. Floors just below.
# Sixteenth session, on its final code (a second run): junk 0.047 / 0 / 0.025, every other figure unchanged.
THIRD_FLOORS = {"forbidden_recall": 0.95, "forbidden_cited": 0.95, "slas_recall": 0.89, "points_recall": 0.88,
                "prescribed_recall": 0.95, "check_recall": 0.95}
# A fourth held-out folder, written blind in the sixteenth session (a rural bank's text .pdf, a mobile operator's
# .html, a fresh-grocery platform's GBK .txt), measured once on that session's final code: every extraction figure
# 1.0, junk 0, check 0.95 / 1.0 / 0.833 with no compliant line flagged, search 1.0 / 1.0 / 0.882. Floors just below.
FOURTH_FLOORS = {"forbidden_recall": 0.95, "forbidden_cited": 0.95, "slas_recall": 0.95, "points_recall": 0.95,
                 "prescribed_recall": 0.95, "check_recall": 0.8}
# A fifth, written blind at the end of the sixteenth session (a property manager's .docx, a car maker's owner-service
# .md, a gas utility's GB18030 .txt), measured once on the same final code: forbidden phrases, SLAs and prescribed
# lines 1.0, points 0.917 / 0.833 / 1.0, junk 0 / 0.026 / 0, check 1.0 everywhere with 0 / 0.067 / 0 compliant lines
# flagged, search 0.944 / 1.0 / 0.882. Floors just below.
FIFTH_FLOORS = {"forbidden_recall": 0.95, "forbidden_cited": 0.95, "slas_recall": 0.95, "points_recall": 0.8,
                "prescribed_recall": 0.95, "check_recall": 0.95}
# A sixth, written blind at the start of the seventeenth session (a securities broker's text .pdf, a video-streaming
# membership's .html, a city transit card company's .docx) and measured once, on that session's final code: every
# extraction figure 1.0, junk 0 / 0.081 / 0, check 0.9 / 1.0 / 0.944 with 0.125 / 0 / 0 compliant lines flagged (one
# near-miss line of eight), search 0.647 / 0.941 / 0.882. Floors just below.
SIXTH_FLOORS = {"forbidden_recall": 0.95, "forbidden_cited": 0.95, "slas_recall": 0.95, "points_recall": 0.95,
                "prescribed_recall": 0.95, "check_recall": 0.85}

# A seventh, written blind at the start of the eighteenth session (a heating company's GB18030 .txt, an online travel
# agency's .md, a consumer-electronics after-sales .docx) and measured once, on that session's final code: forbidden
# phrases drafted and cited 1.0 / 1.0 / 0.778, SLAs, points and prescribed lines 1.0, junk 0 / 0.049 / 0, check 0.9 /
# 1.0 / 1.0 with no compliant line flagged, search 0.882 / 0.941 / 0.941. Floors just below.
# Nineteenth session, on its final code (a second run): check 0.95 / 1.0 / 1.0, junk 0 / 0.025 / 0, the rest unchanged.
SEVENTH_FLOORS = {"forbidden_recall": 0.75, "forbidden_cited": 0.75, "slas_recall": 0.95, "points_recall": 0.95,
                  "prescribed_recall": 0.95, "check_recall": 0.85}
# An eighth, written blind at the start of the nineteenth session (a consumer-finance company's .docx, an enterprise
# IoT and dedicated-line telecom handbook in .md, a battery-swap network's GB18030 .txt) and measured once, on that
# session's final code: every extraction figure 1.0, junk 0, check 0.95 / 1.0 / 0.95 with 0 / 0.091 / 0.067 compliant
# lines flagged (near-miss lines), search 1.0 / 1.0 / 0.889. Floors just below.
EIGHTH_FLOORS = {"forbidden_recall": 0.95, "forbidden_cited": 0.95, "slas_recall": 0.95, "points_recall": 0.95,
                 "prescribed_recall": 0.95, "check_recall": 0.9}
# A ninth, written blind late in the nineteenth session (a bank's wealth-management hotline text .pdf, a water utility's
# .html, an e-commerce marketplace's seller-support .docx) and measured once, on that session's final code: forbidden
# phrases and cited 1.0, SLAs 1.0 / 1.0 / 0.9, points and prescribed lines 1.0, junk 0.025 / 0 / 0, check 0.9 / 0.95 /
# 0.9 with 0.333 / 0.043 / 0.067 compliant lines flagged and 2 of the folder's own prescribed lines flagged (short of
# the bar of none: the gate allows those two, so a third shows), search 1.0 everywhere. Floors just below.
NINTH_FLOORS = {"forbidden_recall": 0.95, "forbidden_cited": 0.95, "slas_recall": 0.85, "points_recall": 0.95,
                "prescribed_recall": 0.95, "check_recall": 0.85}


# Per folder: the formats, the floors, the most junk, the most compliant lines flagged, the least mean article@1, and
# how many of its own prescribed lines may be flagged (none but where a first run found some).
@pytest.mark.parametrize(("folder", "formats", "floors", "junk", "flagged", "search", "prescribed"), [
    (BLIND, [".docx", ".html", ".pdf"], BLIND_FLOORS, 0.05, 0.05, 0.88, 0),
    (ROOT / "evals" / "data" / "regulations" / "test3", [".docx", ".md", ".txt"], THIRD_FLOORS, 0.05, 0.05, 0.95, 0),
    (ROOT / "evals" / "data" / "regulations" / "test4", [".html", ".pdf", ".txt"], FOURTH_FLOORS, 0.02, 0.05, 0.95, 0),
    # (0.067 compliant lines flagged on test5's car maker: one near-miss line of fifteen.)
    (ROOT / "evals" / "data" / "regulations" / "test5", [".docx", ".md", ".txt"], FIFTH_FLOORS, 0.04, 0.07, 0.93, 0),
    (ROOT / "evals" / "data" / "regulations" / "test6", [".docx", ".html", ".pdf"], SIXTH_FLOORS, 0.09, 0.13, 0.8, 0),
    (ROOT / "evals" / "data" / "regulations" / "test7", [".docx", ".md", ".txt"], SEVENTH_FLOORS, 0.06, 0.02, 0.9, 0),
    (ROOT / "evals" / "data" / "regulations" / "test8", [".docx", ".md", ".txt"], EIGHTH_FLOORS, 0.02, 0.1, 0.95, 0),
    (ROOT / "evals" / "data" / "regulations" / "test9", [".docx", ".html", ".pdf"], NINTH_FLOORS, 0.03, 0.34, 0.95, 2),
])
def test_blind_folder_holds_its_floors(tmp_path, folder, formats, floors, junk, flagged, search, prescribed):
    figures = measure_folder(Settings(data_dir=tmp_path), folder)["documents"]
    assert sorted(Path(d["document"]).suffix for d in figures) == formats
    low = {(d["document"], m): d[m] for d in figures for m, floor in floors.items() if d[m] < floor}
    assert low == {}
    assert all(d["junk_rate"] <= junk and d["check_false_positive_rate"] <= flagged for d in figures)
    assert sum(d["prescribed_flagged"] for d in figures) <= prescribed
    assert sum(d["search_article_at_1"] for d in figures) / len(figures) >= search


def test_cli_refuses_a_folder_without_answers(tmp_path):
    done = subprocess.run([sys.executable, "-m", "cli", "eval-regulations", str(tmp_path), "--json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "answers.json" in done.stderr and "Traceback" not in done.stderr
