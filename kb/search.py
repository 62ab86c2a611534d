"""Ranked bilingual search over the Whoosh index: the one query pipeline.

normalise → citation lookup → segment → expand → build query → search.

- **normalise**: control characters dropped, full-width forms folded (NFKC),
  length capped; traditional Chinese becomes simplified in `kb.text`.
- **citation lookup**: the query as a citation key (`kb.citations`); records
  whose keys match come first (`PIPL 29`, `2019 IL 123186`, `GB/T 41819-2022`).
- **segment**: Chinese with jieba (precise mode), only if the query has Chinese,
  so English queries never load jieba.
- **expand**: glossary terms of the other language (separate consent ↔ 单独同意)
  are added as alternatives with a lower boost: exact-language matches rank first.
- **build**: the query object is made from the words directly, never through a
  query-language parser, so quotes, operators and `*` are just characters.
  Every word must match; if nothing does, any word may.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh import sorting
from whoosh.scoring import BM25F

from . import citations, text
from .index import GLOSSARY_FILE, TEXT_FIELDS

MAX_QUERY_CHARS = 500
EXPANSION_BOOST = 0.4
_WORD = re.compile(r"[\w\u3400-\u9fff§]+(?:[./][\w]+)*", re.UNICODE)
FACETS = ("type", "jurisdiction", "status", "force", "topics", "roles")
FILTERS = ("jurisdiction", "kind", "status", "force", "topic", "obligation", "actor", "role")


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
    snippet: str = ""
    snippet_lang: str = ""
    matched: str = "text"  # "citation" when found by citation lookup

    def as_dict(self) -> dict:
        return dict(vars(self))


@dataclass
class Results:
    query: str
    words: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    expanded: list[str] = field(default_factory=list)
    message: str | None = None

    def as_dict(self) -> dict:
        return {"query": self.query, "words": self.words, "expanded": self.expanded, "total": self.total,
                "message": self.message, "facets": self.facets, "results": [h.as_dict() for h in self.hits]}


def normalise(raw: str) -> str:
    """Drop control characters, fold width (full-width letters/digits), cap the length."""
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw or "")
    cleaned = unicodedata.normalize("NFKC", cleaned)
    return " ".join(cleaned[:MAX_QUERY_CHARS].split())


def words_of(query: str) -> list[str]:
    """The search words of a normalised query, Chinese segmented."""
    segmented = text.segment_query(query) if text.has_cjk(query) else query
    return [w for w in _WORD.findall(segmented) if w.strip()]


# --- opening the index and its glossary, once per published version ---------------------

_opened: dict[Path, tuple[Path, object, list]] = {}
_searchers = threading.local()  # one open searcher per thread and index version: opening one reads files


def _open_index(index_dir: Path):
    try:
        target = index_dir.resolve(strict=True)
        cached = _opened.get(index_dir)
        if cached and cached[0] == target:
            return cached[1], cached[2]
        ix = whoosh_index.open_dir(str(target))
    except (whoosh_index.EmptyIndexError, OSError, ValueError) as exc:
        raise SearchError(f"no search index at {index_dir}; run 'kb build' first") from exc
    glossary_path = target / GLOSSARY_FILE
    glossary = json.loads(glossary_path.read_text(encoding="utf-8")) if glossary_path.exists() else []
    _opened[index_dir] = (target, ix, glossary)
    return ix, glossary


def _searcher(ix):
    cache = getattr(_searchers, "by_index", None)
    if cache is None:
        cache = _searchers.by_index = {}
    searcher = cache.get(id(ix))
    if searcher is None:
        searcher = cache[id(ix)] = ix.searcher(weighting=BM25F())
    return searcher


# --- query building --------------------------------------------------------------------------


def _word_query(schema, word: str, boost: float = 1.0):
    alternatives = []
    for name in TEXT_FIELDS:
        terms = [t.text for t in schema[name].analyzer(word, mode="query")]
        if len(terms) == 1:
            alternatives.append(Q.Term(name, terms[0], boost=boost))
        elif len(terms) > 1:
            alternatives.append(Q.And([Q.Term(name, t, boost=boost) for t in terms]))
    return Q.Or(alternatives) if alternatives else None


def _expansions(query: str, words: list[str], glossary: list[dict]) -> dict[str, list[str]]:
    """Other-language glossary terms for the terms found in the query: term → its words."""
    lowered = f" {query.lower()} "
    found: dict[str, list[str]] = {}
    word_set = set(words)
    joined = "".join(words)
    for entry in glossary:
        english = [e for e in entry["en"] if f" {e.lower()} " in lowered or (len(e) > 3 and e.lower() in lowered)]
        chinese = [z for z in entry["zh"] if z in word_set or (len(z) >= 2 and z in joined)]
        if english:
            for z in entry["zh"]:
                found.setdefault(z, entry.get("zh_words", {}).get(z) or [z])
        if chinese:
            for e in entry["en"]:
                found.setdefault(e, e.split())
    return found


def _filters(values: dict) -> list:
    out = []
    fieldnames = {"jurisdiction": "jurisdictions", "kind": "type", "status": "status", "force": "force",
                  "topic": "topics", "obligation": "obligations", "actor": "actors", "role": "roles"}
    for name, fieldname in fieldnames.items():
        value = values.get(name)
        if value:
            options = [v.strip() for v in str(value).split(",") if v.strip()]
            out.append(Q.Or([Q.Term(fieldname, v) for v in options]))
    date_from, date_to = values.get("date_from"), values.get("date_to")
    if date_from or date_to:
        out.append(Q.TermRange("date", date_from or "0000", (date_to or "9999") + "\uffff"))
    return out


# --- snippets ------------------------------------------------------------------------------------


def _snippet(display: dict, terms: list[str], chinese_first: bool, width: int = 90) -> tuple[str, str]:
    """A short passage around the first matching term, with «» around matches,
    in the query's language when that language matched."""
    for lang in ("zh", "en") if chinese_first else ("en", "zh"):
        body = display.get(f"text_{lang}") or ""
        hits = [(m.start(), m.end()) for t in terms if t for m in re.finditer(re.escape(t), body, re.IGNORECASE)]
        if not hits:
            continue
        start = max(0, min(h[0] for h in hits) - width // 3)
        end = min(len(body), start + width * (1 if lang == "zh" else 2))
        passage = body[start:end]
        for t in sorted({t for t in terms if t}, key=len, reverse=True):
            passage = re.sub(f"(?<!«)({re.escape(t)})", r"«\1»", passage, flags=re.IGNORECASE)
        return ("…" if start else "") + passage + ("…" if end < len(body) else ""), lang
    body = display.get("text_en") or display.get("text_zh") or ""
    return body[:width * 2] + ("…" if len(body) > width * 2 else ""), "en" if display.get("text_en") else "zh"


def _hit(result, score: float, terms: list[str], matched: str, chinese_first: bool) -> Hit:
    display = result["display"]
    snippet, lang = _snippet(display, terms, chinese_first)
    return Hit(result["id"], result["type"], result["jurisdiction"], display["title_en"], display["title_zh"],
               display["citation"], display["path"], round(score, 4), snippet, lang, matched)


# --- search ---------------------------------------------------------------------------------------


def search(index_dir: Path, raw_query: str, jurisdiction: str | None = None, kind: str | None = None,
           limit: int = 20, facets: bool = False, **filters) -> Results:
    """Search the index. Filters: jurisdiction, kind, status, force, topic, obligation, actor, role
    (each a value or comma-separated values), date_from, date_to (ISO dates). `facets` adds
    counts per kind, jurisdiction, status, force, topic and role (costs time on large indexes)."""
    query = normalise(raw_query)
    if not query:
        return Results(query, [], message="Empty query: type some words, a citation such as '740 ILCS 14/15', "
                                          "or Chinese such as 单独同意.")
    words = words_of(query)
    if not words:
        return Results(query, [], message="The query has no searchable words; try letters, digits or Chinese characters.")
    ix, glossary = _open_index(Path(index_dir))
    filter_terms = _filters({"jurisdiction": jurisdiction, "kind": kind, **filters})
    expansions = _expansions(query, words, glossary)
    expanded = list(expansions)
    results = Results(query, words, expanded=expanded)
    limit = max(1, min(int(limit), 200))
    # single letters and digits (the "a" of "9(2)(a)") would light up everywhere
    highlight_terms = [t for t in dict.fromkeys([*words, *expanded, *query.split()])
                       if len(t) >= (2 if text.has_cjk(t) else 3)]
    searcher = _searcher(ix)
    seen: set[str] = set()
    shown: set[int] = set()  # docnums already on the page: later queries skip them
    # 1. citations: exact key lookups, most specific key first
    for cite_key in citations.query_keys(query):
        q = _filtered(Q.Term("cite_keys", cite_key), filter_terms)
        # equally exact hits (a bare 第29条 names article 29 of several laws): the most applied first
        exact = sorted(searcher.search(q, limit=None), key=lambda r: (-(r.get("weight") or 0), r.docnum))
        for r in exact[:limit]:
            shown.add(r.docnum)
            if r["id"] not in seen:
                seen.add(r["id"])
                results.hits.append(_hit(r, 1000.0, highlight_terms, "citation", text.has_cjk(query)))
        if results.hits:
            break
    # 2. words, in tiers: every word, then some of the words, then only the other language's
    #    glossary terms. Each tier's results rank below the previous tier's, so an exact-language
    #    match always comes before one found through translation, and a page is filled by the
    #    cheapest query that can fill it.
    parts = [p for p in (_word_query(ix.schema, w) for w in words) if p is not None]
    extra = [p for p in (_phrase_query(ix.schema, e) for e in expansions.values()) if p is not None]
    tiers = [q for q in (Q.And(parts) if parts else None,
                         Q.Or(parts) if len(parts) > 1 else None,
                         (Q.Or(extra) if len(extra) > 1 else extra[0]) if extra else None) if q is not None]
    if results.hits:
        # A citation that found its record: below it, records with every word of the
        # citation are worth showing; records sharing one of "No.", "7" or "cv" are not.
        tiers = tiers[:1]
    estimated = 0
    for tier in tiers:
        if len(results.hits) >= limit:
            break
        found = searcher.search(_filtered(tier, filter_terms), limit=limit, mask=shown or None)
        estimated += found.estimated_length()
        for r in found:
            shown.add(r.docnum)
            if r["id"] not in seen and len(results.hits) < limit:
                seen.add(r["id"])
                results.hits.append(_hit(r, r.score, highlight_terms, "text", text.has_cjk(query)))
    citation_hits = len([h for h in results.hits if h.matched == "citation"])
    results.total = max(len(results.hits), estimated + citation_hits)
    if facets and tiers:
        # Facet counts and an exact total need every matching document: only the search
        # page and --json ask for them.
        union = _filtered(Q.Or(tiers) if len(tiers) > 1 else tiers[0], filter_terms)
        grouped = {name: sorting.FieldFacet(name, allow_overlap=name in ("topics", "roles")) for name in FACETS}
        everything = searcher.search(union, limit=1, groupedby=grouped)
        results.total = len(everything) + citation_hits
        for name in FACETS:
            groups = everything.groups(name)
            results.facets[name] = {k: len(v) for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1])) if k}
    if not results.hits and not results.message:
        results.message = f"No results for {query!r}."
    return results


def _filtered(q, filter_terms: list):
    return Q.And([q, *filter_terms]) if filter_terms else q


def _phrase_query(schema, words: list[str]):
    """All words of a glossary term, in any field, at the expansion boost."""
    parts = [p for p in (_word_query(schema, w, EXPANSION_BOOST) for w in words) if p is not None]
    if not parts:
        return None
    return Q.And(parts) if len(parts) > 1 else parts[0]
