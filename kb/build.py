"""`kb build`: check the corpus, then write the database and the index atomically.

Nothing is written unless the whole corpus passes `kb check`. The database is
written to a temporary file in the output folder and moved over the old one
with `os.replace` (atomic on POSIX), so readers see either the old or the new
file, never a half-written one. The Whoosh index is written to a fresh folder
and published by atomically replacing the `index` symbolic link. A lock file
keeps two builds from interleaving; leftovers of an interrupted build are
removed by the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import resource
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import corpus as corpus_mod
from . import index as index_mod
from . import store, text

from .paths import DEFAULT_CORPUS, DEFAULT_DB, REPO_ROOT, index_path_for, inspect_path_for  # noqa: F401 (re-exported)
TMP_PREFIX = ".tmp-"


class BuildError(Exception):
    """The corpus has errors; nothing was written."""

    def __init__(self, diagnostics):
        super().__init__(f"{len(diagnostics)} error(s) in the corpus")
        self.diagnostics = diagnostics


@dataclass
class BuildReport:
    db_path: Path
    index_path: Path
    counts: dict[str, int]
    documents: int
    warnings: list = field(default_factory=list)
    seconds: float = 0.0
    stages: dict = field(default_factory=dict)  # stage → (seconds, peak RSS in MiB so far)
    up_to_date: bool = False


class Stages:
    """Wall time and memory high-water mark of each build stage, for reports and benchmarks."""

    def __init__(self):
        self.times: dict[str, tuple[float, float]] = {}

    @contextlib.contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        yield
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.times[name] = (time.perf_counter() - started, peak_mib)


def _inspect_data(tmp_db: Path, db_path: Path, counts: dict[str, int]) -> dict:
    digest = hashlib.sha256(tmp_db.read_bytes()).hexdigest()
    return {db_path.stem: {"hash": digest, "size": tmp_db.stat().st_size, "file": db_path.name,
                           "tables": {name: {"count": count} for name, count in counts.items()}}}


def corpus_hash(root: Path) -> str:
    """A digest of every corpus file and of the code that shapes the output."""
    digest = hashlib.sha256()
    for path in sorted(Path(root).rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    for module in ("store.py", "index.py", "text.py", "data/userdict.txt"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_leftovers(folder: Path) -> None:
    """Remove temporary files of builds that are no longer running."""
    for path in folder.glob(f"{TMP_PREFIX}*"):
        try:
            pid = int(path.name.rsplit("-", 1)[-1])
        except ValueError:
            pid = -1
        if pid != os.getpid() and (pid < 0 or not _pid_alive(pid)):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _publish_index(new_dir: Path, link: Path) -> None:
    """Point `link` at `new_dir` atomically and delete index folders no longer used."""
    tmp_link = link.with_name(f"{TMP_PREFIX}link-{os.getpid()}")
    tmp_link.unlink(missing_ok=True)
    os.symlink(new_dir.name, tmp_link)
    if link.exists() and not link.is_symlink():  # an index folder from an older layout
        shutil.rmtree(link)
    os.replace(tmp_link, link)
    for old in link.parent.glob(f"{link.name}-*"):
        if old.is_dir() and old.name != new_dir.name:
            shutil.rmtree(old, ignore_errors=True)


def _built_digest(db_path: Path) -> str | None:
    """The corpus digest recorded in an existing database, if it is readable."""
    import sqlite3

    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            row = conn.execute("select value from kb_build where key = 'corpus_hash'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def build(corpus_dir: Path = DEFAULT_CORPUS, db_path: Path = DEFAULT_DB, force: bool = False,
          workers: int | None = None) -> BuildReport:
    """Check the corpus and write the database and index; skip if nothing changed.

    `force` rebuilds even an unchanged corpus; `workers` is the number of
    processes for Chinese segmentation (default: one per core).
    """
    started = time.perf_counter()
    stage = Stages()
    corpus_dir, db_path = Path(corpus_dir), Path(db_path)
    digest = corpus_hash(corpus_dir) if corpus_dir.is_dir() else ""
    index_link = index_path_for(db_path)
    if db_path.parent.is_dir():
        _clean_leftovers(db_path.parent)  # of builds that died; live ones are left alone
    if (not force and digest and _built_digest(db_path) == digest and index_link.exists()
            and inspect_path_for(db_path).exists()):
        counts = json.loads(inspect_path_for(db_path).read_text(encoding="utf-8"))[db_path.stem]["tables"]
        return BuildReport(db_path, index_link, {k: v["count"] for k, v in counts.items()}, 0,
                           seconds=time.perf_counter() - started, up_to_date=True)
    with stage("parse + check"):
        result = corpus_mod.load_corpus(corpus_dir)
    if result.errors:
        raise BuildError(result.errors)
    out_dir = db_path.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / f".{db_path.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second build waits here for the first
        _clean_leftovers(out_dir)
        tmp_db = out_dir / f"{TMP_PREFIX}{db_path.name}-{os.getpid()}"
        tmp_index = out_dir / f"{TMP_PREFIX}{index_link.name}-{os.getpid()}"
        try:
            segment = text.memoized_segmenter()  # Chinese segmented once, for both FTS and Whoosh
            with stage("segmentation"):
                segment.prime(index_mod.chinese_strings(result.corpus), workers or os.cpu_count() or 1)
            counts = store.write_database(result.corpus, tmp_db, digest, segment, stage)
            final_index = out_dir / f"{index_link.name}-{digest[:16]}"
            if final_index.is_dir():
                # Same corpus and code as a finished earlier build (folders only appear
                # complete, by rename): reuse its index instead of rebuilding it.
                documents = index_mod.count_documents(result.corpus)
            else:
                with stage("whoosh"):
                    documents = index_mod.write_index(result.corpus, tmp_index, segment, workers or os.cpu_count() or 1)
                shutil.rmtree(final_index, ignore_errors=True)
                os.replace(tmp_index, final_index)
            tmp_inspect = out_dir / f"{TMP_PREFIX}inspect-{os.getpid()}"
            tmp_inspect.write_text(json.dumps(_inspect_data(tmp_db, db_path, counts)), encoding="utf-8")
            os.replace(tmp_db, db_path)
            os.replace(tmp_inspect, inspect_path_for(db_path))
            _publish_index(final_index, index_link)
        finally:
            tmp_db.unlink(missing_ok=True)
            shutil.rmtree(tmp_index, ignore_errors=True)
    return BuildReport(db_path, index_link, counts, documents, result.warnings, time.perf_counter() - started,
                       stage.times)


def needs_build(corpus_dir: Path, db_path: Path) -> bool:
    """True when the database is missing or older than any corpus file."""
    db_path = Path(db_path)
    if not db_path.exists() or not index_path_for(db_path).exists():
        return True
    built = db_path.stat().st_mtime
    return any(p.stat().st_mtime > built for p in Path(corpus_dir).rglob("*") if p.is_file())
