"""Load test: drive `kb serve` on loopback with concurrent clients and report figures.

    python3 scripts/load.py [--clients 32] [--seconds 60] [--db build/kb.db]

Starts the server itself (on 127.0.0.1 and a free port), waits until it
answers, then runs the clients over a fixed mix of realistic requests for the
given time (bounded also by --max-requests), and prints throughput, latency
percentiles, errors and the server's peak memory. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent

# (weight, path) — what lawyers do most: browse tables, search, open rows, fetch JSON.
MIX = [
    (10, "/kb/provisions"),
    (6, "/kb/instruments?_facet=jurisdiction"),
    (5, "/kb/cases"),
    (8, "/kb/provisions?_search=written+consent"),
    (8, "/kb/provisions?_search=%E5%8D%95%E7%8B%AC%E5%90%8C%E6%84%8F"),  # 单独同意
    (4, "/kb/provisions?_search=%E4%BA%BA%E8%87%89%E8%AD%98%E5%88%A5"),  # 人臉識別 (traditional)
    (4, "/kb/cases?_search=biometric"),
    (6, "/kb/provisions.json?_search=consent&_shape=array"),
    (4, "/kb/provisions_detail?jurisdiction=CN"),
    (4, "/kb/duties?ecosystem_role=service_user"),
    (3, "/kb/obligations.json"),
    (3, "/kb"),
    (2, "/"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mib(pid: int) -> float:
    """High-water resident memory (VmHWM) of the server and its worker processes, in MiB."""
    total = 0.0
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total or float("nan")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


async def client(base: str, deadline: float, budget: list[int], rng: random.Random, latencies, errors, row_paths,
                 by_path):
    paths = [p for w, p in MIX for _ in range(w)] + row_paths
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                response = await http.get(path)
                if response.status_code >= 400:
                    errors.append(f"{response.status_code} {path}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {path}")
            latencies.append((time.perf_counter() - started) * 1000)
            by_path.setdefault(path if not path.startswith("/kb/provisions/") else "/kb/provisions/<id>",
                               []).append(latencies[-1])


async def run(base: str, clients: int, seconds: float, max_requests: int, row_paths):
    latencies: list[float] = []
    errors: list[str] = []
    by_path: dict[str, list[float]] = {}
    budget = [max_requests]
    deadline = time.monotonic() + seconds
    started = time.perf_counter()
    await asyncio.gather(*(client(base, deadline, budget, random.Random(n), latencies, errors, row_paths, by_path)
                           for n in range(clients)))
    return latencies, errors, by_path, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=REPO / "build" / "kb.db")
    parser.add_argument("--workers", type=int, default=1, help="server processes (kb serve --workers)")
    args = parser.parse_args()

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kb.cli", "serve", "--db", str(args.db), "--port", str(port),
                               "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/-/versions.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                print(server.stderr.read().decode(), file=sys.stderr)
                return 1
            time.sleep(0.2)
        rows = httpx.get(f"{base}/kb/provisions.json?_shape=array&_col=id&_size=50", timeout=60).json()
        row_paths = [f"/kb/provisions/{r['id']}" for r in rows]
        # warm-up, not measured: every path once per worker (startup hooks, caches, jieba)
        for _ in range(args.workers):
            for _, path in MIX:
                httpx.get(base + path, timeout=60)
        latencies, errors, by_path, elapsed = asyncio.run(run(base, args.clients, args.seconds, args.max_requests, row_paths))
        rss = peak_rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"clients {args.clients}, {elapsed:.1f} s, {len(latencies)} requests")
    print(f"throughput  {len(latencies) / elapsed:8.1f} req/s")
    print(f"latency ms  p50 {percentile(latencies, 50):.1f}  p95 {percentile(latencies, 95):.1f}  "
          f"p99 {percentile(latencies, 99):.1f}  mean {statistics.fmean(latencies):.1f}")
    print(f"errors      {len(errors)}")
    for error in sorted(set(errors))[:10]:
        print(f"  {error}")
    print(f"server peak RSS {rss:.0f} MiB ({args.workers} process(es))")
    print("slowest paths (p50 / p95 ms, count):")
    for path, values in sorted(by_path.items(), key=lambda kv: -percentile(kv[1], 95))[:6]:
        print(f"  {percentile(values, 50):7.1f} {percentile(values, 95):7.1f} {len(values):6d}  {path}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
