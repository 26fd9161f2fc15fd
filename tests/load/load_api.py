"""Bounded load on the REST API: N keep-alive clients for S seconds per route, against 127.0.0.1 only.

Run by `make load` (never by pytest). Starts the real app on a free loopback port with a copy of the
data dir (or uses --url), then reports requests/s, p50/p95/p99 latency and errors per route, and
whether the acceptance targets were met. Exit 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for app_server
from app_server import ROOT, AppServer  # noqa: E402

TOKEN = "load-test-token"
# (route, bodies cycled through, req/s target, p95 target in ms): a few ordinary agent and customer lines.
ROUTES = {
    "check": ([{"text": "您好，请问有什么可以帮您？"}, {"text": "这个不归我们管，你去找别的部门"},
               {"text": "请您稍等，我马上为您查询订单"}], 500, 50),
    "suggest": ([{"text": "我的退款三天了还没到账"}, {"text": "你们的快递怎么还没发货"},
                 {"text": "电视机坏了，能上门维修吗"}], 200, 100),
}


async def request(reader, writer, host: str, path: str, body: bytes) -> int:
    """One keep-alive POST; returns the status code (the body is read and dropped)."""
    writer.write(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {TOKEN}\r\n"
                 f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    await reader.readexactly(length)
    return status


async def client(host: str, port: int, path: str, bodies: list[bytes], until: float, latencies: list, errors: list):
    reader, writer = await asyncio.open_connection(host, port)
    n = 0
    while time.perf_counter() < until:
        start = time.perf_counter()
        try:
            status = await request(reader, writer, f"{host}:{port}", path, bodies[n % len(bodies)])
        except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration) as exc:
            errors.append(type(exc).__name__)
            writer.close()
            reader, writer = await asyncio.open_connection(host, port)
            continue
        latencies.append(time.perf_counter() - start)
        if status != 200:
            errors.append(status)
        n += 1
    writer.close()


async def run(host: str, port: int, route: str, bodies: list[dict], clients: int, seconds: float) -> dict:
    encoded = [json.dumps(b, ensure_ascii=False).encode() for b in bodies]
    latencies, errors = [], []
    until = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(*(client(host, port, f"/api/v1/{route}", encoded, until, latencies, errors)
                           for _ in range(clients)))
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"route": route, "requests": len(latencies), "rps": len(latencies) / elapsed, "p50_ms": cuts[49] * 1000,
            "p95_ms": cuts[94] * 1000, "p99_ms": cuts[98] * 1000, "errors": len(errors),
            "error_kinds": sorted({str(e) for e in errors})}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="A running kefu on 127.0.0.1 (its KEFU_API_TOKEN must be the script's).")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--data-dir", default=str(ROOT / ".kefu"), help="Data dir to copy (trained models, store).")
    args = parser.parse_args()
    args.seconds = min(args.seconds, 60.0)  # bounded: a shared machine
    args.clients = min(args.clients, 256)
    server = None
    if args.url:
        host, port = args.url.removeprefix("http://").rstrip("/").split(":")
        if host not in ("127.0.0.1", "localhost"):
            sys.exit("load_api: only 127.0.0.1 may be loaded")
    else:
        scratch = Path(tempfile.mkdtemp(prefix="kefu-load-"))
        built = Path(args.data_dir)
        server = AppServer(scratch / "data", built_dir=built if built.is_dir() else None,
                           extra_env={"KEFU_API_TOKEN": TOKEN}).wait_ready(timeout=600)
        host, port = "127.0.0.1", str(server.port)
    try:
        results = []
        for route, (bodies, rps_goal, p95_goal) in ROUTES.items():
            asyncio.run(run(host, int(port), route, bodies, 4, 1.0))  # warm-up, not counted
            result = asyncio.run(run(host, int(port), route, bodies, args.clients, args.seconds))
            result["met"] = result["rps"] >= rps_goal and result["p95_ms"] <= p95_goal and not result["errors"]
            result["goal"] = f">= {rps_goal} req/s, p95 <= {p95_goal} ms, 0 errors"
            results.append(result)
            print(f"{route:8} {result['requests']:7d} req  {result['rps']:8.1f} req/s  p50 {result['p50_ms']:6.1f} ms  "
                  f"p95 {result['p95_ms']:6.1f} ms  p99 {result['p99_ms']:6.1f} ms  errors {result['errors']}"
                  f"  goal {result['goal']}: {'met' if result['met'] else 'MISSED'}", flush=True)
        print(json.dumps({"clients": args.clients, "seconds": args.seconds, "results": results}, ensure_ascii=False))
        return 0 if all(r["met"] for r in results) else 1
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.data_dir.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
