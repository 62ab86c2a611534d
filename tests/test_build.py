"""`kb build`: the SQLite schema, keys, FTS in both languages, atomic replacement."""

import sqlite3

import pytest
import sqlite_utils
from click.testing import CliRunner

from kb.build import BuildError, build, index_path_for, needs_build
from kb.cli import main

DESIGN_COLUMNS = {
    "jurisdictions": {"code", "name_en", "name_zh", "parent"},
    "instruments": {"id", "jurisdiction", "kind", "title_en", "title_zh", "short_title", "citation", "issuer_en",
                    "issuer_zh", "date_adopted", "date_effective", "status", "force", "level", "summary_en",
                    "summary_zh", "report_pages", "url"},
    "provisions": {"id", "instrument_id", "number", "heading_en", "heading_zh", "text_en", "text_zh", "text_kind",
                   "sort_order"},
    "topics": {"id", "name_en", "name_zh", "description_en", "description_zh"},
    "obligations": {"id", "topic_id", "name_en", "name_zh", "description_en", "description_zh"},
    "actors": {"id", "name_en", "name_zh", "ecosystem_role", "jurisdiction", "description_en", "description_zh"},
    "provision_obligations": {"provision_id", "obligation_id", "actor_id", "modality"},
    "cases": {"id", "jurisdiction", "kind", "title_en", "title_zh", "forum_en", "forum_zh", "docket", "citation",
              "date_decided", "outcome_en", "outcome_zh", "amount", "currency", "facts_en", "facts_zh", "holding_en",
              "holding_zh", "report_pages", "url"},
    "case_provisions": {"case_id", "provision_id", "relation"},
    "instrument_relations": {"from_id", "to_id", "relation"},
    "errata": {"record_id", "report_pages", "report_says", "correct", "source"},
}


def fts_ids(db_path, table, query):
    db = sqlite_utils.Database(db_path)
    return [r["id"] for r in db.query(
        f"select id from {table} where rowid in (select rowid from {table}_fts where {table}_fts match ?)", [query])]


def test_design_schema_is_present(mini_build):
    db = sqlite_utils.Database(mini_build.db_path)
    for table, columns in DESIGN_COLUMNS.items():
        assert columns <= set(db[table].columns_dict), table


def test_foreign_keys_are_declared_and_hold(mini_build):
    db = sqlite_utils.Database(mini_build.db_path)
    fks = {(fk.column, fk.other_table) for fk in db["provision_obligations"].foreign_keys}
    assert fks == {("provision_id", "provisions"), ("obligation_id", "obligations"), ("actor_id", "actors")}
    assert {(fk.column, fk.other_table) for fk in db["provisions"].foreign_keys} == {("instrument_id", "instruments")}
    assert list(db.query("pragma foreign_key_check")) == []
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_rows_and_links(mini_build):
    db = sqlite_utils.Database(mini_build.db_path)
    assert db["provisions"].count == 3
    row = db["provision_obligations"].get(("test-act-2", "written-consent", "us-il-private-entity"))
    assert row["modality"] == "must"
    assert db["case_provisions"].get(("test-case", "test-act-2"))["relation"] == "interpreted"
    detail = next(db.query("select * from provisions_detail where id = 'test-cn-law-art29'"))
    assert "Obtain separate consent" in detail["obligations_en"] and detail["topics"] == "consent"


def test_fts_finds_both_languages_without_showing_segmentation(mini_build):
    assert fts_ids(mini_build.db_path, "provisions", '"单独同意"') == ["test-cn-law-art29"]
    assert fts_ids(mini_build.db_path, "provisions", "consent") == ["test-act-2", "test-cn-law-art29"]
    # stemming: "consents" finds "consent"
    assert "test-act-2" in fts_ids(mini_build.db_path, "provisions", "release")
    db = sqlite_utils.Database(mini_build.db_path)
    # the lawyer-facing column keeps the original, unsegmented text
    assert db["provisions"].get("test-cn-law-art29")["text_zh"] == "处理人脸信息等敏感个人信息应当取得个人的单独同意。"


def test_failed_build_leaves_previous_database(mini_corpus, tmp_path):
    out = tmp_path / "out" / "kb.db"
    build(mini_corpus, out)
    before = out.read_bytes()
    bad = mini_corpus / "instruments" / "act.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("status: in_force", "status: alive"), encoding="utf-8")
    with pytest.raises(BuildError):
        build(mini_corpus, out)
    assert out.read_bytes() == before
    assert index_path_for(out).is_dir()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".tmp-")]


def test_rebuild_replaces_database_and_index(mini_corpus, tmp_path):
    out = tmp_path / "kb.db"
    build(mini_corpus, out)
    path = mini_corpus / "instruments" / "act.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Test Biometric Act", "Renamed Biometric Act"), encoding="utf-8")
    assert needs_build(mini_corpus, out)
    build(mini_corpus, out)
    assert sqlite_utils.Database(out)["instruments"].get("test-act")["title_en"] == "Renamed Biometric Act"
    assert len([p for p in tmp_path.iterdir() if p.name.startswith("index-")]) == 1
    assert not needs_build(mini_corpus, out)


def test_leftovers_of_an_interrupted_build_are_removed(mini_corpus, tmp_path):
    out = tmp_path / "kb.db"
    stale = tmp_path / ".tmp-kb.db-999999999"
    stale.write_bytes(b"half written")
    build(mini_corpus, out)
    assert not stale.exists()
    sqlite3.connect(out).execute("select count(*) from provisions").fetchone()


def test_cli_build_prints_counts_and_fails_cleanly(mini_corpus, tmp_path):
    runner = CliRunner()
    out = tmp_path / "kb.db"
    result = runner.invoke(main, ["build", "--corpus", str(mini_corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "provisions" in result.output and "3" in result.output
    (mini_corpus / "instruments" / "act.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--corpus", str(mini_corpus), "--out", str(out)])
    assert result.exit_code == 1
    assert "act.md:" in result.output and "was not changed" in result.output
    assert "Traceback" not in result.output


def test_commentary_practices_and_principles_are_linked(mini_build):
    db = sqlite_utils.Database(mini_build.db_path)
    assert db["proposals"].get("test-article-p1")["commentary_id"] == "test-article"
    assert db["proposal_obligations"].get(("test-article-p1", "separate-consent"))
    assert db["practice_obligations"].get(("test-practice", "written-consent"))
    assert db["principles"].get("test-principle")["commentary_id"] == "test-article"
    assert fts_ids(mini_build.db_path, "practices", '"书面同意"') == ["test-practice"]


def test_unchanged_corpus_is_not_rebuilt_unless_forced(mini_corpus, tmp_path):
    out = tmp_path / "kb.db"
    first = build(mini_corpus, out)
    assert not first.up_to_date and "whoosh" in first.stages
    again = build(mini_corpus, out)
    assert again.up_to_date and again.counts["provisions"] == 3
    forced = build(mini_corpus, out, force=True)
    assert not forced.up_to_date
