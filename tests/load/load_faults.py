"""Bounded fault load on the REST API (127.0.0.1 only): ordinary check traffic while hostile clients misbehave.

Hostile clients hold half-sent requests open (slowloris), announce 10 MB bodies, send broken JSON, wrong or no
tokens, and hang up mid-body. Passes when every hostile request got its documented status and the ordinary
clients saw 0 errors. Run by `make load` after load_api.py; never by pytest.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for app_server
from app_server import ROOT, AppServer  # noqa: E402
from load_api import ROUTES, TOKEN, run  # noqa: E402

GOOD = f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
# (what, raw request, the status it must get; None = we hang up and expect nothing)
HOSTILE = [
    ("10 MB announced", f"POST /api/v1/check HTTP/1.1\r\nHost: x\r\n{GOOD}Content-Length: 10485760\r\n\r\n", 413),
    ("broken JSON", f"POST /api/v1/check HTTP/1.1\r\nHost: x\r\n{GOOD}Content-Length: 9\r\n\r\n{{\"text\": ", 422),
    ("wrong token", "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\n"
                    "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", 401),
    ("no token", "POST /api/v1/suggest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", 401),
    ("hang up mid-body", f"POST /api/v1/check HTTP/1.1\r\nHost: x\r\n{GOOD}Content-Length: 100\r\n\r\n{{\"text\": \"您", None),
]


async def hostile(host: str, port: int, until: float, tally: dict) -> None:
    """One hostile request after another on fresh connections, each checked against its expected status."""
    for what, raw, expected in itertools.cycle(HOSTILE):
        if time.perf_counter() >= until:
            return
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(raw.encode())
        await writer.drain()
        if expected is None:
            writer.close()
            tally["ok"] += 1
            continue
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            status = int(head.split(b" ", 2)[1])
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, OSError, ValueError):
            status = None
        writer.close()
        if status == expected:
            tally["ok"] += 1
        else:
            tally["wrong"].append(f"{what}: {status}")


async def slowloris(host: str, port: int, n: int, until: float) -> None:
    """n connections that send a header line per second and never finish the request."""
    writers = []
    for _ in range(n):
        _, writer = await asyncio.open_connection(host, port)
        writer.write(b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\n")
        writers.append(writer)
    while time.perf_counter() < until:
        await asyncio.sleep(1)
        for writer in writers:
            writer.write(b"X-Slow: 1\r\n")
    for writer in writers:
        writer.close()


async def scenario(host: str, port: int, seconds: float, clients: int) -> dict:
    until = time.perf_counter() + seconds
    tally = {"ok": 0, "wrong": []}
    bodies, _, _ = ROUTES["check"]
    good, *_ = await asyncio.gather(run(host, port, "check", bodies, clients, seconds),
                                    *(hostile(host, port, until, tally) for _ in range(4)),
                                    slowloris(host, port, 64, until))
    return {"good": good, "hostile_ok": tally["ok"], "hostile_wrong": tally["wrong"][:10],
            "hostile_wrong_count": len(tally["wrong"])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--data-dir", default=str(ROOT / ".kefu"), help="Data dir to copy (trained models, store).")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="kefu-faults-"))
    built = Path(args.data_dir)
    server = AppServer(scratch / "data", built_dir=built if built.is_dir() else None,
                       extra_env={"KEFU_API_TOKEN": TOKEN}).wait_ready(timeout=600)
    try:
        result = asyncio.run(scenario("127.0.0.1", server.port, min(args.seconds, 60.0), min(args.clients, 128)))
        alive = server.process.poll() is None
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    good = result["good"]
    passed = alive and not good["errors"] and not result["hostile_wrong_count"]
    print(f"faults: ordinary check {good['rps']:.1f} req/s, p95 {good['p95_ms']:.1f} ms, errors {good['errors']}; "
          f"hostile requests answered as documented {result['hostile_ok']}, otherwise {result['hostile_wrong_count']}; "
          f"server {'alive' if alive else 'DIED'}: {'passed' if passed else 'FAILED'}")
    print(json.dumps(result, ensure_ascii=False))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
