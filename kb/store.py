"""Write the knowledge graph to SQLite with sqlite-utils.

The tables and columns here are the public interface described in DESIGN.md
and `datasette_metadata.yml`; add columns freely, never rename.

Full-text search: each searchable table `T` has a stand-alone FTS5 table
`T_fts` whose rowid equals `T.rowid`. Chinese columns are stored there already
segmented into words (see `kb.text`), so FTS5's unicode61 tokenizer can match
Chinese words; the lawyer-facing tables keep the original text untouched.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import sqlite_utils

from . import model, text

SCHEMA_VERSION = 1
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

# table → columns indexed in its FTS table. A column name ending in "_zh" is
# segmented with jieba; the others are indexed as they are.
FTS_COLUMNS = {
    "instruments": ("short_title", "citation", "title_en", "title_zh", "summary_en", "summary_zh"),
    "provisions": ("instrument", "number", "heading_en", "heading_zh", "text_en", "text_zh"),
    "cases": ("title_en", "title_zh", "docket", "citation", "facts_en", "facts_zh", "holding_en", "holding_zh",
              "outcome_en", "outcome_zh"),
    "obligations": ("name_en", "name_zh", "description_en", "description_zh"),
    "proposals": ("heading_en", "heading_zh", "text_en", "text_zh"),
    "practices": ("title_en", "title_zh", "organisation_en", "organisation_zh", "text_en", "text_zh"),
    "principles": ("title_en", "title_zh", "text_en", "text_zh"),
}


def _dumps(value) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def write_database(corpus: model.Corpus, path: Path, corpus_hash: str = "", segment=None, stage=None) -> dict[str, int]:
    """Create a new database file at `path` (which must not exist). Returns row counts.

    `segment` is the build's shared Chinese segmenter; `stage(name)` is an
    optional context manager that times the steps.
    """
    stage = stage or (lambda name: contextlib.nullcontext())
    db = sqlite_utils.Database(str(path))
    db.conn.execute("PRAGMA journal_mode = OFF")  # a fresh temporary file: no need for rollback
    db.conn.execute("PRAGMA synchronous = OFF")
    with db.conn:
        with stage("sqlite tables"):
            _create_tables(db)
            _insert_rows(db, corpus)
        with stage("fts"):
            _create_fts(db, segment or text.memoized_segmenter())
        _create_views(db)
        db["kb_build"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
        db["kb_build"].insert({"key": "corpus_hash", "value": corpus_hash})
    counts = {name: db[name].count for name in db.table_names()}
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.conn.commit()
    db.close()
    return counts


def _create_tables(db: sqlite_utils.Database) -> None:
    db["jurisdictions"].create({"code": str, "name_en": str, "name_zh": str, "parent": str}, pk="code",
                               not_null={"name_en", "name_zh"}, foreign_keys=[("parent", "jurisdictions", "code")])
    db["levels"].create({"code": str, "name_en": str, "name_zh": str, "rank": int}, pk="code")
    db["ecosystem_roles"].create({"id": str, "name_en": str, "name_zh": str}, pk="id")
    db["topics"].create({"id": str, "name_en": str, "name_zh": str, "description_en": str, "description_zh": str},
                        pk="id", not_null={"name_en", "name_zh"})
    db["obligations"].create({"id": str, "topic_id": str, "name_en": str, "name_zh": str, "description_en": str,
                              "description_zh": str, "report_pages": str}, pk="id",
                             foreign_keys=[("topic_id", "topics", "id")], not_null={"topic_id", "name_en", "name_zh"})
    db["actors"].create({"id": str, "name_en": str, "name_zh": str, "ecosystem_role": str, "jurisdiction": str,
                         "description_en": str, "description_zh": str}, pk="id",
                        foreign_keys=[("ecosystem_role", "ecosystem_roles", "id"), ("jurisdiction", "jurisdictions", "code")],
                        not_null={"ecosystem_role"})
    db["instruments"].create({
        "id": str, "jurisdiction": str, "kind": str, "title_en": str, "title_zh": str, "short_title": str,
        "citation": str, "issuer_en": str, "issuer_zh": str, "date_introduced": str, "date_adopted": str,
        "date_published": str, "date_effective": str, "status": str, "force": str, "level": str,
        "summary_en": str, "summary_zh": str, "report_pages": str, "url": str, "official_journal": str,
        "sources": str, "source_file": str,
    }, pk="id", foreign_keys=[("jurisdiction", "jurisdictions", "code"), ("level", "levels", "code")],
        not_null={"jurisdiction", "kind", "title_en", "title_zh", "status", "force"})
    db["instrument_topics"].create({"instrument_id": str, "topic_id": str}, pk=("instrument_id", "topic_id"),
                                   foreign_keys=[("instrument_id", "instruments", "id"), ("topic_id", "topics", "id")])
    db["provisions"].create({
        "id": str, "instrument_id": str, "number": str, "number_zh": str, "heading_en": str, "heading_zh": str,
        "text_en": str, "text_zh": str, "text_kind": str, "text_source": str, "report_pages": str, "sort_order": int,
        "aliases": str,
    }, pk="id", foreign_keys=[("instrument_id", "instruments", "id")], not_null={"instrument_id", "number"})
    db["provision_topics"].create({"provision_id": str, "topic_id": str}, pk=("provision_id", "topic_id"),
                                  foreign_keys=[("provision_id", "provisions", "id"), ("topic_id", "topics", "id")])
    db["provision_obligations"].create(
        {"provision_id": str, "obligation_id": str, "actor_id": str, "modality": str},
        pk=("provision_id", "obligation_id", "actor_id"),
        foreign_keys=[("provision_id", "provisions", "id"), ("obligation_id", "obligations", "id"), ("actor_id", "actors", "id")])
    db["cases"].create({
        "id": str, "jurisdiction": str, "kind": str, "title_en": str, "title_zh": str, "forum_en": str, "forum_zh": str,
        "docket": str, "citation": str, "date_filed": str, "date_decided": str, "date_settled": str,
        "outcome_en": str, "outcome_zh": str, "amount": float, "currency": str, "facts_en": str, "facts_zh": str,
        "holding_en": str, "holding_zh": str, "report_pages": str, "url": str, "forum_abbrev": str,
        "document_type_en": str, "document_type_zh": str, "ecli": str, "sources": str, "source_file": str,
    }, pk="id", foreign_keys=[("jurisdiction", "jurisdictions", "code")], not_null={"jurisdiction", "title_en", "title_zh"})
    db["case_provisions"].create({"case_id": str, "provision_id": str, "relation": str}, pk=("case_id", "provision_id"),
                                 foreign_keys=[("case_id", "cases", "id"), ("provision_id", "provisions", "id")])
    db["case_relations"].create({"from_id": str, "to_id": str, "relation": str}, pk=("from_id", "to_id"),
                                foreign_keys=[("from_id", "cases", "id"), ("to_id", "cases", "id")])
    db["instrument_relations"].create({"from_id": str, "to_id": str, "relation": str}, pk=("from_id", "to_id", "relation"),
                                      foreign_keys=[("from_id", "instruments", "id"), ("to_id", "instruments", "id")])
    db["errata"].create({"id": int, "record_id": str, "field": str, "report_pages": str, "report_says": str,
                         "correct": str, "source": str}, pk="id")
    db["glossary"].create({"id": int, "terms_en": str, "terms_zh": str}, pk="id")
    db["commentary"].create({"id": str, "kind": str, "title_en": str, "title_zh": str, "author_en": str, "author_zh": str,
                             "date": str, "citation": str, "summary_en": str, "summary_zh": str, "url": str,
                             "report_pages": str, "source_file": str}, pk="id")
    db["proposals"].create({"id": str, "commentary_id": str, "number": str, "heading_en": str, "heading_zh": str,
                            "text_en": str, "text_zh": str, "sort_order": int}, pk="id",
                           foreign_keys=[("commentary_id", "commentary", "id")])
    db["proposal_obligations"].create({"proposal_id": str, "obligation_id": str}, pk=("proposal_id", "obligation_id"),
                                      foreign_keys=[("proposal_id", "proposals", "id"), ("obligation_id", "obligations", "id")])
    for table, link in (("practices", "practice_obligations"), ("principles", "principle_obligations")):
        db[table].create({"id": str, "commentary_id": str, "number": str, "title_en": str, "title_zh": str,
                          "organisation_en": str, "organisation_zh": str, "text_en": str, "text_zh": str,
                          "report_pages": str, "source_file": str}, pk="id",
                         foreign_keys=[("commentary_id", "commentary", "id")])
        key = table[:-1] + "_id"
        db[link].create({key: str, "obligation_id": str}, pk=(key, "obligation_id"),
                        foreign_keys=[(key, table, "id"), ("obligation_id", "obligations", "id")])
        db[link].create_index(["obligation_id"])
    db["proposal_obligations"].create_index(["obligation_id"])
    for table, column in (("provisions", "instrument_id"), ("obligations", "topic_id"), ("actors", "ecosystem_role"),
                          ("actors", "jurisdiction"), ("instruments", "jurisdiction"), ("cases", "jurisdiction"),
                          ("provision_obligations", "obligation_id"), ("provision_obligations", "actor_id"),
                          ("case_provisions", "provision_id"), ("instrument_relations", "to_id"),
                          ("case_relations", "to_id"), ("provision_topics", "topic_id"),
                          ("instrument_topics", "topic_id"), ("errata", "record_id")):
        db[table].create_index([column])


def _insert_rows(db: sqlite_utils.Database, corpus: model.Corpus) -> None:
    db["jurisdictions"].insert_all(
        {"code": j.code, "name_en": j.name_en, "name_zh": j.name_zh, "parent": j.parent} for j in corpus.jurisdictions)
    db["levels"].insert_all({"code": c, "name_en": en, "name_zh": zh, "rank": rank} for c, en, zh, rank in model.LEVELS)
    db["ecosystem_roles"].insert_all({"id": k, "name_en": en, "name_zh": zh} for k, (en, zh) in model.ECOSYSTEM_ROLES.items())
    db["topics"].insert_all(vars(t) for t in corpus.topics)
    db["obligations"].insert_all(vars(o) for o in corpus.obligations)
    db["actors"].insert_all(vars(a) for a in corpus.actors)
    instruments, provisions, provision_topics, links, instrument_topics, relations = [], [], [], [], [], []
    for i in corpus.instruments:
        instruments.append({
            "id": i.id, "jurisdiction": i.jurisdiction, "kind": i.kind, "title_en": i.title_en, "title_zh": i.title_zh,
            "short_title": i.short_title, "citation": i.citation, "issuer_en": i.issuer_en, "issuer_zh": i.issuer_zh,
            "date_introduced": i.date_introduced, "date_adopted": i.date_adopted, "date_published": i.date_published,
            "date_effective": i.date_effective, "status": i.status, "force": i.force, "level": i.level,
            "summary_en": i.summary_en, "summary_zh": i.summary_zh, "report_pages": i.report_pages, "url": i.url,
            "official_journal": i.official_journal, "sources": _dumps(i.sources), "source_file": i.source_file,
        })
        instrument_topics.extend({"instrument_id": i.id, "topic_id": t} for t in dict.fromkeys(i.topics))
        relations.extend(vars(r) for r in i.relations)
        for p in i.provisions:
            provisions.append({
                "id": p.id, "instrument_id": i.id, "number": p.number, "number_zh": p.number_zh,
                "heading_en": p.heading_en, "heading_zh": p.heading_zh, "text_en": p.text_en, "text_zh": p.text_zh,
                "text_kind": p.text_kind, "text_source": p.text_source, "report_pages": p.report_pages,
                "sort_order": p.sort_order, "aliases": "; ".join(p.aliases) or None,
            })
            provision_topics.extend({"provision_id": p.id, "topic_id": t} for t in dict.fromkeys(p.topics))
            links.extend(vars(link) for link in p.obligations)
    db["instruments"].insert_all(instruments)
    db["instrument_topics"].insert_all(instrument_topics, ignore=True)
    db["provisions"].insert_all(provisions)
    db["provision_topics"].insert_all(provision_topics, ignore=True)
    db["provision_obligations"].insert_all(links, ignore=True)
    db["instrument_relations"].insert_all(relations, ignore=True)
    cases, case_links, case_relations = [], [], []
    for c in corpus.cases:
        row = {k: v for k, v in vars(c).items() if k not in ("provisions", "relations")}
        row["sources"] = _dumps(c.sources)
        cases.append(row)
        case_links.extend(vars(link) for link in c.provisions)
        case_relations.extend(vars(r) for r in c.relations)
    db["cases"].insert_all(cases)
    db["case_provisions"].insert_all(case_links, ignore=True)
    db["case_relations"].insert_all(case_relations, ignore=True)
    db["errata"].insert_all(
        {"id": n, "record_id": e.record_id, "field": e.field, "report_pages": e.report_pages,
         "report_says": e.report_says, "correct": e.correct, "source": e.source}
        for n, e in enumerate(corpus.errata, start=1))
    db["commentary"].insert_all({k: v for k, v in vars(c).items() if k != "proposals"} for c in corpus.commentary)
    db["proposals"].insert_all({k: v for k, v in vars(p).items() if k != "obligations"}
                               for c in corpus.commentary for p in c.proposals)
    db["proposal_obligations"].insert_all(({"proposal_id": p.id, "obligation_id": o} for c in corpus.commentary
                                           for p in c.proposals for o in p.obligations), ignore=True)
    for table, link, items in (("practices", "practice_obligations", corpus.practices),
                               ("principles", "principle_obligations", corpus.principles)):
        db[table].insert_all({k: v for k, v in vars(p).items() if k != "obligations"} for p in items)
        db[link].insert_all(({table[:-1] + "_id": p.id, "obligation_id": o} for p in items for o in p.obligations),
                            ignore=True)
    db["glossary"].insert_all(
        {"id": n, "terms_en": " | ".join(g.en), "terms_zh": " | ".join(g.zh)} for n, g in enumerate(corpus.glossary, start=1))


def _fts_source_rows(db: sqlite_utils.Database, table: str, segment):
    columns = FTS_COLUMNS[table]
    if table == "provisions":
        sql = """select p.rowid as rowid, coalesce(i.short_title, '') || ' ' || coalesce(i.citation, '') || ' '
                 || i.title_en || ' ' || i.title_zh as instrument, p.number || ' ' || coalesce(p.number_zh, '') as number,
                 p.heading_en, p.heading_zh, p.text_en, p.text_zh
                 from provisions p join instruments i on i.id = p.instrument_id order by p.rowid"""
    else:
        sql = f"select rowid, {', '.join(columns)} from {table} order by rowid"
    for row in db.query(sql):
        # English columns can contain Chinese names too: segment every column (a no-op without CJK).
        yield {"rowid": row["rowid"], **{c: segment(row[c]) for c in columns}}


def _create_fts(db: sqlite_utils.Database, segment) -> None:
    for table, columns in FTS_COLUMNS.items():
        fts = f"{table}_fts"
        column_sql = ", ".join(f"[{c}]" for c in columns)
        db.execute(f"create virtual table [{fts}] using fts5({column_sql}, tokenize='{FTS_TOKENIZE}')")
        placeholders = ", ".join(["?"] * (len(columns) + 1))
        db.conn.executemany(
            f"insert into [{fts}] (rowid, {column_sql}) values ({placeholders})",
            ([row["rowid"], *(row[c] for c in columns)] for row in _fts_source_rows(db, table, segment)))


VIEWS = {
    # One row per provision with everything a lawyer needs to read it in context.
    "provisions_detail": """
        select p.id, p.number, p.number_zh, i.short_title, i.citation, i.jurisdiction, i.force, i.status,
               p.heading_en, p.heading_zh,
               (select group_concat(o.name_en || ' [' || po.modality || ', ' || a.name_en || ']', '; ')
                  from provision_obligations po join obligations o on o.id = po.obligation_id
                  join actors a on a.id = po.actor_id where po.provision_id = p.id) as obligations_en,
               (select group_concat(o.name_zh || '【' || po.modality || '，' || a.name_zh || '】', '；')
                  from provision_obligations po join obligations o on o.id = po.obligation_id
                  join actors a on a.id = po.actor_id where po.provision_id = p.id) as obligations_zh,
               (select group_concat(distinct a.ecosystem_role) from provision_obligations po
                  join actors a on a.id = po.actor_id where po.provision_id = p.id) as ecosystem_roles,
               (select group_concat(distinct t) from (
                    select o.topic_id as t from provision_obligations po join obligations o on o.id = po.obligation_id
                     where po.provision_id = p.id
                    union select pt.topic_id from provision_topics pt where pt.provision_id = p.id)) as topics,
               p.text_en, p.text_zh, p.text_kind, p.instrument_id
          from provisions p join instruments i on i.id = p.instrument_id
         order by i.jurisdiction, i.id, p.sort_order""",
    # Who must (not) / may do what, under which provision: the obligation graph flattened.
    "duties": """
        select a.ecosystem_role, po.actor_id, a.name_en as actor_en, a.name_zh as actor_zh, po.modality,
               po.obligation_id, o.name_en as obligation_en, o.name_zh as obligation_zh, o.topic_id,
               po.provision_id, p.number, i.id as instrument_id, i.short_title, i.jurisdiction, i.force, i.status
          from provision_obligations po
          join actors a on a.id = po.actor_id
          join obligations o on o.id = po.obligation_id
          join provisions p on p.id = po.provision_id
          join instruments i on i.id = p.instrument_id
         order by a.ecosystem_role, o.topic_id, i.jurisdiction""",
    # Cases with the provisions they applied, one row per link.
    "case_provisions_detail": """
        select c.id as case_id, c.title_en, c.title_zh, c.jurisdiction, c.date_decided, cp.relation,
               cp.provision_id, p.number, i.short_title, i.citation as instrument_citation
          from case_provisions cp
          join cases c on c.id = cp.case_id
          join provisions p on p.id = cp.provision_id
          join instruments i on i.id = p.instrument_id
         order by c.date_decided, c.id""",
}


def _create_views(db: sqlite_utils.Database) -> None:
    for name, sql in VIEWS.items():
        db.create_view(name, sql)


def verify_database(path: Path) -> list[str]:
    """Problems found in a built database; an empty list means it is sound.

    Runs SQLite's integrity and foreign-key checks, FTS5's own integrity check,
    and checks that every full-text table holds exactly the rows of its table.
    """
    path = Path(path)
    if not path.exists():
        return [f"{path}: no database; run 'kb build'"]
    import sqlite3

    try:
        # read-write only because FTS5's integrity check is spelled as an INSERT;
        # it writes nothing, and the transaction is rolled back regardless.
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        return [f"{path}: not a readable SQLite database ({exc}); rebuild it with 'kb build'"]
    problems: list[str] = []
    try:
        result = [row[0] for row in conn.execute("pragma integrity_check")]
        if result != ["ok"]:
            problems.extend(f"{path}: integrity: {line}" for line in result[:20])
        for table, rowid, parent, _fk in conn.execute("pragma foreign_key_check"):
            problems.append(f"{path}: {table} row {rowid} points to a missing {parent} row")
        names = {row[0] for row in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
        for required in ("instruments", "provisions", "cases", "obligations", "kb_build"):
            if required not in names:
                problems.append(f"{path}: table '{required}' is missing; this is not a facelaw database or it is damaged")
        for table in FTS_COLUMNS:
            fts = f"{table}_fts"
            if table not in names or fts not in names:
                continue
            try:
                conn.execute(f"insert into [{fts}]([{fts}]) values ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"{path}: full-text index {fts} is damaged ({exc})")
            missing = conn.execute(f"select count(*) from [{table}] where rowid not in (select rowid from [{fts}])").fetchone()[0]
            extra = conn.execute(f"select count(*) from [{fts}] where rowid not in (select rowid from [{table}])").fetchone()[0]
            if missing or extra:
                problems.append(f"{path}: {fts} is out of step with {table} ({missing} rows unindexed, {extra} stray)")
    except sqlite3.DatabaseError as exc:
        problems.append(f"{path}: cannot be checked ({exc}); rebuild it with 'kb build'")
    finally:
        conn.rollback()
        conn.close()
    return problems


def data_digest(path: Path) -> str:
    """A digest of every row of every table (not of the file's bytes).

    Two builds of the same corpus give the same digest, whatever SQLite's page
    layout; any change of data changes it.
    """
    import hashlib
    import sqlite3

    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
            "and name not like '%_fts_%' order by name")]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f"select * from [{table}] order by 1, 2"):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()
