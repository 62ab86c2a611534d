"""The `kb` command: a thin shell over the library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .paths import DEFAULT_CORPUS, DEFAULT_DB, REPO_ROOT

corpus_option = click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), default=DEFAULT_CORPUS,
                             show_default="corpus/", help="Folder of corpus files.")
db_option = click.option("--out", "--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB,
                         show_default="build/kb.db", help="Database file to write or read.")


@click.group()
@click.version_option(package_name="facelaw")
def main():
    """facelaw: a bilingual knowledge base of facial-recognition law (US / EU / CN)."""


def _print_diagnostics(diagnostics) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


@main.command()
@corpus_option
@click.option("--strict", is_flag=True, help="Treat warnings (gaps, orphan obligations) as errors.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, not warnings.")
def check(corpus_dir, strict, quiet):
    """Validate the corpus; print every problem as file:line: message."""
    from .corpus import load_corpus

    result = load_corpus(corpus_dir)
    shown = result.diagnostics if (strict or not quiet) else result.errors
    _print_diagnostics(shown)
    failed = result.errors or (strict and result.warnings)
    c = result.corpus
    click.echo(f"{len(result.errors)} error(s), {len(result.warnings)} warning(s) in "
               f"{len(c.instruments)} instruments, {sum(1 for _ in c.provisions())} provisions, {len(c.cases)} cases, "
               f"{len(c.obligations)} obligations, {len(c.actors)} actors.", err=bool(failed))
    sys.exit(1 if failed else 0)


def _run_build(corpus_dir, db_path, quiet=False, force=False):
    from .build import BuildError, build

    try:
        report = build(corpus_dir, db_path, force=force)
    except BuildError as exc:
        _print_diagnostics(exc.diagnostics)
        click.echo(f"build stopped: {len(exc.diagnostics)} error(s); {db_path} was not changed.", err=True)
        sys.exit(1)
    if report.up_to_date:
        click.echo(f"{report.db_path} is up to date with the corpus (use --force to rebuild).")
        return report
    if not quiet:
        for warning in report.warnings:
            click.echo(str(warning), err=True)
        click.echo(f"wrote {report.db_path} and {report.index_path} in {report.seconds:.1f}s "
                   f"({report.documents} search documents, {len(report.warnings)} warning(s))")
        shown = {name: count for name, count in report.counts.items() if "_fts" not in name}
        width = max(len(name) for name in shown)
        for name, count in sorted(shown.items()):
            click.echo(f"  {name:<{width}}  {count:>6}")
    return report


@main.command()
@corpus_option
@db_option
@click.option("--check-only", is_flag=True, help="Run the checks of 'kb check' and write nothing.")
@click.option("--force", is_flag=True, help="Rebuild even if the corpus has not changed.")
@click.option("--timings", is_flag=True, help="Print the time and memory of each stage.")
def build(corpus_dir, db_path, check_only, force, timings):
    """Check the corpus, then write the SQLite database and the search index."""
    if check_only:
        ctx = click.get_current_context()
        ctx.invoke(check, corpus_dir=corpus_dir, strict=False, quiet=False)
        return
    report = _run_build(corpus_dir, db_path, force=force)
    if timings:
        for name, (seconds, peak) in report.stages.items():
            click.echo(f"  {name:<14} {seconds:7.2f} s   peak RSS {peak:7.0f} MiB")


@main.command()
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--jurisdiction", "-j", help="Only this jurisdiction and its sub-jurisdictions (US includes US-IL); commas for several.")
@click.option("--kind", help="Only these kinds: instrument, provision, case, obligation, commentary, proposal, practice, principle.")
@click.option("--status", help="Instrument status, e.g. in_force, lapsed, superseded.")
@click.option("--force", "force_", help="binding or soft.")
@click.option("--topic", help="Topic id, e.g. consent, retention, public-spaces.")
@click.option("--obligation", help="Obligation id, e.g. written-consent.")
@click.option("--actor", help="Actor id, e.g. us-il-private-entity.")
@click.option("--role", help="Ecosystem role, e.g. service_user.")
@click.option("--from", "date_from", help="Adopted or decided on or after this ISO date.")
@click.option("--to", "date_to", help="Adopted or decided on or before this ISO date.")
@click.option("--limit", "-n", default=10, show_default=True, help="How many results.")
@click.option("--json", "as_json", is_flag=True, help="Print stable JSON for scripts (with facet counts).")
@click.option("--facets", is_flag=True, help="Print counts per kind of record.")
def search(query, db_path, jurisdiction, kind, status, force_, topic, obligation, actor, role, date_from, date_to,
           limit, as_json, facets):
    """Ranked search in English or Chinese (simplified or traditional), by words or citation."""
    from .paths import index_path_for
    from .search import SearchError
    from .search import search as run_search

    try:
        results = run_search(index_path_for(db_path), " ".join(query), jurisdiction=jurisdiction, kind=kind,
                             limit=limit, facets=as_json or facets, status=status, force=force_, topic=topic, obligation=obligation,
                             actor=actor, role=role, date_from=date_from, date_to=date_to)
    except SearchError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(results.as_dict(), ensure_ascii=False, indent=2))
        return
    if results.message:
        click.echo(results.message)
    for n, hit in enumerate(results.hits, start=1):
        click.echo(f"{n:>2}. [{hit.type}] {hit.title_en}")
        click.echo(f"    {hit.title_zh}")
        click.echo(f"    {hit.jurisdiction or '-'}  {hit.citation}  {hit.path}")
        if hit.snippet:
            click.echo(f"    {hit.snippet}")
    if facets and results.hits and results.facets.get("type"):
        click.echo("  " + "  ".join(f"{k}: {v}" for k, v in results.facets["type"].items()))


@main.command()
@click.argument("subject")
@db_option
@click.option("--jurisdictions", "-j", default="US,EU,CN", show_default=True, help="Columns, comma-separated.")
@click.option("--role", help="Only duties of this ecosystem role or actor (e.g. service_user).")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "csv", "json", "html"]), default="table",
              show_default=True)
@click.option("--lang", type=click.Choice(["en", "zh", "both"]), default="both", show_default=True)
def compare(subject, db_path, jurisdictions, role, fmt, lang):
    """Compare regimes on one TOPIC (consent, retention …) or OBLIGATION, side by side."""
    from . import compare as comparing

    try:
        result = comparing.compare(db_path, subject, [j.strip() for j in jurisdictions.split(",") if j.strip()], role)
    except comparing.CompareError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    render = {"table": lambda: comparing.to_table(result, lang), "markdown": lambda: comparing.to_markdown(result, lang),
              "csv": lambda: comparing.to_csv(result, lang), "json": lambda: comparing.to_json(result),
              "html": lambda: comparing.to_html(result, lang)}[fmt]
    click.echo(render(), nl=False)


@main.command()
@db_option
@click.option("--actor", required=True, help="An ecosystem role (service_user …) or an actor id (eu-gdpr-controller …).")
@click.option("--jurisdiction", "-j", help="Only this jurisdiction and its sub-jurisdictions.")
@click.option("--json", "as_json", is_flag=True)
def obligations(db_path, actor, jurisdiction, as_json):
    """What a given actor must, must not or may do, with the provisions behind each duty."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    sql = "select * from duties where (ecosystem_role = ? or actor_id = ?)"
    params = [actor, actor]
    if jurisdiction:
        from .compare import descendants

        subtree = descendants(conn, jurisdiction)
        sql += f" and jurisdiction in ({','.join('?' * len(subtree))})"
        params += subtree
    rows = [dict(r) for r in conn.execute(sql + " order by topic_id, obligation_id, jurisdiction, instrument_id", params)]
    conn.close()
    if not rows:
        click.echo(f"No duties found for '{actor}'. Try a role: technology_provider, product_service_provider, "
                   "service_user, public_authority, data_subject.", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    current = None
    for r in rows:
        if r["obligation_id"] != current:
            current = r["obligation_id"]
            click.echo(f"\n{r['obligation_en']} / {r['obligation_zh']}  [{r['topic_id']}]")
        click.echo(f"  {r['modality']:<8} {r['actor_en']} — {r['short_title'] or r['instrument_id']} {r['number']} "
                   f"({r['jurisdiction']}, {r['force']}, {r['status']})")


@main.command()
@click.argument("record_id")
@db_option
@click.option("--style", type=click.Choice(["auto", "bluebook", "oscola", "cn"]), default="auto", show_default=True)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option("--summary", is_flag=True, help="Add a short bilingual summary, ready for a memo.")
@click.option("--json", "as_json", is_flag=True)
def cite(record_id, db_path, style, lang, summary, as_json):
    """A citation for a case, instrument or provision (pinpoint), in the reader's style."""
    from .cite import CiteError
    from .cite import cite as make

    try:
        result = make(db_path, record_id, style, lang, summary)
    except CiteError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(vars(result), ensure_ascii=False, indent=2))
        return
    click.echo(result.text)
    if summary:
        click.echo("")
        click.echo(result.summary_en or "")
        click.echo("")
        click.echo(result.summary_zh or "")


@main.command()
@db_option
def verify(db_path):
    """Check a built database: integrity, foreign keys, full-text indexes."""
    from .store import data_digest, verify_database

    problems = verify_database(db_path)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s); rebuild with 'kb build'.", err=True)
        sys.exit(1)
    click.echo(f"{db_path}: ok (data digest {data_digest(db_path)[:16]})")


@main.command()
@corpus_option
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", "-p", default=8001, show_default=True, type=int)
@click.option("--rebuild", is_flag=True, help="Build even if the database is up to date.")
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (more than one runs uvicorn workers on the same read-only file).")
@click.option("--no-sql", is_flag=True, help="Turn off arbitrary SQL queries (for a public deployment).")
def serve(corpus_dir, db_path, host, port, rebuild, workers, no_sql):
    """Build if needed, then publish the knowledge base with Datasette."""
    from .build import needs_build

    if rebuild or needs_build(corpus_dir, db_path):
        click.echo("building the knowledge base first…")
        _run_build(corpus_dir, db_path, force=rebuild)
    from .store import verify_database

    problems = verify_database(db_path)
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        click.echo("refusing to serve a damaged database; run 'kb serve --rebuild' or 'kb build'.", err=True)
        sys.exit(1)
    metadata = REPO_ROOT / "datasette_metadata.yml"
    if no_sql:
        metadata = _metadata_without_sql(metadata, db_path)
    settings = {"sql_time_limit_ms": 2000, "max_returned_rows": 1000, "default_page_size": 50,
                # Suggested facets are recomputed on every table page; the useful facets are
                # configured in the metadata, so skip the suggestions (a large share of page time).
                "suggest_facets": False}
    from .paths import inspect_path_for

    inspect_file = inspect_path_for(db_path)
    click.echo(f"serving on http://{host}:{port}/ with {workers} process(es) (Ctrl+C to stop)")
    sys.stdout.flush()
    if workers > 1:
        # several identical read-only processes on the same immutable file (see kb.asgi)
        env = dict(os.environ, KB_DB=str(db_path), KB_METADATA=str(metadata), KB_SETTINGS=json.dumps(settings))
        if inspect_file.exists():
            env["KB_INSPECT"] = str(inspect_file)
        os.execve(sys.executable, [sys.executable, "-m", "uvicorn", "--factory", "kb.asgi:create_app",
                                   "--host", host, "--port", str(port), "--workers", str(workers),
                                   "--log-level", "warning"], env)
    args = [sys.executable, "-m", "datasette", "serve", "-i", str(db_path), "--metadata", str(metadata),
            "--host", host, "--port", str(port)]
    for name, value in settings.items():
        args += ["--setting", name, str(value).lower() if isinstance(value, bool) else str(value)]
    if inspect_file.exists():
        args += ["--inspect-file", str(inspect_file)]
    os.execv(sys.executable, args)


def _metadata_without_sql(metadata: Path, db_path: Path) -> Path:
    """The metadata with Datasette's `allow_sql: false` added, written beside the database."""
    import yaml

    data = yaml.safe_load(metadata.read_text(encoding="utf-8"))
    data["allow_sql"] = False
    out = Path(db_path).with_name("datasette_metadata.no-sql.yml")
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
