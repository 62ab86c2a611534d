"""Benchmark: build and search cost on synthetic corpora of growing size.

    python3 scripts/benchmark.py [--sizes 1000,10000,100000] [--repeat 200]

For each size it generates a deterministic synthetic corpus (kb.synthetic),
builds it in a fresh process (per-stage wall time and memory high-water mark),
rebuilds it unchanged, reports the database and index sizes, times searches
over a fixed query mix — the FTS5 path (segmented MATCH, as Datasette runs
it), the ranked Whoosh path, and a plain FTS5 MATCH as the floor — and times
`kb search` as a fresh process for an English and a Chinese query. It prints
one table. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

QUERIES = {
    "english": ["written consent", "biometric retention schedule", "private entity disclose", "camera signage"],
    "chinese": ["单独同意", "人脸信息 删除", "物业 门禁 验证", "敏感 个人 信息"],
    "citation": ["SBA12 § 3", "12 SYN 12", "No. 7-cv-1007", "SBA40 § 17"],
    "filtered": ["consent", "security storage", "penalty", "camera"],  # with jurisdiction US
}


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)

    def at(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return at(50), at(95), at(99)


def folder_size(path: Path) -> int:
    path = path.resolve()
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build_in_child(corpus: Path, out: Path, force: bool) -> dict:
    code = ("import json,sys; from kb.build import build; r = build(sys.argv[1], sys.argv[2], force=sys.argv[3]=='1');"
            "print(json.dumps({'seconds': r.seconds, 'stages': r.stages, 'up_to_date': r.up_to_date}))")
    done = subprocess.run([sys.executable, "-c", code, str(corpus), str(out), "1" if force else "0"],
                          capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(done.stdout.strip().splitlines()[-1])


def fts_match(db: sqlite3.Connection, query: str, jurisdiction: str | None = None) -> list:
    """The FTS5 path: segment, quote each word (as Datasette's escaped mode does), match."""
    from kb import text

    words = text.segment_query(query).split()
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    sql = ("select p.id from provisions p join instruments i on i.id = p.instrument_id "
           "where p.rowid in (select rowid from provisions_fts where provisions_fts match ?)")
    params = [match]
    if jurisdiction:
        sql += " and (i.jurisdiction = ? or i.jurisdiction like ?)"
        params += [jurisdiction, jurisdiction + "-%"]
    return db.execute(sql + " limit 50", params).fetchall()


def time_queries(run, repeat: int) -> tuple[float, float, float]:
    samples = []
    for n in range(repeat):
        for kind, queries in QUERIES.items():
            query = queries[n % len(queries)]
            started = time.perf_counter()
            run(query, "US" if kind == "filtered" else None)
            samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def cold_cli(db: Path, query: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kb.cli", "search", "--db", str(db), query],
                       capture_output=True, check=True, cwd=REPO)
        best = min(best, time.perf_counter() - started)
    return best


def bench(size: int, workdir: Path, repeat: int) -> dict:
    from kb.build import index_path_for
    from kb.search import search
    from kb.synthetic import generate

    corpus = generate(workdir / f"corpus-{size}", provisions=size)
    out = workdir / f"out-{size}" / "kb.db"
    first = build_in_child(corpus, out, force=True)
    again = build_in_child(corpus, out, force=False)
    index = index_path_for(out)
    db = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
    for queries in QUERIES.values():  # warm up: load jieba, open the index, fill the page cache
        for q in queries:
            fts_match(db, q)
            search(index, q)
    fts = time_queries(lambda q, j: fts_match(db, q, j), repeat)
    ranked = time_queries(lambda q, j: search(index, q, jurisdiction=j), repeat)

    def floor(q, j):
        db.execute("select rowid from provisions_fts where provisions_fts match ? limit 50",
                   ['"' + q.split()[0] + '"']).fetchall()

    plain = time_queries(floor, repeat)
    return {
        "size": size, "build": first, "rebuild": again["seconds"], "db_mib": folder_size(out) / 2**20,
        "index_mib": folder_size(index) / 2**20, "fts": fts, "ranked": ranked, "floor": plain,
        "cli_en": cold_cli(out, "written consent"), "cli_zh": cold_cli(out, "单独同意"),
    }


def print_table(rows: list[dict]) -> None:
    stages = ["parse + check", "segmentation", "sqlite tables", "fts", "whoosh"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}")
    header = ["provisions"] + [f"{s} s (MiB)" for s in stages] + ["build s", "rebuild s", "db MiB", "index MiB"]
    print(" | ".join(header))
    for r in rows:
        cells = [f"{r['size']:,}"]
        for s in stages:
            seconds, peak = r["build"]["stages"].get(s, (float("nan"), float("nan")))
            cells.append(f"{seconds:.2f} ({peak:.0f})")
        cells += [f"{r['build']['seconds']:.1f}", f"{r['rebuild']:.2f}", f"{r['db_mib']:.1f}", f"{r['index_mib']:.1f}"]
        print(" | ".join(cells))
    print()
    print("provisions | FTS5 p50/p95/p99 ms | ranked p50/p95/p99 ms | plain MATCH floor p50/p95/p99 ms | kb search EN s | kb search ZH s")
    for r in rows:
        fmt = lambda t: "/".join(f"{v:.2f}" for v in t)  # noqa: E731
        print(f"{r['size']:,} | {fmt(r['fts'])} | {fmt(r['ranked'])} | {fmt(r['floor'])} | "
              f"{r['cli_en']:.2f} | {r['cli_zh']:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated provision counts")
    parser.add_argument("--repeat", type=int, default=100, help="rounds of the query mix per path")
    parser.add_argument("--workdir", type=Path, help="where to put corpora and builds (default: a temp folder)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        rows = []
        for size in sizes:
            print(f"… {size:,} provisions", file=sys.stderr, flush=True)
            rows.append(bench(size, workdir, args.repeat))
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
