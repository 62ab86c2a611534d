"""The ranked bilingual search index (Whoosh, BM25F).

One document per instrument, provision, case, obligation, commentary,
proposal, practice and principle. Titles and citations weigh more than body
text (field boosts). Chinese fields are indexed pre-segmented by `kb.text`, so
the Chinese analyzer here only splits on spaces; the original text is stored
separately for display and snippets. `cite_keys` holds the canonical citation
keys of `kb.citations`, so a citation query is an exact lookup. The glossary is
saved beside the index for query expansion.
"""

from __future__ import annotations

import json
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemmingAnalyzer

from . import citations, model, text

# Pre-segmented Chinese (and anything else) split on whitespace and punctuation, lower-cased.
SEGMENTED = RegexTokenizer(r"[^\s\u3000，。；：、“”‘’（）《》【】！？,.;:!?()\[\]\"']+") | LowercaseFilter()
# Citations: runs of letters, digits or Chinese characters.
CITATION = RegexTokenizer(r"[0-9A-Za-z\u4e00-\u9fff]+") | LowercaseFilter()

TEXT_FIELDS = {
    # field: (analyzer, boost)
    "citation": (CITATION, 4.0),
    "title_en": (StemmingAnalyzer(), 3.0),
    "title_zh": (SEGMENTED, 3.0),
    "body_en": (StemmingAnalyzer(), 1.0),
    "body_zh": (SEGMENTED, 1.0),
}
KEYWORD_FIELDS = ("jurisdictions", "topics", "obligations", "actors", "roles")
GLOSSARY_FILE = "glossary.json"
# Lawyers look for the rule itself first: provisions and cases weigh more than the
# taxonomy (obligations), commentary, practices and principles that use the same words.
# A document boost at index time, not a boosting clause at query time: Whoosh's
# top-k pruning can drop the best document of an AndMaybe query when the page is small.
PRIMARY_BOOST = {"provision": 2.0, "case": 2.0}


def schema() -> fields.Schema:
    spec = {
        "id": fields.ID(stored=True, unique=True),
        # sortable: facet counts read a column instead of every document's stored fields
        "type": fields.ID(stored=True, sortable=True),
        "jurisdiction": fields.ID(stored=True, sortable=True),
        "status": fields.ID(stored=True, sortable=True),
        "force": fields.ID(stored=True, sortable=True),
        "date": fields.ID(stored=True),  # ISO text sorts as dates do; filtered with a term range
        # how often the courts and authorities in the corpus applied this record (or its
        # instrument): orders equally exact citation hits, e.g. the many articles 29 of 第29条
        "weight": fields.NUMERIC(stored=True),
        "cite_keys": fields.KEYWORD(commas=True, lowercase=False),
        "display": fields.STORED(),  # titles, citation, original texts and link, for results and snippets
    }
    for name in KEYWORD_FIELDS:  # multi-valued, space-separated ids; "jurisdictions" includes ancestors (US ⊃ US-IL)
        spec[name] = fields.KEYWORD(lowercase=False, commas=False)
    for name, (analyzer, boost) in TEXT_FIELDS.items():
        # phrase=False: no positions are stored (queries are built from terms, never
        # phrases), which makes indexing markedly faster and the index smaller.
        spec[name] = fields.TEXT(analyzer=analyzer, field_boost=boost, stored=False, phrase=False)
    return fields.Schema(**spec)


def _ancestors(code: str | None, parents: dict[str, str | None]) -> list[str]:
    out = []
    while code and code not in out:
        out.append(code)
        code = parents.get(code)
    return out


def documents(corpus: model.Corpus, segment=None):
    """Search documents; `segment` is the build's shared segmenter (None: segment afresh)."""
    parents = {j.code: j.parent for j in corpus.jurisdictions}
    roles = {a.id: a.ecosystem_role for a in corpus.actors}
    topic_of = {o.id: o.topic_id for o in corpus.obligations}
    duty_names = {o.id: (o.name_en, o.name_zh) for o in corpus.obligations}
    applied: dict[str, int] = {}  # provision id → number of case links to it
    for c in corpus.cases:
        for link in c.provisions:
            applied[link.provision_id] = applied.get(link.provision_id, 0) + 1
    seg = segment or text.memoized_segmenter()

    def seg_all(parts):
        return " ".join(seg(part) for part in parts if part)

    def doc(kind, record_id, table, *, jurisdiction=None, title=("", ""), citation="", body_en=(), body_zh=(),
            keys=(), status=None, force=None, date=None, topics=(), obligations=(), actors=(), weight=0,
            duties_en=(), duties_zh=()):
        title_en, title_zh = title
        return {
            "_boost": PRIMARY_BOOST.get(kind, 1.0), "weight": weight,
            "id": record_id, "type": kind, "jurisdiction": jurisdiction or "",
            "status": status or "", "force": force or "", "date": date or "",
            "jurisdictions": " ".join(_ancestors(jurisdiction, parents)),
            "topics": " ".join(dict.fromkeys(topics)), "obligations": " ".join(dict.fromkeys(obligations)),
            "actors": " ".join(dict.fromkeys(actors)),
            "roles": " ".join(dict.fromkeys(roles[a] for a in actors if a in roles)),
            "cite_keys": ",".join(dict.fromkeys(keys)),
            "display": {"title_en": title_en, "title_zh": title_zh, "citation": citation or "",
                        "text_en": " ".join(p for p in body_en if p), "text_zh": " ".join(p for p in body_zh if p),
                        "path": f"/kb/{table}/{record_id}"},
            "citation": seg(citation or ""), "title_en": title_en or "", "title_zh": seg(title_zh),
            # a provision is also found by the names of the duties it creates ("written consent"
            # finds BIPA § 15(b), which speaks of a "written release"); indexed, never displayed
            "body_en": " ".join(p for p in (*body_en, *duties_en) if p), "body_zh": seg_all((*body_zh, *duties_zh)),
        }

    for i in corpus.instruments:
        names = citations.instrument_names(i.short_title, i.citation, i.title_en, i.title_zh)
        provision_topics = [topic_of.get(link.obligation_id) for p in i.provisions for link in p.obligations]
        yield doc("instrument", i.id, "instruments", jurisdiction=i.jurisdiction, title=(i.title_en, i.title_zh),
                  citation=" ".join(filter(None, [i.short_title, i.citation])), body_en=(i.summary_en,),
                  body_zh=(i.summary_zh,), keys=names, status=i.status, force=i.force,
                  date=i.date_adopted or i.date_introduced,
                  topics=[t for t in [*i.topics, *provision_topics] if t])
        name = i.short_title or i.citation or i.title_en
        instrument_weight = sum(applied.get(p.id, 0) for p in i.provisions)
        for p in i.provisions:
            duties = [duty_names[d] for d in dict.fromkeys(link.obligation_id for link in p.obligations)
                      if d in duty_names]
            yield doc("provision", p.id, "provisions", jurisdiction=i.jurisdiction,
                      title=(f"{name} {p.number} {p.heading_en}", f"{i.title_zh} {p.number_zh or p.number} {p.heading_zh}"),
                      citation=" ".join(filter(None, [i.short_title, i.citation, p.number, p.number_zh, *p.aliases])),
                      body_en=(p.heading_en, p.text_en), body_zh=(p.heading_zh, p.text_zh),
                      keys=citations.provision_keys(names, p.number, p.number_zh)
                      + citations.alias_keys(names, p.aliases)
                      # a bare 第29条 is how Chinese lawyers cite an article of the law under discussion
                      + (citations.number_variants(p.number, p.number_zh) if "CN" in _ancestors(i.jurisdiction, parents) else []),
                      status=i.status, force=i.force,
                      date=i.date_adopted or i.date_introduced,
                      topics=[*p.topics, *(topic_of.get(link.obligation_id, "") for link in p.obligations)],
                      obligations=[link.obligation_id for link in p.obligations],
                      actors=[link.actor_id for link in p.obligations],
                      weight=2 * applied.get(p.id, 0) + instrument_weight,
                      duties_en=[en for en, _ in duties], duties_zh=[zh for _, zh in duties])
    for c in corpus.cases:
        yield doc("case", c.id, "cases", jurisdiction=c.jurisdiction, title=(c.title_en, c.title_zh),
                  citation=" ".join(filter(None, [c.citation, c.docket])),
                  body_en=(c.facts_en, c.holding_en, c.outcome_en, c.forum_en),
                  body_zh=(c.facts_zh, c.holding_zh, c.outcome_zh, c.forum_zh),
                  keys=[k for k in (citations.key(c.citation), citations.key(c.docket)) if k], date=c.date_decided)
    for c in corpus.commentary:
        yield doc("commentary", c.id, "commentary", title=(c.title_en, c.title_zh), citation=c.citation or "",
                  body_en=(c.summary_en,), body_zh=(c.summary_zh,), date=c.date)
        for p in c.proposals:
            yield doc("proposal", p.id, "proposals", title=(p.heading_en, p.heading_zh), body_en=(p.text_en,),
                      body_zh=(p.text_zh,), obligations=p.obligations,
                      topics=[topic_of.get(o, "") for o in p.obligations])
    for table, kind, items in (("practices", "practice", corpus.practices), ("principles", "principle", corpus.principles)):
        for p in items:
            yield doc(kind, p.id, table, title=(p.title_en, p.title_zh),
                      body_en=(p.organisation_en, p.text_en), body_zh=(p.organisation_zh, p.text_zh),
                      obligations=p.obligations, topics=[topic_of.get(o, "") for o in p.obligations])
    for o in corpus.obligations:
        yield doc("obligation", o.id, "obligations", title=(o.name_en, o.name_zh), body_en=(o.description_en,),
                  body_zh=(o.description_zh,), topics=[o.topic_id], obligations=[o.id])


PARALLEL_THRESHOLD = 5000  # documents; below this a second process costs more than it saves


def write_index(corpus: model.Corpus, directory: Path, segment=None, workers: int = 1) -> int:
    directory.mkdir(parents=True)
    ix = index.create_in(str(directory), schema())
    if workers > 1 and count_documents(corpus) >= PARALLEL_THRESHOLD:
        # Whoosh's multiprocessing writer: each process writes its own segment;
        # multisegment skips the final merge (searching a few segments is cheap).
        writer = ix.writer(procs=workers, limitmb=256, multisegment=True)
    else:
        writer = ix.writer(limitmb=256)
    count = 0
    for document in documents(corpus, segment):
        writer.add_document(**document)
        count += 1
    writer.commit()
    # Chinese terms stored already segmented, so an English query expanded into
    # Chinese never needs jieba at query time.
    glossary = [{"en": g.en, "zh": g.zh, "zh_words": {z: text.segment_query(z).split() for z in g.zh}}
                for g in corpus.glossary]
    (directory / GLOSSARY_FILE).write_text(json.dumps(glossary, ensure_ascii=False), encoding="utf-8")
    return count


def count_documents(corpus: model.Corpus) -> int:
    """How many documents `documents(corpus)` yields, without segmenting anything."""
    return (sum(1 + len(i.provisions) for i in corpus.instruments) + len(corpus.cases)
            + sum(1 + len(c.proposals) for c in corpus.commentary) + len(corpus.practices)
            + len(corpus.principles) + len(corpus.obligations))


def chinese_strings(corpus: model.Corpus):
    """Every text value of the records that may need segmenting (for `Segmenter.prime`)."""
    records = [*corpus.instruments, *corpus.provisions(), *corpus.cases, *corpus.obligations,
               *corpus.commentary, *(p for c in corpus.commentary for p in c.proposals),
               *corpus.practices, *corpus.principles]
    for record in records:
        for value in vars(record).values():
            if isinstance(value, str) and text.has_cjk(value):
                yield value
