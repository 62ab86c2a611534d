"""Helpers for the tests that pin the real corpus's facts (the `db` fixture is in conftest)."""

from kb.build import index_path_for
from kb.search import search


def row(db, sql, *params):
    """The one row a lawyer's fact lives in; fails, naming the query, if it is missing."""
    found = db.execute(sql, params).fetchone()
    assert found is not None, (sql, params)
    return found


def hits(real_build, query, limit=5, **filters):
    """Ids of the ranked search's first `limit` results."""
    return [h.id for h in search(index_path_for(real_build.db_path), query, limit=limit, **filters).hits]
