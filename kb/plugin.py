"""The facelaw Datasette plugin.

Registered through the `datasette` entry-point group, so `datasette build/kb.db`
loads it as well as `kb serve`.

Search bridge: the FTS tables hold Chinese text segmented into words, but a
lawyer types `单独同意` or `人臉識別` into Datasette's `?_search=` box as one run
of characters. Before Datasette sees the request, this plugin converts
traditional characters to simplified and segments Chinese in every `_search`
and `_search_<column>` parameter, using the same code as the build
(`kb.text`). English queries pass through untouched.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

from . import text


def rewrite_search_params(query_string: bytes) -> bytes:
    """Segment the Chinese in `_search` parameters of a raw query string."""
    if b"_search" not in query_string:
        return query_string
    try:
        pairs = parse_qsl(query_string.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        return query_string  # leave undecodable input to Datasette's own handling
    changed = False
    out = []
    for key, value in pairs:
        if (key == "_search" or (key.startswith("_search_") and key != "_searchmode")) and text.has_cjk(value):
            new_value = text.segment_query(value)
            changed = changed or new_value != value
            value = new_value
        out.append((key, value))
    return urlencode(out).encode("utf-8") if changed else query_string


@hookimpl
def startup(datasette):
    """Load jieba and opencc while the server starts, not on the first Chinese query."""

    async def warm_up():
        import asyncio

        await asyncio.get_running_loop().run_in_executor(None, text.segment_query, "人臉識別")

    return warm_up


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def segmenting_app(scope, receive, send):
            if scope.get("type") == "http" and scope.get("query_string"):
                scope = dict(scope, query_string=rewrite_search_params(scope["query_string"]))
            await app(scope, receive, send)

        return segmenting_app

    return wrap
