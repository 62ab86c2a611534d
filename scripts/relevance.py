"""Print search quality per query class: ranked search vs plain FTS5.

    python3 scripts/relevance.py [--corpus corpus] [--db build/kb.db] [--set tests/relevance.yml] [--misses]

Builds the knowledge base first if needed. Figures: Success@1, Success@5, MRR.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    from kb.build import DEFAULT_CORPUS, build, index_path_for, needs_build
    from kb.relevance import evaluate, fts_ids, load_judgements, misses, ranked_ids

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", type=Path, default=REPO / "build" / "kb.db")
    parser.add_argument("--set", type=Path, default=REPO / "tests" / "relevance.yml")
    parser.add_argument("--misses", action="store_true", help="list the queries that missed in the top 5")
    args = parser.parse_args()
    if needs_build(args.corpus, args.db):
        build(args.corpus, args.db)
    judgements = load_judgements(args.set)
    systems = {"ranked": lambda q: ranked_ids(index_path_for(args.db), q),
               "fts5": lambda q: fts_ids(args.db, q)}
    print(f"{len(judgements)} judged queries")
    print(f"{'class':<14} {'n':>3} | {'ranked S@1':>10} {'S@5':>6} {'MRR':>6} | {'fts5 S@1':>9} {'S@5':>6} {'MRR':>6}")
    results = {name: evaluate(judgements, run) for name, run in systems.items()}
    for kind in sorted(results["ranked"], key=lambda k: (k == "all", k)):
        r, f = results["ranked"][kind], results["fts5"][kind]
        print(f"{kind:<14} {r['n']:>3} | {r['success@1']:>10.2f} {r['success@5']:>6.2f} {r['mrr']:>6.2f} | "
              f"{f['success@1']:>9.2f} {f['success@5']:>6.2f} {f['mrr']:>6.2f}")
    if args.misses:
        for name, run in systems.items():
            for query, expect, got in misses(judgements, run):
                print(f"[{name}] miss: {query!r} expected {expect} got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
