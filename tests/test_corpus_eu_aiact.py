"""The EU AI Act lineage: White Paper, proposal, Regulation (EU) 2024/1689, the prohibitions guidelines and the
withdrawn AI Liability Directive proposal. Pins the facts a lawyer relies on."""


import pytest

from corpus_helpers import row, hits


@pytest.mark.parametrize("instrument,field,value", [
    ("eu-aia", "citation", "Regulation (EU) 2024/1689"),
    ("eu-aia", "short_title", "AI Act"),
    ("eu-aia", "date_adopted", "2024-06-13"),
    ("eu-aia", "date_published", "2024-07-12"),
    ("eu-aia", "date_effective", "2024-08-01"),
    ("eu-aia", "status", "partially_in_force"),
    ("eu-aia", "force", "binding"),
    ("eu-aia", "level", "eu_regulation"),
    ("eu-aia", "official_journal", "OJ L, 2024/1689, 12.7.2024"),
    ("eu-aia-proposal", "citation", "COM(2021) 206 final"),
    ("eu-aia-proposal", "date_introduced", "2021-04-21"),
    ("eu-aia-proposal", "status", "superseded"),
    ("eu-ai-white-paper", "citation", "COM(2020) 65 final"),
    ("eu-ai-white-paper", "date_published", "2020-02-19"),
    ("eu-ai-white-paper", "force", "soft"),
    ("eu-ai-white-paper", "status", "superseded"),
    ("eu-ai-liability-directive-proposal", "citation", "COM(2022) 496 final"),
    ("eu-ai-liability-directive-proposal", "date_introduced", "2022-09-28"),
    ("eu-ai-liability-directive-proposal", "status", "withdrawn"),
    ("eu-aia-prohibitions-guidelines", "citation", "C(2025) 5052 final"),
    ("eu-aia-prohibitions-guidelines", "date_adopted", "2025-07-29"),
    ("eu-aia-prohibitions-guidelines", "date_introduced", "2025-02-04"),
    ("eu-aia-prohibitions-guidelines", "force", "soft"),
    ("eu-aia-prohibitions-guidelines", "status", "current"),
])
def test_instrument_facts(db, instrument, field, value):
    assert row(db, f"select {field} from instruments where id = ?", instrument)[0] == value


def test_summary_carries_vote_application_stages_and_omnibus(db):
    summary = row(db, "select summary_en from instruments where id = 'eu-aia'")[0]
    for fact in ("13 March 2024", "523 in favour, 46 against", "49 abstentions", "21 May 2024", "2 February 2025",
                 "2 August 2025", "2 August 2026", "Regulation (EU) 2026/1744", "2 December 2027", "2 August 2028",
                 "EUR 35 million", "7 %"):
        assert fact in summary, fact
    ald = row(db, "select summary_en from instruments where id = 'eu-ai-liability-directive-proposal'")[0]
    assert "11 February 2025" in ald and "C/2025/5423" in ald and "6 October 2025" in ald


def test_relations_between_the_texts(db):
    rel = {(r[0], r[1], r[2]) for r in db.execute("select from_id, relation, to_id from instrument_relations")}
    assert ("eu-aia", "finalises", "eu-aia-proposal") in rel
    assert ("eu-aia-proposal", "based_on", "eu-ai-white-paper") in rel
    assert ("eu-aia-prohibitions-guidelines", "based_on", "eu-aia") in rel


@pytest.mark.parametrize("pid,number", [
    ("eu-aia-art3-34", "Art. 3(34)"), ("eu-aia-art3-35", "Art. 3(35)"), ("eu-aia-art3-36", "Art. 3(36)"),
    ("eu-aia-art3-39", "Art. 3(39)"), ("eu-aia-art3-40", "Art. 3(40)"), ("eu-aia-art3-41", "Art. 3(41)"),
    ("eu-aia-art3-42", "Art. 3(42)"), ("eu-aia-art3-43", "Art. 3(43)"), ("eu-aia-art3-44", "Art. 3(44)"),
    ("eu-aia-art5-1-e", "Art. 5(1)(e)"), ("eu-aia-art5-1-f", "Art. 5(1)(f)"), ("eu-aia-art5-1-g", "Art. 5(1)(g)"),
    ("eu-aia-art5-1-h", "Art. 5(1)(h)"), ("eu-aia-art5-3", "Art. 5(3)"), ("eu-aia-art14-5", "Art. 14(5)"),
    ("eu-aia-art26-10", "Art. 26(10)"), ("eu-aia-art27", "Art. 27"), ("eu-aia-art50-3", "Art. 50(3)"),
    ("eu-aia-art72", "Art. 72"), ("eu-aia-art99-3", "Art. 99(3)"), ("eu-aia-art113", "Art. 113"),
    ("eu-aia-annex3-1", "Annex III, point 1"), ("eu-aia-recital43", "Recital 43"),
    ("eu-aia-proposal-art5-1-d", "Art. 5(1)(d)"), ("eu-aia-proposal-art28", "Art. 28"),
    ("eu-aia-proposal-art29", "Art. 29"), ("eu-aia-proposal-art61", "Art. 61"),
    ("eu-aild-proposal-art3", "Art. 3"), ("eu-aild-proposal-art4", "Art. 4"),
])
def test_provision_numbers(db, pid, number):
    assert row(db, "select number from provisions where id = ?", pid)[0] == number


@pytest.mark.parametrize("pid,alias", [
    ("eu-aia-art5-1-e", "Art. 5(1)(db) (EP amendments, 2023)"),
    ("eu-aia-art5-1-f", "Art. 5(1)(dc)"),
    ("eu-aia-art5-1-g", "Art. 5(1)(de)"),
    ("eu-aia-art5-1-d", "Art. 5(1)(da)"),
    ("eu-aia-art3-41", "Art. 3(1)(36)"),
    ("eu-aia-art3-42", "Art. 3(1)(37)"),
    ("eu-aia-recital43", "Recital 26b"),
])
def test_draft_numbers_are_aliases_of_the_final_provisions(db, pid, alias):
    assert alias in row(db, "select aliases from provisions where id = ?", pid)[0]


def test_draft_citations_find_the_final_provision(real_build):
    assert hits(real_build, "AI Act Art. 5(1)(db)", limit=1) == ["eu-aia-art5-1-e"]
    assert hits(real_build, "AI Act Article 3(1)(36)", limit=1) == ["eu-aia-art3-41"]


@pytest.mark.parametrize("pid,obligation,actor,modality", [
    ("eu-aia-art5-1-e", "ban-untargeted-scraping", "eu-aia-provider", "must_not"),
    ("eu-aia-art5-1-e", "ban-untargeted-scraping", "eu-aia-deployer", "must_not"),
    ("eu-aia-art5-1-f", "ban-emotion-recognition", "eu-aia-deployer", "must_not"),
    ("eu-aia-art5-1-g", "ban-biometric-categorisation", "eu-aia-provider", "must_not"),
    ("eu-aia-art5-1-h", "ban-realtime-remote-biometric-id", "eu-law-enforcement-authority", "must_not"),
    ("eu-aia-art5-3", "law-enforcement-authorisation", "eu-law-enforcement-authority", "must"),
    ("eu-aia-art26-10", "law-enforcement-authorisation", "eu-aia-deployer", "must"),
    ("eu-aia-annex3-1", "high-risk-conformity", "eu-aia-provider", "must"),
    ("eu-aia-art11", "technical-documentation", "eu-aia-provider", "must"),
    ("eu-aia-art12", "logging", "eu-aia-provider", "must"),
    ("eu-aia-art14-5", "human-oversight", "eu-aia-deployer", "must"),
    ("eu-aia-art17", "quality-management", "eu-aia-provider", "must"),
    ("eu-aia-art27", "assess-impact", "eu-aia-deployer", "must"),
    ("eu-aia-art49", "eu-aia-registration", "eu-aia-provider", "must"),
    ("eu-aia-art99-3", "administrative-penalties", "eu-market-surveillance-authority", "may"),
])
def test_provisions_link_to_obligations(db, pid, obligation, actor, modality):
    assert row(db, "select modality from provision_obligations where provision_id = ? and obligation_id = ? "
                   "and actor_id = ?", pid, obligation, actor)[0] == modality


def test_key_texts(db):
    art53 = row(db, "select text_en from provisions where id = 'eu-aia-art5-3'")[0]
    assert "24 hours" in art53 and "judicial authority" in art53
    assert "48" in row(db, "select text_en from provisions where id = 'eu-aia-art26-10'")[0]
    assert "two natural persons" in row(db, "select text_en from provisions where id = 'eu-aia-art14-5'")[0]
    fines = row(db, "select text_en from provisions where id = 'eu-aia-art99-3'")[0]
    assert "EUR 35 000 000" in fines and "7 %" in fines
    exceptions = row(db, "select text_en from provisions where id = 'eu-aia-art5-1-h'")[0]
    assert "(i)" in exceptions and "(ii)" in exceptions and "(iii)" in exceptions and "four years" in exceptions
    assert "Art. 72" in row(db, "select text_en from provisions where id = 'eu-aia-proposal-art61'")[0]
    assert "Art. 26" in row(db, "select text_en from provisions where id = 'eu-aia-proposal-art29'")[0]
    assert "Art. 25(1)" in row(db, "select text_en from provisions where id = 'eu-aia-proposal-art28'")[0]


def test_errata_record_the_reports_mistakes(db):
    def correct(record):
        return " ".join(r[0] for r in db.execute("select correct from errata where record_id = ?", [record]))
    assert "COM(2021) 206" in correct("eu-aia-proposal")
    assert "2020-02-19" in correct("eu-ai-white-paper")
    assert "21 May 2024" in correct("eu-aia")
    assert "Recital 35" in correct("eu-aia-recital35")
    assert "Recital 17" in correct("eu-aia-recital17")
    assert "Recital 39" in correct("eu-aia-recital39")
    assert "post-remote" in correct("eu-aia-art5-1-h")
    assert "workplace" in correct("eu-aia-art5-1-f")
    assert "C/2025/5423" in correct("eu-ai-liability-directive-proposal")


@pytest.mark.parametrize("query", ["untargeted scraping facial images", "无差别 抓取 面部图像"])
def test_scraping_ban_is_found_in_both_languages(real_build, query):
    assert "eu-aia-art5-1-e" in hits(real_build, query)


@pytest.mark.parametrize("query,expected", [
    ("Article 5(1)(h) AI Act", "eu-aia-art5-1-h"),
    ("AI Act Art. 5(1)(e)", "eu-aia-art5-1-e"),
    ("Regulation (EU) 2024/1689 Art. 26(10)", "eu-aia-art26-10"),
    ("人工智能法 第5条第1款(h)项", "eu-aia-art5-1-h"),
    ("Recital 26b AI Act", "eu-aia-recital43"),
    ("Recital 24 AI Act", "eu-aia-recital39"),
    ("AI Act Recital 8", "eu-aia-recital17"),
])
def test_exact_citation_puts_the_provision_first(real_build, query, expected):
    assert hits(real_build, query, limit=1) == [expected]


@pytest.mark.parametrize("query,expected", [
    ("emotion recognition workplace", "eu-aia-art5-1-f"),
    ("执法 实时远程生物识别 例外", "eu-aia-art5-1-h"),
    ("real-time remote biometric identification law enforcement", "eu-aia-art5-1-h"),
    ("人工智能责任指令 因果关系推定", "eu-aild-proposal-art4"),
    ("情绪识别 工作场所", "eu-aia-art5-1-f"),
])
def test_word_queries_find_the_ban(real_build, query, expected):
    assert expected in hits(real_build, query)


def test_omnibus_prohibitions_do_not_renumber_the_face_recognition_bans(db):
    summary = row(db, "select summary_en from instruments where id = 'eu-aia'")[0]
    assert "Art. 5(1)(ba) and (bb)" in summary and "2 December 2026" in summary
    # "Art. 5(1)(ba)" is now a live number (Reg. (EU) 2026/1744), so it must not alias the categorisation ban.
    assert "5(1)(ba)" not in (row(db, "select aliases from provisions where id = 'eu-aia-art5-1-g'")[0] or "")
