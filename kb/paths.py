"""Where things live: the default corpus and database, and the files beside a database.

Kept apart from `kb.build` so that commands such as `kb search` can find the
index without importing the build machinery (sqlite-utils, markdown-it, …).
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT / "corpus"
DEFAULT_DB = REPO_ROOT / "build" / "kb.db"


def index_path_for(db_path: Path) -> Path:
    """`build/kb.db` → `build/index`; any other name → `<stem>-index` beside it."""
    db_path = Path(db_path)
    name = "index" if db_path.name == "kb.db" else f"{db_path.stem}-index"
    return db_path.with_name(name)


def inspect_path_for(db_path: Path) -> Path:
    """Datasette's --inspect-file: table counts precomputed, as the file is immutable."""
    return Path(db_path).with_name(Path(db_path).stem + "-inspect.json")
