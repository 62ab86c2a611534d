"""Ranked bilingual search over the Whoosh index.

The query pipeline lives here: normalise (strip control characters, cap the
length) → segment Chinese (kb.text, only when the query has Chinese) → build a
query object directly from the words (never through a query-language parser,
so quotes, operators and `*` in user input are just characters) → search with
filters. Every word must match some field; if that finds nothing, any word may.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.scoring import BM25F

from . import text
from .index import TEXT_FIELDS

MAX_QUERY_CHARS = 500
_WORD = re.compile(r"[\w\u3400-\u9fff§]+(?:[./][\w]+)*", re.UNICODE)


class SearchError(Exception):
    """A query that cannot be run; the message is for the user."""


@dataclass
class Hit:
    id: str
    type: str
    jurisdiction: str
    title_en: str
    title_zh: str
    citation: str
    path: str
    score: float

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("id", "type", "jurisdiction", "title_en", "title_zh", "citation", "path", "score")}


@dataclass
class Results:
    query: str
    words: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    message: str | None = None


def normalise(raw: str) -> str:
    """Drop control characters, fold width (full-width letters/digits), cap the length."""
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw or "")
    cleaned = unicodedata.normalize("NFKC", cleaned)
    return cleaned[:MAX_QUERY_CHARS].strip()


def words_of(query: str) -> list[str]:
    """The search words of a normalised query, Chinese segmented."""
    segmented = text.segment_query(query) if text.has_cjk(query) else query
    return [w for w in _WORD.findall(segmented) if w.strip()]


def _word_query(ix_schema, word: str):
    alternatives = []
    for name in TEXT_FIELDS:
        analyzer = ix_schema[name].analyzer
        terms = [t.text for t in analyzer(word, mode="query")]
        if len(terms) == 1:
            alternatives.append(Q.Term(name, terms[0]))
        elif len(terms) > 1:
            alternatives.append(Q.And([Q.Term(name, t) for t in terms]))
    return Q.Or(alternatives) if alternatives else None


_opened: dict[Path, tuple[Path, object]] = {}


def _open_index(index_dir: Path):
    """Open the index once per published version (the `index` link's target)."""
    try:
        target = index_dir.resolve(strict=True)
        cached = _opened.get(index_dir)
        if cached and cached[0] == target:
            return cached[1]
        ix = whoosh_index.open_dir(str(target))
    except (whoosh_index.EmptyIndexError, OSError) as exc:
        raise SearchError(f"no search index at {index_dir}; run 'kb build' first") from exc
    _opened[index_dir] = (target, ix)
    return ix


def search(index_dir: Path, raw_query: str, jurisdiction: str | None = None, kind: str | None = None,
           limit: int = 20) -> Results:
    query = normalise(raw_query)
    if not query:
        return Results(query, [], message="Empty query: type some words, a citation such as '740 ILCS 14/15', or Chinese such as 单独同意.")
    words = words_of(query)
    if not words:
        return Results(query, [], message="The query has no searchable words; try letters, digits or Chinese characters.")
    ix = _open_index(Path(index_dir))
    filters = []
    if jurisdiction:
        filters.append(Q.Term("jurisdictions", jurisdiction))
    if kind:
        filters.append(Q.Term("type", kind))
    parts = [p for p in (_word_query(ix.schema, w) for w in words) if p is not None]
    if not parts:
        return Results(query, words, message="All the words are too common to search on; add a more specific term.")
    results = Results(query, words)
    with ix.searcher(weighting=BM25F()) as searcher:
        for combine in (Q.And, Q.Or):
            q = combine(parts)
            if filters:
                q = Q.And([q, *filters])
            found = searcher.search(q, limit=limit)
            if len(found):
                results.total = len(found)
                results.hits = [Hit(r["id"], r["type"], r["jurisdiction"], r["display_title_en"], r["display_title_zh"],
                                    r["display_citation"], r["path"], round(r.score, 4)) for r in found]
                break
    return results
