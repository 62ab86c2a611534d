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

import logging
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from . import text

log = logging.getLogger(__name__)
SEARCH_PARAMS = ("jurisdiction", "kind", "status", "force", "topic", "obligation", "actor", "role", "from", "to")
FACET_PARAMS = {"type": "kind", "jurisdiction": "jurisdiction", "status": "status", "force": "force",
                "topics": "topic", "roles": "role"}
FACET_LABELS = {"type": "Kind / 类型", "jurisdiction": "Jurisdiction / 法域", "status": "Status / 状态",
                "force": "Force / 效力", "topics": "Topic / 主题", "roles": "Ecosystem role / 生态角色"}


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


@hookimpl
def register_routes():
    return [(r"^/-/search(?P<format>\.json)?$", search_page)]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("-/search"), "label": "Search / 搜索"}]


def _index_dir(datasette):
    from .build import index_path_for

    for database in datasette.databases.values():
        if database.path:
            candidate = index_path_for(Path(database.path))
            if candidate.exists():
                return candidate
    return None


def _template(datasette, name: str):
    """A template of this package, compiled in Datasette's environment (so it can extend base.html)."""
    from importlib import resources

    source = resources.files("kb.templates").joinpath(name).read_text(encoding="utf-8")
    return datasette.jinja_env.from_string(source)


def _snippet_html(snippet: str) -> Markup:
    """Escape the snippet, then turn the «» match markers into <mark>."""
    return Markup(str(escape(snippet)).replace("«", "<mark>").replace("»", "</mark>"))


async def search_page(datasette, request):
    from .search import SearchError, search

    args = request.args
    q = (args.get("q") or "")[:2000]
    filters = {name: args.get(name) for name in SEARCH_PARAMS if args.get(name)}
    try:
        limit = max(1, min(int(args.get("limit") or 20), 100))
    except ValueError:
        limit = 20
    index_dir = _index_dir(datasette)
    results, message = None, None
    if index_dir is None:
        message = "No search index next to the database; run 'kb build'."
    elif q.strip():
        try:
            results = search(index_dir, q, limit=limit, jurisdiction=filters.get("jurisdiction"),
                             kind=filters.get("kind"), status=filters.get("status"), force=filters.get("force"),
                             topic=filters.get("topic"), obligation=filters.get("obligation"),
                             actor=filters.get("actor"), role=filters.get("role"),
                             date_from=filters.get("from"), date_to=filters.get("to"))
            message = results.message
        except SearchError as exc:
            message = str(exc)
        except Exception:  # a search must answer with a message, never a server error
            log.exception("search failed for %r", q)
            message = "The search could not be run for this query; try simpler words."
    else:
        message = "Type words in English or Chinese, or a citation such as 740 ILCS 14/15 or 个人信息保护法第二十九条."
    if args.get("format") == ".json" or request.url_vars.get("format") == ".json":
        payload = results.as_dict() if results else {"query": q, "results": [], "total": 0, "facets": {}}
        payload["message"] = message
        payload["filters"] = filters
        return Response.json(payload)

    def url(**changes):
        params = {"q": q, **filters, **changes}
        return datasette.urls.path("-/search") + "?" + urlencode({k: v for k, v in params.items() if v})

    facets = []
    if results and results.facets:
        for name, counts in results.facets.items():
            param = FACET_PARAMS[name]
            options = [{"value": value, "count": count, "selected": filters.get(param) == value,
                        "url": url(**{param: None if filters.get(param) == value else value})}
                       for value, count in counts.items()]
            if options:
                facets.append({"label": FACET_LABELS[name], "options": options})
    hits = []
    for hit in (results.hits if results else []):
        item = hit.as_dict()
        item["snippet_html"] = _snippet_html(hit.snippet)
        hits.append(item)
    return Response.html(await datasette.render_template(_template(datasette, "facelaw_search.html"), {
        "q": q, "hits": hits, "total": results.total if results else 0, "facets": facets, "message": message,
        "active_filters": filters, "remove_filter_urls": {name: url(**{name: None}) for name in filters},
        "json_url": datasette.urls.path("-/search.json") + "?" + urlencode({"q": q, **filters}),
    }, request=request))
