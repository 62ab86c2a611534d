"""Compare regimes side by side: one topic or obligation, a column per jurisdiction.

Reads the built database (its public tables), so the CLI, the plugin and any
other tool see the same comparison. A jurisdiction column gathers the
provisions of the jurisdiction and of its sub-jurisdictions (US includes
US-IL); each entry keeps its own jurisdiction so states stay distinguishable.
An empty cell is reported as such: that a regime says nothing is information.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

DEFAULT_JURISDICTIONS = ("US", "EU", "CN")
NOTHING_EN = "No provision in the knowledge base on this point."
NOTHING_ZH = "本库未收录相关规定。"
GENERAL = "(general)"


class CompareError(Exception):
    """Unknown topic or obligation; the message says what exists."""


@dataclass
class Entry:
    provision_id: str
    instrument_id: str
    jurisdiction: str
    citation: str
    heading_en: str
    heading_zh: str
    text_en: str
    text_zh: str
    actor_en: str
    actor_zh: str
    role: str
    modality: str
    force: str
    status: str


@dataclass
class Row:
    obligation_id: str
    name_en: str
    name_zh: str
    cells: dict[str, list[Entry]] = field(default_factory=dict)


@dataclass
class Comparison:
    subject_id: str
    subject_kind: str  # "topic" or "obligation"
    name_en: str
    name_zh: str
    jurisdictions: list[tuple[str, str, str]]  # code, name_en, name_zh
    rows: list[Row] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "subject": {"id": self.subject_id, "kind": self.subject_kind, "name_en": self.name_en, "name_zh": self.name_zh},
            "jurisdictions": [{"code": c, "name_en": en, "name_zh": zh} for c, en, zh in self.jurisdictions],
            "rows": [{"obligation_id": r.obligation_id, "name_en": r.name_en, "name_zh": r.name_zh,
                      "cells": {code: [vars(e) for e in r.cells.get(code, [])] for code, _, _ in self.jurisdictions}}
                     for r in self.rows],
        }


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def descendants(conn: sqlite3.Connection, code: str) -> list[str]:
    rows = conn.execute("""with recursive sub(code) as (select ? union select j.code from jurisdictions j
                           join sub on j.parent = sub.code) select code from sub""", [code]).fetchall()
    return [r["code"] for r in rows]


def _citation(row) -> str:
    name = row["short_title"] or row["citation"] or row["title_en"]
    return f"{name} {row['number']}".strip()


def compare(db_path: Path, subject: str, jurisdictions=DEFAULT_JURISDICTIONS, role: str | None = None) -> Comparison:
    conn = _connect(db_path)
    try:
        topic = conn.execute("select * from topics where id = ?", [subject]).fetchone()
        obligation = conn.execute("select * from obligations where id = ?", [subject]).fetchone()
        if topic is None and obligation is None:
            topics = [r["id"] for r in conn.execute("select id from topics order by id")]
            raise CompareError(f"no topic or obligation '{subject}'. Topics: {', '.join(topics)}")
        codes = []
        for code in jurisdictions:
            found = conn.execute("select code, name_en, name_zh from jurisdictions where code = ?", [code]).fetchone()
            if found is None:
                known = [r["code"] for r in conn.execute("select code from jurisdictions where parent is null")]
                raise CompareError(f"no jurisdiction '{code}'. Top-level jurisdictions: {', '.join(known)}")
            codes.append((found["code"], found["name_en"], found["name_zh"]))
        if topic is not None:
            result = Comparison(topic["id"], "topic", topic["name_en"], topic["name_zh"], codes)
            obligations = conn.execute("select * from obligations where topic_id = ? order by id", [subject]).fetchall()
        else:
            result = Comparison(obligation["id"], "obligation", obligation["name_en"], obligation["name_zh"], codes)
            obligations = [obligation]
        for ob in obligations:
            row = Row(ob["id"], ob["name_en"], ob["name_zh"])
            for code, _, _ in codes:
                subtree = descendants(conn, code)
                marks = ",".join("?" * len(subtree))
                sql = f"""select p.id as provision_id, p.number, p.heading_en, p.heading_zh, p.text_en, p.text_zh,
                                 i.id as instrument_id, i.short_title, i.citation, i.title_en, i.jurisdiction, i.force,
                                 i.status, a.name_en as actor_en, a.name_zh as actor_zh, a.ecosystem_role, po.modality
                            from provision_obligations po
                            join provisions p on p.id = po.provision_id
                            join instruments i on i.id = p.instrument_id
                            join actors a on a.id = po.actor_id
                           where po.obligation_id = ? and i.jurisdiction in ({marks})"""
                params = [ob["id"], *subtree]
                if role:
                    sql += " and (a.ecosystem_role = ? or a.id = ?)"
                    params += [role, role]
                sql += " order by i.force, i.jurisdiction, i.id, p.sort_order"
                row.cells[code] = [Entry(r["provision_id"], r["instrument_id"], r["jurisdiction"], _citation(r),
                                         r["heading_en"], r["heading_zh"], r["text_en"], r["text_zh"], r["actor_en"],
                                         r["actor_zh"], r["ecosystem_role"], r["modality"], r["force"], r["status"])
                                   for r in conn.execute(sql, params)]
            result.rows.append(row)
        if topic is not None and not role:
            general = Row(GENERAL, "Definitions and general provisions", "定义与一般规定")
            for code, _, _ in codes:
                subtree = descendants(conn, code)
                marks = ",".join("?" * len(subtree))
                general.cells[code] = [
                    Entry(r["id"], r["instrument_id"], r["jurisdiction"], _citation(r), r["heading_en"], r["heading_zh"],
                          r["text_en"], r["text_zh"], "", "", "", "", r["force"], r["status"])
                    for r in conn.execute(f"""select p.*, i.short_title, i.citation, i.title_en, i.jurisdiction, i.force,
                                                     i.status from provision_topics pt
                                                join provisions p on p.id = pt.provision_id
                                                join instruments i on i.id = p.instrument_id
                                               where pt.topic_id = ? and i.jurisdiction in ({marks})
                                               order by i.jurisdiction, i.id, p.sort_order""", [subject, *subtree])]
            if any(general.cells.values()):
                result.rows.append(general)
        return result
    finally:
        conn.close()


# --- rendering ---------------------------------------------------------------------------------

MODALITY = {"must": ("must", "应当"), "must_not": ("must not", "不得"), "may": ("may", "可以")}


def _short(value: str, limit: int = 220) -> str:
    value = " ".join((value or "").split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _entry_text(e: Entry, lang: str, summary: bool = True, text: bool = False) -> str:
    parts = [e.citation + ("" if e.jurisdiction in ("US", "EU", "CN") else f" [{e.jurisdiction}]")]
    if e.modality:
        en, zh = MODALITY.get(e.modality, (e.modality, e.modality))
        who = {"en": f"{e.actor_en} {en}", "zh": f"{e.actor_zh}{zh}", "both": f"{e.actor_en} {en} / {e.actor_zh}{zh}"}[lang]
        parts.append(who)
    parts.append(f"{e.force}, {e.status}")
    if summary:
        if lang in ("en", "both"):
            parts.append(e.heading_en + (f": {_short(e.text_en)}" if text else ""))
        if lang in ("zh", "both"):
            parts.append(e.heading_zh + (f"：{_short(e.text_zh, 120)}" if text else ""))
    return " — ".join(p for p in parts if p)


def _nothing(lang: str) -> str:
    return {"en": NOTHING_EN, "zh": NOTHING_ZH, "both": f"{NOTHING_EN} {NOTHING_ZH}"}[lang]


def _row_name(row: Row, lang: str) -> str:
    return {"en": row.name_en, "zh": row.name_zh, "both": f"{row.name_en} / {row.name_zh}"}[lang]


def to_markdown(c: Comparison, lang: str = "both") -> str:
    title = {"en": c.name_en, "zh": c.name_zh, "both": f"{c.name_en} / {c.name_zh}"}[lang]
    out = [f"## {title}", "", "| Obligation | " + " | ".join(code for code, _, _ in c.jurisdictions) + " |",
           "|---|" + "---|" * len(c.jurisdictions)]
    for row in c.rows:
        cells = []
        for code, _, _ in c.jurisdictions:
            entries = row.cells.get(code) or []
            text = "<br>".join(_entry_text(e, lang, text=True) for e in entries) if entries else f"*{_nothing(lang)}*"
            cells.append(text.replace("|", "\\|"))
        out.append(f"| {_row_name(row, lang)} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def to_csv(c: Comparison, lang: str = "both") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["obligation_id", "obligation", "jurisdiction_column", "jurisdiction", "provision_id", "citation",
                     "actor", "modality", "force", "status", "heading_en", "heading_zh", "text_en", "text_zh"])
    for row in c.rows:
        for code, _, _ in c.jurisdictions:
            entries = row.cells.get(code) or []
            if not entries:
                writer.writerow([row.obligation_id, _row_name(row, lang), code, "", "", _nothing(lang),
                                 "", "", "", "", "", "", "", ""])
            for e in entries:
                writer.writerow([row.obligation_id, _row_name(row, lang), code, e.jurisdiction, e.provision_id,
                                 e.citation, e.actor_en if lang != "zh" else e.actor_zh, e.modality, e.force, e.status,
                                 e.heading_en, e.heading_zh, e.text_en, e.text_zh])
    return buffer.getvalue()


def to_json(c: Comparison) -> str:
    return json.dumps(c.as_dict(), ensure_ascii=False, indent=2)


def to_table(c: Comparison, lang: str = "both", width: int = 38) -> str:
    """Plain text for a terminal: one block per obligation, one line per jurisdiction."""
    title = {"en": c.name_en, "zh": c.name_zh, "both": f"{c.name_en} / {c.name_zh}"}[lang]
    out = [title, "=" * min(80, len(title) * 2)]
    for row in c.rows:
        out.append("")
        out.append(_row_name(row, lang))
        for code, _, _ in c.jurisdictions:
            entries = row.cells.get(code) or []
            if not entries:
                out.append(f"  {code:<4} {_nothing(lang)}")
            for n, e in enumerate(entries):
                out.append(f"  {code if n == 0 else '':<4} {_entry_text(e, lang, summary=True)}")
    return "\n".join(out) + "\n"


def to_html(c: Comparison, lang: str = "both", link=lambda e: f"/kb/provisions/{e.provision_id}") -> str:
    """An HTML table (a fragment); every value escaped."""
    head = "".join(f"<th>{escape(code)}<br><small>{escape(en)} / {escape(zh)}</small></th>" for code, en, zh in c.jurisdictions)
    rows = []
    for row in c.rows:
        cells = []
        for code, _, _ in c.jurisdictions:
            entries = row.cells.get(code) or []
            if not entries:
                cells.append(f'<td class="kb-empty">{escape(_nothing(lang))}</td>')
                continue
            items = []
            for e in entries:
                sub = "" if e.jurisdiction == code else f' <span class="kb-sub">{escape(e.jurisdiction)}</span>'
                modality = ""
                if e.modality:
                    en, zh = MODALITY.get(e.modality, (e.modality, e.modality))
                    modality = f'<div class="kb-who">{escape(e.actor_en)} <b>{escape(en)}</b> · {escape(e.actor_zh)}<b>{escape(zh)}</b></div>'
                headings = []
                if lang in ("en", "both"):
                    headings.append(f"<div><b>{escape(e.heading_en)}</b> {escape(_short(e.text_en))}</div>")
                if lang in ("zh", "both"):
                    headings.append(f'<div lang="zh"><b>{escape(e.heading_zh)}</b> {escape(_short(e.text_zh, 120))}</div>')
                items.append(f'<li class="kb-{escape(e.force)}"><a href="{escape(link(e))}">{escape(e.citation)}</a>{sub}'
                             f'{modality}{"".join(headings)}<div class="kb-meta">{escape(e.force)} · {escape(e.status)}</div></li>')
            cells.append(f"<td><ul>{''.join(items)}</ul></td>")
        rows.append(f"<tr><th>{escape(row.name_en)}<br><small>{escape(row.name_zh)}</small></th>{''.join(cells)}</tr>")
    return f'<table class="kb-compare"><thead><tr><th>Obligation / 义务</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


# --- overview: coverage matrix and timeline --------------------------------------------------------


def coverage(db_path: Path, jurisdictions=DEFAULT_JURISDICTIONS) -> dict:
    """Topic × jurisdiction counts of binding and soft provisions."""
    conn = _connect(db_path)
    try:
        topics = [dict(r) for r in conn.execute("select id, name_en, name_zh from topics order by id")]
        matrix = {}
        for code in jurisdictions:
            subtree = descendants(conn, code)
            marks = ",".join("?" * len(subtree))
            for r in conn.execute(f"""
                    select t, force, count(distinct pid) as n from (
                        select o.topic_id as t, i.force, p.id as pid from provision_obligations po
                          join obligations o on o.id = po.obligation_id join provisions p on p.id = po.provision_id
                          join instruments i on i.id = p.instrument_id where i.jurisdiction in ({marks})
                        union all
                        select pt.topic_id, i.force, p.id from provision_topics pt join provisions p on p.id = pt.provision_id
                          join instruments i on i.id = p.instrument_id where i.jurisdiction in ({marks}))
                    group by t, force""", [*subtree, *subtree]):
                matrix.setdefault(r["t"], {}).setdefault(code, {"binding": 0, "soft": 0})[r["force"]] = r["n"]
        return {"topics": topics, "jurisdictions": list(jurisdictions), "matrix": matrix}
    finally:
        conn.close()


def timeline(db_path: Path) -> list[dict]:
    conn = _connect(db_path)
    try:
        rows = conn.execute("""select i.id, i.jurisdiction, coalesce(i.short_title, i.title_en) as label, i.title_zh,
                                      i.date_introduced, i.date_adopted, i.date_effective, i.status, i.force
                                 from instruments i
                                order by coalesce(i.date_adopted, i.date_introduced, i.date_effective) is null,
                                         coalesce(i.date_adopted, i.date_introduced, i.date_effective), i.id""")
        return [dict(r) for r in rows]
    finally:
        conn.close()
