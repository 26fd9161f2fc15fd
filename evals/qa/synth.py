"""Synthetic recorded calls at any size: simulator sessions under scripted agents of three qualities, timed.

A pool of real simulator sessions (persona × scenario × agent quality) is played once; calls are
then drawn from it with fresh ids, agents, start times and timings, so a million utterances cost
seconds to write. Timings follow the agent's quality: a good agent answers within a few rings, speaks
at 125–155 字/分 and announces holds; a poor one rings long, talks over the caller, goes silent.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from random import Random

from simulator.persona import load_catalog, load_personas
from simulator.session import Session

from core.timefmt import BEIJING
from evals.qa.timing import spoken_chars

QUALITIES = ("good", "middling", "poor")
# Our own scripted agent lines per quality; {name} {order} come from the scenario's hidden facts.
SCRIPTS = {
    "good": ["您好，很高兴为您服务，请问您贵姓？",
             "{name}先生，给您添麻烦了，非常抱歉，我理解您的心情。麻烦您告诉我订单号好吗？",
             "订单号{order}，对吗？请您稍等，我马上为您查询。",
             "{name}先生，已经为您登记处理，24小时内给您回复处理结果。请问还有其他问题吗？",
             "感谢您的来电，祝您生活愉快，再见。"],
    "middling": ["您好，请问有什么可以帮您？",
                 "嗯，这个情况知道了，订单号多少？",
                 "好的，我们会尽快处理的。",
                 "还有别的事吗？"],
    "poor": ["喂，说话。",
             "这不是我们的问题，你自己没看清楚。",
             "你等着吧，我也没办法。",
             "不知道，你问别人去。"],
}
# (low, high) per quality: pickup seconds, agent 字/分, reply gap seconds, chance of talking over, of a silent hold.
TIMING = {"good": ((2, 9), (125, 155), (0.4, 2.0), 0.0, 0.0),
          "middling": ((4, 14), (110, 170), (1.0, 7.0), 0.1, 0.1),
          "poor": ((8, 25), (95, 195), (2.0, 14.0), 0.35, 0.3)}
WEIGHTS = (0.5, 0.3, 0.2)


def pool(size: int = 60, checker=None, seed: int = 0) -> dict[str, list[list[dict]]]:
    """Played sessions per quality, each a list of {role, text} turns."""
    personas, scenarios = sorted(load_personas()), sorted(load_catalog().scenarios)
    rng, out = Random(seed), {q: [] for q in QUALITIES}
    for k in range(size):
        quality = QUALITIES[k % 3]
        session = Session(rng.choice(personas), rng.choice(scenarios), seed=k, checker=checker)
        facts = {"name": "", "order": "", **session.scenario.facts}
        transcript = session.play(line.format_map(facts) for line in SCRIPTS[quality])
        out[quality].append([{"role": t.role, "text": t.text} for t in transcript.turns])
    return out


def calls(n: int, sessions: dict[str, list[list[dict]]], seed: int = 0, timed: bool = True,
          agents: int | None = None) -> Iterator[list[dict]]:
    """`n` calls, each its utterance rows {call_id, agent_id, role, text, start_ms?, end_ms?, call_start}."""
    rng = Random(seed)
    agents = agents or max(3, n // 40)
    quality_of = [rng.choices(QUALITIES, WEIGHTS)[0] for _ in range(agents)]
    day0 = datetime(2026, 11, 2, 8, tzinfo=BEIJING)
    for i in range(n):
        a = rng.randrange(agents)
        quality = quality_of[a]
        turns = rng.choice(sessions[quality])
        start = day0 + timedelta(days=rng.randrange(14), seconds=rng.randrange(12 * 3600))
        head = {"call_id": f"C{seed}-{i:07d}", "agent_id": f"A{a:04d}", "call_start": start.isoformat()}
        times = _times(turns, TIMING[quality], rng) if timed else [(None, None)] * len(turns)
        yield [{**head, "role": t["role"], "text": t["text"], "start_ms": s, "end_ms": e}
               for t, (s, e) in zip(turns, times)]


def _times(turns: list[dict], profile, rng: Random) -> list[tuple[int, int]]:
    """Start and end (ms from ringing) of each turn under a quality's timing profile."""
    pickup, rate, gap, overlap, silent = profile
    clock, out = rng.uniform(*pickup) * 1000, []
    for k, t in enumerate(turns):
        agent = t["role"] == "agent"
        cpm = rng.uniform(*rate) if agent else rng.uniform(150, 230)
        length = max(1, spoken_chars(t["text"])) / cpm * 60000
        if k:
            wait = rng.uniform(*gap) if agent else rng.uniform(0.3, 1.5)
            if agent and rng.random() < overlap:
                wait = -min(2.5, length / 2000)
            if agent and rng.random() < silent:
                wait = rng.uniform(65, 120)
            clock = max(out[-1][0] + 200, clock + wait * 1000)
        out.append((round(clock), round(clock + length)))
        clock += length
    return out


def write(path: Path | str, n: int, sessions, seed: int = 0, timed: bool = True) -> int:
    """Write `n` calls to JSONL (or CSV when the name ends in .csv); returns the utterance count."""
    path, count = Path(path), 0
    fields = ["call_id", "agent_id", "role", "text", "start_ms", "end_ms", "call_start"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields) if path.suffix.lower() == ".csv" else None
        if writer:
            writer.writeheader()
        for rows in calls(n, sessions, seed, timed):
            for row in rows:
                count += 1
                writer.writerow(row) if writer else f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count
