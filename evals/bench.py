"""Benchmarks in one warm process: per-component latency and throughput, and search at 1x/10x/100x corpus.

The bigger corpora are synthetic variants of the cleaned sources (sentences shuffled inside each
paragraph, company names changed), written to a temporary sources dir and ingested into a
temporary data dir with `knowledge.ingest.ingest` in a process of its own (as `kefu ingest` runs
before the app), so queries are timed against a settled store rather than one Chroma is still
indexing in the background of the timing process. Embedding 20,000 passages with the local model
would take far longer than the 5 minutes a bench may run, so the embedding cache of the temporary
data dir is filled beforehand: original passages get their real vectors, variants borrow the
vector of an original passage. Ingest times therefore exclude embedding; the embedding time each
size would need is estimated from the measured per-passage rate and reported beside them.
"""
from __future__ import annotations

import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from core.settings import REPO_ROOT
from evals.runner import Components
from evals.suite import SUITES_DIR, load_suite

Progress = Callable[[int, int, str], None]
SCALES = (1, 10, 100)
QUICK_SCALES = (1, 10)
SEARCH_QUERIES = 20
# Goal from the issue: query latency at 100x no more than twice that at 1x.
GOAL_RATIO = 2.0
_SENTENCE = re.compile(r"(?<=[。；！？])")
_COMPANY = re.compile(r"[\u4e00-\u9fff]{2,4}(?=公司|集团|银行|电器|商城)")
_NAMES = "华信 宏远 东辰 瑞丰 安和 天衡 嘉禾 盛达 长青 明德 永安 同创 恒通 新元 汇丰 博远".split()


def run_bench(components: Components, out_dir: Path | str, quick: bool = False,
              progress: Progress | None = None) -> dict:
    """Measure, then write bench.json and bench.png into `out_dir`; returns what bench.json holds."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    settings = components.settings
    labelled = Path(settings.labelled_dir)
    reps = 1 if quick else 3
    steps = _steps(components, labelled, reps, quick)
    scales = QUICK_SCALES if quick else SCALES
    total = len(steps) + len(scales)
    result: dict = {"machine": _machine(), "quick": quick, "latency": {}, "scaling": []}
    for i, (name, calls) in enumerate(steps, 1):
        if progress:
            progress(i - 1, total, f"bench {name}")
        result["latency"][name] = _timed(calls)
    if components.grader is not None:
        result["qa"] = _qa(components, 500 if quick else 3000)
    queries = [json.loads(line)["query"] for line in _lines(labelled / "search.jsonl")][:SEARCH_QUERIES]
    per_passage = _embed_rate(components)
    for j, scale in enumerate(scales):
        if progress:
            progress(len(steps) + j, total, f"bench corpus {scale}x")
        result["scaling"].append(_scale(components, scale, queries, per_passage))
    base, top = result["scaling"][0], result["scaling"][-1]
    ratio = top["query_p50_ms"] / base["query_p50_ms"] if base["query_p50_ms"] else 0.0
    result["query_ratio"] = round(ratio, 2)
    result["goal"] = (f"query p50 at {top['scale']}x = {ratio:.2f}x that at 1x "
                      f"(goal <= {GOAL_RATIO:g}x): {'met' if ratio <= GOAL_RATIO else 'NOT met'}")
    (out / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    _chart(result, out / "bench.png")
    if progress:
        progress(total, total, "bench done")
    return result


def _machine() -> str:
    return f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _steps(c: Components, labelled: Path, reps: int, quick: bool) -> list[tuple[str, list[Callable]]]:
    """Per component, the calls to time: the labelled inputs, `reps` times over."""
    checks = [json.loads(line)["text"] for line in _lines(labelled / "check.jsonl")]
    lines = [json.loads(line)["text"] for line in _lines(labelled / "scenario.jsonl")]
    queries = [json.loads(line)["query"] for line in _lines(labelled / "search.jsonl")][:10 if quick else SEARCH_QUERIES]
    transcripts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((labelled / "transcripts").glob("*.json"))]
    sessions = load_suite(SUITES_DIR / "simulate.yaml").cases
    # The labelled calls' agent turns are the realistic mix (mostly clean) the cascade's mean is judged on.
    turns = [turn["text"] for t in transcripts for turn in t["turns"] if turn["role"] == "agent"]
    steps = [("check", [lambda t=t: c.checker.check(t) for t in checks] * reps),
             ("check_calls", [lambda t=t: c.checker.check(t) for t in turns] * reps),
             ("search", [lambda q=q: c.searcher.search(q, 5) for q in queries]),
             ("suggest", [lambda t=t: c.suggester.suggest(t) for t in lines] * reps),
             ("grade", [lambda t=t: c.grader.grade(t) for t in transcripts] * reps),
             ("session", [lambda s=s, seed=seed: _session(c, s, seed) for s in sessions for seed in range(reps)])]
    return [(name, calls) for name, calls in steps if getattr(c, _NEEDS[name]) is not None]


_NEEDS = {"check": "checker", "check_calls": "checker", "search": "searcher", "suggest": "suggester", "grade": "grader", "session": "grader"}


def _session(c: Components, case, seed: int):
    """A full simulated call under a scripted trainee, then its grade."""
    from evals.runner import play

    return c.grader.grade(play(case, seed, c))


def _timed(calls: list[Callable]) -> dict:
    samples = []
    started = time.perf_counter()
    for call in calls:
        t = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t) * 1000)
    wall = time.perf_counter() - started
    arr = np.asarray(samples)
    return {"calls": len(samples), "p50_ms": round(float(np.percentile(arr, 50)), 3),
            "p95_ms": round(float(np.percentile(arr, 95)), 3), "p99_ms": round(float(np.percentile(arr, 99)), 3),
            "mean_ms": round(float(arr.mean()), 3), "throughput_per_s": round(len(samples) / wall, 1) if wall else 0.0}


_QA_RUN = """import json, os, resource, sys
from core.settings import Settings
from evals.qa.engine import Options, run_qa
from services import build_services
grader = build_services(Settings.model_validate_json(sys.stdin.read())).grader
summary = run_qa([sys.argv[1]], sys.argv[2], lambda: grader, None, Options(workers=os.cpu_count() or 1))
peak = lambda who: resource.getrusage(who).ru_maxrss // 1024  # kB on Linux
print(json.dumps({**summary, "rss_mb": peak(resource.RUSAGE_SELF), "worker_rss_mb": peak(resource.RUSAGE_CHILDREN)}))
"""


def _qa(c: Components, calls: int) -> dict:
    """Batch QA throughput and peak memory: synthetic timed calls through the local engine, one worker per CPU.

    The run has a process of its own, as `kefu qa` does, so its peak RSS is the engine's and not the bench's
    (which holds the search models); wall time includes that process's start.
    """
    from evals.qa import synth

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "calls.jsonl"
        synth.write(source, calls, synth.pool(max(3, min(60, calls)), checker=c.checker))
        settings = c.settings.model_copy(update={"llm_base_url": None})  # offline, like the rest of the bench
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _QA_RUN, str(source), str(Path(tmp) / "out")], cwd=REPO_ROOT,
                              input=settings.model_dump_json(), capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return {"calls": summary["calls"], "utterances": summary["utterances"], "seconds": summary["seconds"],
            "utterances_per_second": summary["utterances_per_second"], "process_seconds": round(wall, 2),
            "peak_rss_mb": summary["rss_mb"], "worker_peak_rss_mb": summary["worker_rss_mb"]}


def _embed_rate(c: Components) -> float:
    """Seconds the local model needs per passage, measured on a few real passages."""
    from knowledge.embeddings import make_embedder

    texts = [chunk.text for chunk in c.searcher.chunks[:6]]
    inner = make_embedder(c.settings).inner
    started = time.perf_counter()
    inner.embed_passages(texts)
    return (time.perf_counter() - started) / max(len(texts), 1)


def variants(text: str, copy: int) -> str:
    """Copy number `copy` of a cleaned document: sentences shuffled within each line, companies renamed."""
    rng = random.Random(copy)
    names = {}

    def rename(m: re.Match) -> str:
        return names.setdefault(m.group(), _NAMES[(copy + len(names)) % len(_NAMES)] + _NAMES[copy % len(_NAMES)][0])

    out = []
    for line in text.splitlines():
        parts = [p for p in _SENTENCE.split(line) if p]
        if len(parts) > 2 and not line.lstrip().startswith("第"):
            rng.shuffle(parts)
        out.append(_COMPANY.sub(rename, "".join(parts)))
    return "\n".join(out)


def _scale(c: Components, scale: int, queries: list[str], per_passage: float) -> dict:
    """Ingest the corpus grown `scale` times into a temporary data dir and time queries against it."""
    from knowledge.chunks import chunk_document
    from knowledge.clean import clean_sources
    from knowledge.embeddings import CachedEmbedder, make_embedder
    from knowledge.search import Searcher
    from knowledge.store import passage

    root = Path(tempfile.mkdtemp(prefix=f"kefu-bench-{scale}x-"))
    try:
        sources, data = root / "sources", root / "data"
        sources.mkdir()
        docs = clean_sources(Path(c.settings.sources_dir))
        for doc in docs:
            (sources / f"{doc.name}").write_text(doc.text, encoding="utf-8")
            for copy in range(1, scale):
                (sources / f"v{copy:03d}_{doc.name}").write_text(variants(doc.text, copy), encoding="utf-8")
        settings = c.settings.model_copy(update={"data_dir": data, "sources_dir": sources, "chroma_url": None})
        chunks = [chunk for doc in clean_sources(sources) for chunk in chunk_document(doc)]
        real = make_embedder(settings).inner
        CachedEmbedder(_Borrowed(real.name, c.searcher), data / "embeddings").embed_passages([passage(ch) for ch in chunks])
        started = time.perf_counter()
        report = _ingest_elsewhere(settings)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        searcher = Searcher(settings)
        load_s = time.perf_counter() - started
        searcher.search(queries[0])  # warm
        timing = _timed([lambda q=q: searcher.search(q, 5) for q in queries])
        return {"scale": scale, "chunks": report.chunks, "ingest_s": round(ingest_s, 2),
                "embed_s_estimate": round(report.chunks * per_passage, 1), "searcher_load_s": round(load_s, 2),
                "query_p50_ms": timing["p50_ms"], "query_p95_ms": timing["p95_ms"], "queries": timing["calls"]}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _ingest_elsewhere(settings) -> "IngestReport":
    """Run the ingest in a child process with these settings and return its report."""
    from knowledge.ingest import IngestReport

    env = {**os.environ, "KEFU_DATA_DIR": str(settings.data_dir), "KEFU_SOURCES_DIR": str(settings.sources_dir)}
    env.pop("KEFU_CHROMA_URL", None)
    code = "from core.settings import Settings; from knowledge.ingest import ingest; " \
           "print(ingest(Settings.from_env()).model_dump_json())"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          check=True)
    return IngestReport.model_validate_json(done.stdout.strip().splitlines()[-1])


class _Borrowed:
    """Stands in for the local model: an original passage keeps its real vector, a variant borrows one."""

    def __init__(self, name: str, searcher):
        self.name = name
        from knowledge.store import passage

        self.known = {passage(chunk): row for chunk, row in zip(searcher.chunks, searcher.matrix)}
        self.matrix = searcher.matrix

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        rows = [self.known.get(t) if t in self.known else self.matrix[zlib.crc32(t.encode()) % len(self.matrix)]
                for t in texts]
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError("only passages are pre-filled")


def _chart(result: dict, path: Path) -> None:
    """bench.png: component latencies (left) and query latency / ingest time by corpus size (right).

    Labels are English on purpose: the default fonts have no CJK glyphs (they would need fonts-noto-cjk).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    names = list(result["latency"])
    p50 = [result["latency"][n]["p50_ms"] for n in names]
    p95 = [result["latency"][n]["p95_ms"] for n in names]
    x = np.arange(len(names))
    left.bar(x - 0.2, p50, 0.4, label="p50")
    left.bar(x + 0.2, p95, 0.4, label="p95")
    left.set_xticks(x, names)
    left.set_yscale("log")
    left.set_ylabel("latency (ms, log)")
    left.set_title("Latency per call")
    left.legend()
    scales = [row["scale"] for row in result["scaling"]]
    right.plot(scales, [row["query_p50_ms"] for row in result["scaling"]], "o-", label="query p50 (ms)")
    right.plot(scales, [row["query_p95_ms"] for row in result["scaling"]], "o--", label="query p95 (ms)")
    right.set_xscale("log")
    right.set_xticks(scales, [f"{s}x\n{row['chunks']} chunks" for s, row in zip(scales, result["scaling"])])
    right.set_ylabel("query latency (ms)")
    twin = right.twinx()
    twin.bar(scales, [row["ingest_s"] for row in result["scaling"]], width=[s * 0.3 for s in scales], alpha=0.25,
             color="grey", label="ingest (s)")
    twin.set_ylabel("ingest without embedding (s)")
    right.set_title("Search as the corpus grows")
    right.legend(loc="upper left")
    fig.suptitle(f"kefu bench - {result['machine']}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
