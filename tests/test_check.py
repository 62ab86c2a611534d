"""The linter: every kind of broken input gives `path:line: message`, all in one run."""

import os
import re

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.corpus import load_corpus, valid_date

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<message>.+)$")


def errors(corpus):
    return [str(d) for d in load_corpus(corpus).errors]


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_corpus_is_clean(mini_corpus):
    result = load_corpus(mini_corpus)
    assert result.errors == []
    assert len(result.corpus.instruments) == 2
    assert [p.id for p in result.corpus.provisions()] == ["test-act-1", "test-act-2", "test-cn-law-art29"]


@pytest.mark.parametrize("file,old,new,expected", [
    ("instruments/act.md", "date_adopted: 2008-10-03", "date_adopted: 2023-02-30", "not a real ISO date"),
    ("instruments/act.md", "date_adopted: 2008-10-03", "date_adopted: 3 Oct 2008", "not a real ISO date"),
    ("instruments/act.md", "status: in_force", "status: alive", "'status' is 'alive'; use one of"),
    ("instruments/act.md", "force: binding", "force: strong", "'force' is 'strong'"),
    ("instruments/act.md", "title_zh: 测试生物识别法\n", "", "needs 'title_zh'"),
    ("instruments/act.md", "kind: statute", "kind: statute\nsponsor: someone", "unknown field 'sponsor'"),
    ("instruments/act.md", "modality: must}", "modality: should}", "'modality' is 'should'"),
    ("instruments/act.md", "obligation: written-consent,", "obligation: no-such-duty,", "unknown obligation 'no-such-duty'"),
    ("instruments/act.md", "actor: us-il-private-entity,", "actor: nobody,", "unknown actor 'nobody'"),
    ("instruments/act.md", "topics: [scope]", "topics: [nowhere]", "unknown topic 'nowhere'"),
    ("instruments/act.md", "jurisdiction: US-IL", "jurisdiction: US-ZZ", "unknown jurisdiction 'US-ZZ'"),
    ("instruments/act.md", "id: test-act-2", "id: test-act-1", "duplicate id 'test-act-1'"),
    ("instruments/act.md", "id: test-act\n", "id: Test Act\n", "not a valid id"),
    ("instruments/act.md", "text_kind: summary\ntext_en: Defines", "text_kind: official\ntext_en: Defines", "needs 'text_source'"),
    ("instruments/act.md", "text_zh: 界定生物识别标识符。\n", "", "has 'text_en' but no 'text_zh'"),
    ("instruments/act.md", "report_pages: \"15\"", "report_pages: page fifteen", "printed page numbers"),
    ("instruments/act.md", "summary_en: A test", "summary_en: [A test", "invalid YAML"),
    ("instruments/act.md", "---\nid: test-act", "id: test-act", "missing front matter"),
    ("instruments/act.md", "## § 1 Definitions\n", "Some stray prose.\n\n## § 1 Definitions\n", "text outside a yaml block"),
    ("instruments/act.md", "```yaml\nid: test-act-1", "```python\nid: test-act-1", "code block of type 'python'"),
    ("instruments/act.md", "kind: statute", "kind: statute\nkind: bill", "appears twice"),
    ("cases/case.md", "provision: test-act-2", "provision: test-act-9", "unknown provision 'test-act-9'"),
    ("cases/case.md", "date_decided: 2019-01-25\n", "", "needs 'date_decided'"),
    ("cases/case.md", "title_en: Doe", "amount: 1000\ntitle_en: Doe", "'amount' and 'currency' go together"),
    ("cases/case.md", "provisions:", "cases:\n  - {relation: appeal_of, to: test-case}\nprovisions:", "refers to itself"),
    ("taxonomy/obligations.yml", "topic: consent", "topic: nowhere", "unknown topic 'nowhere'"),
    ("taxonomy/actors.yml", "ecosystem_role: service_user\n  jurisdiction: US-IL", "ecosystem_role: king\n  jurisdiction: US-IL", "'ecosystem_role' is 'king'"),
    ("taxonomy/jurisdictions.yml", "parent: US", "parent: XX", "unknown jurisdiction 'XX'"),
])
def test_each_error_is_reported_with_file_and_line(mini_corpus, file, old, new, expected):
    replace(mini_corpus / file, old, new)
    found = errors(mini_corpus)
    matching = [e for e in found if expected in e]
    assert matching, found
    for error in matching:
        match = LINE.match(error)
        assert match, error
        assert match["path"].endswith(os.path.basename(file)) or "/" in match["path"]
        assert int(match["line"]) >= 1


def test_case_without_a_number_is_a_flagged_gap_not_an_error(mini_corpus):
    replace(mini_corpus / "cases/case.md", "citation: 2019 TEST 1\n", "")
    result = load_corpus(mini_corpus)
    assert not result.errors
    assert any("no 'docket' (case number) or 'citation' yet (gap)" in str(w) for w in result.warnings)


def test_line_numbers_point_at_the_field(mini_corpus):
    path = mini_corpus / "instruments/act.md"
    replace(path, "status: in_force", "status: alive")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("status:"))
    assert any(e.endswith(f"act.md:{line}: 'status' is 'alive'; use one of: " + e.split("use one of: ")[1]) for e in errors(mini_corpus) if "alive" in e)


def test_provision_line_numbers_are_absolute(mini_corpus):
    path = mini_corpus / "instruments/act.md"
    replace(path, "modality: must}", "modality: should}")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "modality: should" in text)
    assert any(f"act.md:{line}:" in e for e in errors(mini_corpus))


def test_all_errors_in_one_run(mini_corpus):
    replace(mini_corpus / "instruments/act.md", "status: in_force", "status: alive")
    replace(mini_corpus / "cases/case.md", "date_decided: 2019-01-25", "date_decided: 2019-13-01")
    replace(mini_corpus / "taxonomy/obligations.yml", "topic: consent", "topic: nowhere")
    found = errors(mini_corpus)
    assert any("alive" in e for e in found)
    assert any("2019-13-01" in e for e in found)
    assert any("nowhere" in e for e in found)


def test_duplicate_ids_across_files(mini_corpus):
    (mini_corpus / "cases/copy.md").write_text((mini_corpus / "cases/case.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert any("duplicate id 'test-case'" in e and "copy.md" in e for e in errors(mini_corpus))


def test_circular_instrument_relations(mini_corpus):
    replace(mini_corpus / "instruments/act.md", "status: in_force", "status: in_force\nrelations:\n  - {relation: amends, to: test-cn-law}")
    replace(mini_corpus / "instruments/cnlaw.md", "status: in_force", "status: in_force\nrelations:\n  - {relation: amends, to: test-act}")
    assert any("circular 'amends' relation" in e for e in errors(mini_corpus))


@pytest.mark.parametrize("content,expected", [
    (b"", "file is empty"),
    (b"---\nid: x\n\x00\x01binary", "file is binary"),
    ("---\nid: 测试\n".encode("gb18030"), "not valid UTF-8"),
])
def test_unreadable_content(mini_corpus, content, expected):
    (mini_corpus / "instruments/bad.md").write_bytes(content)
    assert any(expected in e and "bad.md:" in e for e in errors(mini_corpus))


def test_bom_and_crlf_are_accepted(mini_corpus):
    path = mini_corpus / "instruments/act.md"
    data = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + data.encode("utf-8"))
    assert errors(mini_corpus) == []


def test_symlink_loop_is_reported(mini_corpus):
    os.symlink(mini_corpus / "cases", mini_corpus / "cases" / "loop")
    found = errors(mini_corpus)
    assert any("loop" in e for e in found)


def test_orphan_obligations_are_warnings_and_strict_fails(mini_corpus):
    with open(mini_corpus / "taxonomy/obligations.yml", "a", encoding="utf-8") as handle:
        handle.write("- id: lonely\n  topic: consent\n  name_en: Lonely\n  name_zh: 孤立\n  description_en: Unused.\n  description_zh: 未使用。\n")
    result = load_corpus(mini_corpus)
    assert result.errors == []
    assert any("'lonely'" in str(w) and "orphan" in str(w) for w in result.warnings)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--corpus", str(mini_corpus)]).exit_code == 0
    assert runner.invoke(main, ["check", "--corpus", str(mini_corpus), "--strict"]).exit_code == 1


def test_cli_check_exit_status_and_no_traceback(mini_corpus):
    replace(mini_corpus / "instruments/act.md", "summary_en: A test", "summary_en: [A test")
    replace(mini_corpus / "cases/case.md", "date_decided: 2019-01-25", "date_decided: 2019-02-30")
    result = CliRunner().invoke(main, ["check", "--corpus", str(mini_corpus)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "invalid YAML" in result.output and "2019-02-30" in result.output


def test_missing_corpus_folder(tmp_path):
    result = CliRunner().invoke(main, ["check", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "corpus folder not found" in result.output


@pytest.mark.parametrize("value,ok", [("2019-01-25", True), ("2019-01", True), ("2019", True),
                                      ("2023-02-30", False), ("2019-1-5", False), ("25/01/2019", False)])
def test_dates(value, ok):
    assert valid_date(value) is ok


def test_provision_outside_any_section(mini_corpus):
    replace(mini_corpus / "instruments/act.md", "## § 1 Definitions\n", "```yaml\nid: floating\n```\n\n## § 1 Definitions\n")
    assert any("outside any '## ' section" in e for e in errors(mini_corpus))


def test_enormous_file(mini_corpus):
    (mini_corpus / "instruments/huge.md").write_bytes(b"---\nid: huge\n---\n" + b"x" * (3 * 1024 * 1024))
    assert any("huge.md:1: file is larger than" in e for e in errors(mini_corpus))


def test_unreadable_file(mini_corpus, monkeypatch):
    # Tests may run as root, for whom chmod 000 changes nothing: fail the read itself.
    from pathlib import Path

    real = Path.read_bytes

    def deny(self):
        if self.name == "act.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert any("act.md:1: cannot read the file (permission denied)" in e for e in errors(mini_corpus))


def test_front_matter_not_closed(mini_corpus):
    (mini_corpus / "cases/open.md").write_text("---\nid: open\ntitle_en: x\n", encoding="utf-8")
    assert any("open.md:1: front matter is not closed" in e for e in errors(mini_corpus))


def test_taxonomy_must_be_a_list(mini_corpus):
    (mini_corpus / "taxonomy/topics.yml").write_text("id: consent\nname_en: Consent\n", encoding="utf-8")
    assert any("topics.yml:1: the file must be a YAML list" in e for e in errors(mini_corpus))


def test_unexpected_file_type(mini_corpus):
    (mini_corpus / "cases/notes.txt").write_text("hello", encoding="utf-8")
    assert any("notes.txt:1: unexpected file type" in e for e in errors(mini_corpus))


def test_a_superseded_draft_is_dated_by_its_introduction(mini_corpus):
    act = mini_corpus / "instruments/act.md"
    replace(act, "kind: statute", "kind: draft_rule")
    replace(act, "status: in_force", "status: superseded")
    replace(act, "date_adopted: 2008-10-03", "date_introduced: 2008-10-03")
    assert not [w for w in load_corpus(mini_corpus).warnings if "test-act" in str(w) and "date_" in str(w)]
    replace(act, "date_introduced: 2008-10-03", "")
    assert any("'test-act' has no date_introduced" in str(w) for w in load_corpus(mini_corpus).warnings)
