"""The facelaw Datasette plugin.

Registered through the `datasette` entry-point group, so `datasette build/kb.db`
loads it as well as `kb serve`.

Search bridge: the FTS tables hold Chinese text segmented into words, but a
lawyer types `单独同意` or `人臉識別` into Datasette's `?_search=` box as one run
of characters. Before Datasette sees the request, this plugin converts
traditional characters to simplified and segments Chinese in every `_search`
and `_search_<column>` parameter, using the same code as the build
(`kb.text`). English queries pass through untouched.

Read-only: any request other than GET, HEAD or OPTIONS is refused (405)
before Datasette sees it; the database is also opened immutable.

Pages: `/-/search` (ranked search), `/-/compare` (regimes side by side, with
Markdown / CSV / JSON downloads), `/-/overview` (coverage heat map and
timeline), `/-/cite.json` and `/-/related.json` (used by the citation box that
this plugin adds to case, provision and instrument pages).
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
READ_METHODS = ("GET", "HEAD", "OPTIONS")
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


def _index_page(datasette, scope) -> bool:
    """The instance and database index pages, when every database is immutable."""
    if scope.get("method") != "GET" or scope.get("query_string"):
        return False
    databases = [name for name in datasette.databases if name != "_internal"]
    if not databases or any(datasette.databases[name].is_mutable for name in databases):
        return False
    path = scope.get("path", "")
    return path in ("/", "/.json") or any(path in (f"/{name}", f"/{name}.json") for name in databases)


@hookimpl
def asgi_wrapper(datasette):
    # The index pages list every table with its columns, counts and links: Datasette
    # runs some 500 small queries for each, every one a hop through its thread pool, so
    # under 32 concurrent clients they took 4.7 s. The database is immutable, so the page
    # is the same for every request: render it once, then serve the bytes.
    rendered: dict[str, tuple[dict, list[dict]]] = {}

    def wrap(app):
        async def segmenting_app(scope, receive, send):
            if scope.get("type") == "http":
                if scope.get("method", "GET") not in READ_METHODS:
                    # The knowledge base is published read-only: nothing accepts writes.
                    await Response.text("This knowledge base is read-only.", status=405,
                                        headers={"allow": ", ".join(READ_METHODS)}).asgi_send(send)
                    return
                if _index_page(datasette, scope):
                    cached = rendered.get(scope["path"])
                    if cached is None:
                        messages: list[dict] = []

                        async def capture(message):
                            messages.append(message)
                            await send(message)

                        await app(scope, receive, capture)
                        start = next((m for m in messages if m["type"] == "http.response.start"), None)
                        cookies = any(name.lower() == b"set-cookie" for name, _ in (start or {}).get("headers", []))
                        if start and start.get("status") == 200 and not cookies:
                            rendered[scope["path"]] = (start, [m for m in messages if m["type"] == "http.response.body"])
                        return
                    start, bodies = cached
                    await send(start)
                    for body in bodies:
                        await send(body)
                    return
                if scope.get("query_string"):
                    scope = dict(scope, query_string=rewrite_search_params(scope["query_string"]))
            await app(scope, receive, send)

        return segmenting_app

    return wrap


def _index_dir(datasette):
    from .paths import index_path_for

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
            results = search(index_dir, q, limit=limit, facets=True, jurisdiction=filters.get("jurisdiction"),
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


def _db_path(datasette) -> Path | None:
    for database in datasette.databases.values():
        if database.path and Path(database.path).exists() and _index_dir(datasette):
            return Path(database.path)
    return None


@hookimpl
def register_routes():
    """All of the plugin's pages."""
    return [
        (r"^/-/search(?P<format>\.json)?$", search_page),
        (r"^/-/compare(?P<format>\.json|\.md|\.csv)?$", compare_page),
        (r"^/-/overview$", overview_page),
        (r"^/-/cite\.json$", cite_json),
        (r"^/-/related\.json$", related_json),
    ]


async def compare_page(datasette, request):
    from . import compare as comparing

    db_path = _db_path(datasette)
    if db_path is None:
        return Response.html("No facelaw database is being served.", status=404)
    args = request.args
    subject = (args.get("topic") or args.get("obligation") or "consent")[:100]
    jurisdictions = (args.get("jurisdictions") or "US,EU,CN")[:100]
    role = (args.get("role") or "")[:100] or None
    lang = args.get("lang") if args.get("lang") in ("en", "zh", "both") else "both"
    fmt = request.url_vars.get("format")
    comparison, message = None, None
    try:
        comparison = comparing.compare(db_path, subject, [j.strip() for j in jurisdictions.split(",") if j.strip()], role)
    except comparing.CompareError as exc:
        message = str(exc)
    if fmt == ".json":
        return Response.json(comparison.as_dict() if comparison else {"error": message}, status=200 if comparison else 400)
    if fmt in (".md", ".csv"):
        if comparison is None:
            return Response.text(message or "", status=400)
        body = comparing.to_markdown(comparison, lang) if fmt == ".md" else comparing.to_csv(comparison, lang)
        filename = f"facelaw-{comparison.subject_id}{fmt}"
        return Response(body, content_type="text/markdown; charset=utf-8" if fmt == ".md" else "text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{filename}"'})
    db = datasette.get_database(db_path.stem)
    topics = [dict(r) for r in (await db.execute("select id, name_en, name_zh from topics order by name_en")).rows]
    roles = [dict(r) for r in (await db.execute("select id, name_en, name_zh from ecosystem_roles")).rows]
    query = urlencode({k: v for k, v in {"topic": subject, "jurisdictions": jurisdictions, "role": role or ""}.items() if v})
    table = comparing.to_html(comparison, lang, link=lambda e: datasette.urls.row(db_path.stem, "provisions", e.provision_id)) if comparison else ""
    return Response.html(await datasette.render_template(_template(datasette, "facelaw_compare.html"), {
        "comparison": comparison, "subject": subject, "jurisdictions": jurisdictions, "role": role, "topics": topics,
        "roles": roles, "message": message, "table_html": Markup(table),
        "download": {ext: datasette.urls.path(f"-/compare.{ext}") + "?" + query for ext in ("json", "md", "csv")},
    }, request=request))


def _heat_colour(count: int, top: int) -> str:
    if not count:
        return "#f7f7f7"
    share = count / max(top, 1)
    # from pale to deep green
    lightness = 92 - int(share * 55)
    return f"hsl(140, 45%, {lightness}%)"


def _timeline_svg(items: list[dict], lanes: list[str], row_url) -> Markup:
    """Server-side SVG: a lane per jurisdiction, ● adoption, ▲ effective date; every label escaped."""
    def year(value):
        try:
            y, *rest = (value or "").split("-")
            return int(y) + (int(rest[0]) - 1) / 12 if rest else int(y)
        except ValueError:
            return None

    points = [(item, year(item.get("date_adopted") or item.get("date_introduced")), year(item.get("date_effective")))
              for item in items]
    years = [y for _, a, e in points for y in (a, e) if y]
    if not years:
        return Markup("<p>No dated instruments yet.</p>")
    start, end = int(min(years)), int(max(years)) + 1
    width, left, lane_height = 1000, 70, 90
    height = 40 + lane_height * len(lanes)

    def x(value):
        return left + (value - start) / max(end - start, 1) * (width - left - 20)

    parts = [f'<svg class="kb-timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="Timeline">']
    for y in range(start, end + 1):
        parts.append(f'<line x1="{x(y):.1f}" y1="20" x2="{x(y):.1f}" y2="{height - 10}" stroke="#eee"/>'
                     f'<text x="{x(y):.1f}" y="14" text-anchor="middle">{y}</text>')
    for n, lane in enumerate(lanes):
        top = 30 + n * lane_height
        parts.append(f'<text x="4" y="{top + lane_height / 2:.0f}" font-weight="bold">{escape(lane)}</text>'
                     f'<line x1="{left}" y1="{top + lane_height - 4}" x2="{width - 20}" y2="{top + lane_height - 4}" stroke="#ccc"/>')
        in_lane = [(item, a, e) for item, a, e in points if item["lane"] == lane and (a or e)]
        for k, (item, adopted, effective) in enumerate(in_lane):
            row_y = top + 12 + (k % 5) * 15
            url = escape(row_url(item["id"]))
            label = escape(item["label"] or item["id"])
            title = escape(f"{item['label']} — adopted {item.get('date_adopted') or item.get('date_introduced') or '?'}, "
                           f"effective {item.get('date_effective') or '?'}, {item['status']}")
            colour = "#2a7" if item["force"] == "binding" else "#999"
            if adopted and effective:
                parts.append(f'<line x1="{x(adopted):.1f}" y1="{row_y}" x2="{x(effective):.1f}" y2="{row_y}" stroke="{colour}"/>')
            parts.append(f'<a href="{url}"><title>{title}</title>')
            if adopted:
                parts.append(f'<circle cx="{x(adopted):.1f}" cy="{row_y}" r="4" fill="{colour}"/>')
            if effective:
                ex = x(effective)
                parts.append(f'<path d="M{ex - 4:.1f},{row_y + 4} L{ex + 4:.1f},{row_y + 4} L{ex:.1f},{row_y - 4} Z" fill="{colour}"/>')
            anchor = x(adopted or effective)
            parts.append(f'<text x="{anchor + 6:.1f}" y="{row_y + 4}">{label}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


async def overview_page(datasette, request):
    from . import compare as comparing

    db_path = _db_path(datasette)
    if db_path is None:
        return Response.html("No facelaw database is being served.", status=404)
    data = comparing.coverage(db_path)
    top = max([c.get("binding", 0) + c.get("soft", 0) for t in data["matrix"].values() for c in t.values()] or [1])
    rows = []
    for topic in data["topics"]:
        cells = []
        for code in data["jurisdictions"]:
            counts = data["matrix"].get(topic["id"], {}).get(code, {"binding": 0, "soft": 0})
            cells.append({"binding": counts["binding"], "soft": counts["soft"],
                          "colour": _heat_colour(counts["binding"] + counts["soft"], top),
                          "url": datasette.urls.path("-/compare") + "?" + urlencode({"topic": topic["id"]})})
        rows.append({**topic, "cells": cells})
    db = datasette.get_database(db_path.stem)
    parents = {r["code"]: r["parent"] for r in (await db.execute("select code, parent from jurisdictions")).rows}

    def top_level(code):
        seen = set()
        while parents.get(code) and code not in seen:
            seen.add(code)
            code = parents[code]
        return code

    items = comparing.timeline(db_path)
    for item in items:
        item["lane"] = top_level(item["jurisdiction"])
    lanes = [lane for lane in ("US", "EU", "CoE", "CN", "UK", "INT") if any(i["lane"] == lane for i in items)]
    lanes += sorted({i["lane"] for i in items} - set(lanes))
    svg = _timeline_svg(items, lanes, lambda rid: datasette.urls.row(db_path.stem, "instruments", rid))
    return Response.html(await datasette.render_template(_template(datasette, "facelaw_overview.html"), {
        "heat": {"jurisdictions": data["jurisdictions"], "rows": rows}, "timeline_svg": svg}, request=request))


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("-/search"), "label": "Search / 搜索"},
            {"href": datasette.urls.path("-/compare"), "label": "Compare / 比较"},
            {"href": datasette.urls.path("-/overview"), "label": "Overview / 概览"}]


async def cite_json(datasette, request):
    """Every citation style available for a record, plus the bilingual summary of a case."""
    from .cite import CiteError, all_styles, cite

    db_path = _db_path(datasette)
    record_id = (request.args.get("id") or "")[:200]
    if db_path is None or not record_id:
        return Response.json({"error": "give ?id= of a case, instrument or provision"}, status=400)
    try:
        auto = cite(db_path, record_id, "auto", "en", summary=True)
    except CiteError as exc:
        return Response.json({"id": record_id, "error": str(exc), "styles": all_styles(db_path, record_id)}, status=200)
    return Response.json({"id": record_id, "auto_style": auto.style, "citation": auto.text,
                          "styles": all_styles(db_path, record_id),
                          "summary_en": auto.summary_en, "summary_zh": auto.summary_zh})


RELATED_SQL = {
    "cases": [
        ("applies", "provisions", """select p.id, coalesce(i.short_title, i.citation, i.title_en) || ' ' || p.number as label, cp.relation
                                      from case_provisions cp join provisions p on p.id = cp.provision_id
                                      join instruments i on i.id = p.instrument_id where cp.case_id = :id"""),
        ("instruments", "instruments", """select distinct i.id, coalesce(i.short_title, i.title_en) as label, '' as relation
                                           from case_provisions cp join provisions p on p.id = cp.provision_id
                                           join instruments i on i.id = p.instrument_id where cp.case_id = :id"""),
        ("related decisions", "cases", """select c.id, c.title_en as label, r.relation from case_relations r join cases c on c.id = r.to_id
                                          where r.from_id = :id union
                                          select c.id, c.title_en, 'appealed in / ' || r.relation from case_relations r
                                          join cases c on c.id = r.from_id where r.to_id = :id"""),
    ],
    "provisions": [
        ("instrument", "instruments", """select i.id, i.title_en as label, '' as relation from provisions p
                                          join instruments i on i.id = p.instrument_id where p.id = :id"""),
        ("cases", "cases", """select c.id, c.title_en as label, cp.relation from case_provisions cp
                               join cases c on c.id = cp.case_id where cp.provision_id = :id"""),
        ("obligations", "obligations", """select o.id, o.name_en || ' (' || po.modality || ', ' || a.name_en || ')' as label, '' as relation
                                           from provision_obligations po join obligations o on o.id = po.obligation_id
                                           join actors a on a.id = po.actor_id where po.provision_id = :id"""),
    ],
    "instruments": [
        ("provisions", "provisions", """select id, number || ' ' || heading_en as label, '' as relation from provisions
                                         where instrument_id = :id order by sort_order"""),
        ("related instruments", "instruments", """select i.id, i.title_en as label, r.relation from instrument_relations r
                                                   join instruments i on i.id = r.to_id where r.from_id = :id union
                                                   select i.id, i.title_en, 'is the target of: ' || r.relation
                                                   from instrument_relations r join instruments i on i.id = r.from_id
                                                   where r.to_id = :id"""),
        ("cases", "cases", """select distinct c.id, c.title_en as label, cp.relation from case_provisions cp
                               join provisions p on p.id = cp.provision_id join cases c on c.id = cp.case_id
                               where p.instrument_id = :id"""),
    ],
}


async def related_json(datasette, request):
    """The record's neighbours in the graph, in both directions, with links to their rows."""
    db_path = _db_path(datasette)
    table = request.args.get("table") or ""
    record_id = (request.args.get("id") or "")[:200]
    if db_path is None or table not in RELATED_SQL:
        return Response.json({"error": "give ?table=cases|provisions|instruments&id="}, status=400)
    db = datasette.get_database(db_path.stem)
    groups = []
    for label, target, sql in RELATED_SQL[table]:
        rows = (await db.execute(sql, {"id": record_id})).rows
        groups.append({"label": label, "items": [
            {"id": r["id"], "label": r["label"], "relation": r["relation"],
             "url": datasette.urls.row(db_path.stem, target, r["id"])} for r in rows]})
    return Response.json({"id": record_id, "table": table, "groups": groups})


CITATION_BOX_JS = r"""
(function () {
  var table = %(table)s, base = %(base)s;
  var id = decodeURIComponent(location.pathname.split('/').pop().replace(/\.json$/, ''));
  var box = document.createElement('section');
  box.className = 'kb-citations';
  box.style.cssText = 'border:1px solid #ccc;padding:0.6em 1em;margin:1em 0;background:#fafafa';
  var anchor = document.querySelector('.content h1') || document.querySelector('h1');
  if (!anchor) return;
  anchor.parentNode.insertBefore(box, anchor.nextSibling);
  function el(tag, text, cls) { var e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; }
  fetch(base + '-/cite.json?id=' + encodeURIComponent(id)).then(function (r) { return r.json(); }).then(function (data) {
    if (table !== 'instruments' || Object.keys(data.styles || {}).length) box.appendChild(el('h3', 'Cite / 引用'));
    Object.keys(data.styles || {}).forEach(function (style) {
      var row = el('div', null, 'kb-cite-row');
      row.appendChild(el('strong', style + ': '));
      var text = el('code', data.styles[style], 'kb-cite-text');
      row.appendChild(text);
      var button = el('button', 'Copy / 复制', 'kb-copy');
      button.type = 'button';
      button.dataset.style = style;
      button.addEventListener('click', function () {
        var done = function () { button.textContent = 'Copied / 已复制'; };
        if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text.textContent).then(done, done); }
        else { var t = document.createElement('textarea'); t.value = text.textContent; document.body.appendChild(t); t.select();
               try { document.execCommand('copy'); } catch (e) {} document.body.removeChild(t); done(); }
      });
      row.appendChild(document.createTextNode(' '));
      row.appendChild(button);
      box.appendChild(row);
    });
    if (data.error) box.appendChild(el('p', data.error, 'kb-cite-missing'));
    if (data.summary_en && table === 'cases') {
      var details = el('details'); details.appendChild(el('summary', 'Case summary / 案例摘要'));
      details.appendChild(el('pre', data.summary_en + '\n\n' + data.summary_zh));
      box.appendChild(details);
    }
  });
  fetch(base + '-/related.json?table=' + table + '&id=' + encodeURIComponent(id)).then(function (r) { return r.json(); }).then(function (data) {
    (data.groups || []).forEach(function (group) {
      if (!group.items.length) return;
      box.appendChild(el('h4', group.label));
      var list = el('ul');
      group.items.forEach(function (item) {
        var li = el('li'); var a = el('a', item.label); a.href = item.url; li.appendChild(a);
        if (item.relation) li.appendChild(document.createTextNode(' (' + item.relation + ')'));
        list.appendChild(li);
      });
      box.appendChild(list);
    });
  });
})();
"""


@hookimpl
def extra_body_script(view_name, table, datasette):
    """On case, provision and instrument pages: citations with copy buttons, and the related records."""
    if view_name != "row" or table not in RELATED_SQL:
        return ""
    import json as _json

    return CITATION_BOX_JS % {"table": _json.dumps(table), "base": _json.dumps(datasette.urls.path(""))}
