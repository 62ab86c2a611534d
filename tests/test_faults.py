"""Faults: interrupted and concurrent builds, damaged databases, reproducibility."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.build import build, index_path_for
from kb.cli import main
from kb.search import search
from kb.store import data_digest, verify_database
from kb.synthetic import generate


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A corpus big enough that a build takes a few seconds."""
    return generate(tmp_path_factory.mktemp("syn") / "corpus", provisions=600)


@pytest.fixture(scope="module")
def synthetic_digest(synthetic, tmp_path_factory):
    """The data digest of a complete build of the synthetic corpus."""
    out = tmp_path_factory.mktemp("syn-out") / "kb.db"
    build(synthetic, out)
    return data_digest(out)


def _start_build(corpus, out):
    return subprocess.Popen([sys.executable, "-m", "kb.cli", "build", "--corpus", str(corpus), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _usable(out: Path) -> None:
    assert verify_database(out) == []
    assert search(index_path_for(out), "consent").total >= 0


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("delay", [0.3, 1.2, 2.5])
def test_interrupted_build_keeps_previous_database(synthetic, synthetic_digest, mini_corpus, tmp_path, sig, delay):
    out = tmp_path / "kb.db"
    build(mini_corpus, out)  # the previous, good build
    digest = data_digest(out)
    process = _start_build(synthetic, out)
    time.sleep(delay)
    process.send_signal(sig)
    process.wait(timeout=120)
    # either the old database or, if the signal came after the new one was in place,
    # the complete new one — never a mixture or a broken file
    _usable(out)
    assert data_digest(out) in (digest, synthetic_digest)
    if process.returncode == 0:
        assert data_digest(out) == synthetic_digest
    # the next build cleans up whatever the interrupted one left behind
    build(mini_corpus, out)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    assert leftovers == []
    _usable(out)


def test_two_builds_at_once_do_not_corrupt_each_other(synthetic, tmp_path):
    out = tmp_path / "kb.db"
    first, second = _start_build(synthetic, out), _start_build(synthetic, out)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    _usable(out)


def test_build_is_reproducible(mini_corpus, tmp_path):
    build(mini_corpus, tmp_path / "a" / "kb.db")
    build(mini_corpus, tmp_path / "b" / "kb.db")
    assert data_digest(tmp_path / "a" / "kb.db") == data_digest(tmp_path / "b" / "kb.db")


def test_verify_reports_damage_and_serve_refuses(mini_corpus, tmp_path):
    out = tmp_path / "kb.db"
    build(mini_corpus, out)
    runner = CliRunner()
    assert runner.invoke(main, ["verify", "--db", str(out)]).exit_code == 0
    import sqlite3

    conn = sqlite3.connect(out)
    conn.execute("delete from provisions_fts where rowid = 1")
    conn.commit()
    conn.close()
    result = runner.invoke(main, ["verify", "--db", str(out)])
    assert result.exit_code == 1 and "provisions_fts is out of step" in result.output
    with open(out, "r+b") as handle:  # scribble over the middle of the file
        handle.seek(4096)
        handle.write(b"\xff" * 8192)
    os.utime(out, (time.time() + 60, time.time() + 60))  # newer than the corpus: serve will not rebuild
    result = runner.invoke(main, ["serve", "--corpus", str(mini_corpus), "--db", str(out), "--port", "1"])
    assert result.exit_code == 1
    assert "refusing to serve a damaged database" in result.output
    assert "Traceback" not in result.output


def test_check_only_is_the_same_check(mini_corpus):
    path = mini_corpus / "instruments" / "act.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: in_force", "status: alive"), encoding="utf-8")
    runner = CliRunner()
    check = runner.invoke(main, ["check", "--corpus", str(mini_corpus)])
    check_only = runner.invoke(main, ["build", "--check-only", "--corpus", str(mini_corpus)])
    assert check.exit_code == check_only.exit_code == 1
    assert check.output == check_only.output
