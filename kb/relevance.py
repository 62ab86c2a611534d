"""Measured search quality: Success@1, Success@5 and MRR over a judged query set.

The set lives in `tests/relevance.yml`: each query has a class (english,
simplified, traditional, cross-lingual, citation …) and the ids of the records
that must be found. Two systems are measured: the ranked search (`kb.search`)
and plain SQLite FTS5 (the segmented query matched against each full-text
table, ranked by FTS5's bm25) as the baseline.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import text
from .search import search
from .store import FTS_COLUMNS


@dataclass
class Judgement:
    query: str
    kind: str
    expect: list[str]


def load_judgements(path: Path) -> list[Judgement]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [Judgement(str(item["query"]), item["class"], list(item["expect"])) for item in data]


def ranked_ids(index_dir: Path, query: str, limit: int = 10) -> list[str]:
    return [h.id for h in search(index_dir, query, limit=limit).hits]


def fts_ids(db_path: Path, query: str, limit: int = 10) -> list[str]:
    """The FTS5 baseline: every table's matches for the segmented words, by bm25."""
    words = text.segment_query(text.to_simplified(query)).split() if text.has_cjk(query) else query.split()
    words = [w.replace('"', "") for w in words if w.replace('"', "").strip()]
    if not words:
        return []
    match = " ".join(f'"{w}"' for w in words)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    found: list[tuple[float, str]] = []
    try:
        for table in FTS_COLUMNS:
            try:
                rows = conn.execute(f"select t.id, bm25({table}_fts) from {table}_fts join {table} t "
                                    f"on t.rowid = {table}_fts.rowid where {table}_fts match ? "
                                    f"order by bm25({table}_fts) limit ?", [match, limit]).fetchall()
            except sqlite3.OperationalError:
                continue
            found.extend((score, rid) for rid, score in rows)
    finally:
        conn.close()
    return [rid for _, rid in sorted(found)[:limit]]


def evaluate(judgements: list[Judgement], run) -> dict[str, dict[str, float]]:
    """Per class and overall: n, Success@1, Success@5, MRR."""
    per_class: dict[str, list[tuple[int | None]]] = defaultdict(list)
    for judgement in judgements:
        ids = run(judgement.query)
        rank = next((n for n, rid in enumerate(ids, start=1) if rid in judgement.expect), None)
        per_class[judgement.kind].append(rank)
        per_class["all"].append(rank)
    out = {}
    for kind, ranks in per_class.items():
        n = len(ranks)
        out[kind] = {
            "n": n,
            "success@1": sum(1 for r in ranks if r == 1) / n,
            "success@5": sum(1 for r in ranks if r and r <= 5) / n,
            "mrr": sum(1 / r for r in ranks if r) / n,
        }
    return out


def misses(judgements: list[Judgement], run, k: int = 5) -> list[tuple[str, list[str], list[str]]]:
    out = []
    for judgement in judgements:
        ids = run(judgement.query)[:k]
        if not set(ids) & set(judgement.expect):
            out.append((judgement.query, judgement.expect, ids))
    return out
