import os
import shutil
import sqlite3
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def mini_corpus(tmp_path) -> Path:
    """A writable copy of the small valid fixture corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    """The repository's corpus (or FACELAW_CORPUS, for reviewing a draft), built once per test session."""
    from kb.build import build

    out = tmp_path_factory.mktemp("real") / "kb.db"
    report = build(Path(os.environ.get("FACELAW_CORPUS", REPO / "corpus")), out)
    return report


@pytest.fixture(scope="session")
def mini_build(tmp_path_factory):
    from kb.build import build

    out = tmp_path_factory.mktemp("mini") / "kb.db"
    return build(FIXTURES / "mini", out)


@pytest.fixture(scope="session")
def db(real_build):
    """A read-only connection to the real corpus's build, rows by column name."""
    conn = sqlite3.connect(f"file:{real_build.db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()
