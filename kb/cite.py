"""Citation strings in the style a reader in each jurisdiction expects.

- **bluebook** (US): cases `Name, 2019 IL 123186` or `Name, 326 F.R.D. 535 (N.D. Cal. 2018)`;
  statutes `740 Ill. Comp. Stat. 14/15(b)`; bills `Title, S. 3284, 116th Cong. (2020)`.
- **oscola** (EU, Council of Europe, UK): acts `Regulation (EU) 2016/679 … [2016] OJ L119/1, art 9(2)(a)`;
  decisions `CNIL, Délibération SAN-2022-019 (17 October 2022)`; ECLI when there is one.
- **cn** (China): judgments `郭兵诉…案，浙江省杭州市中级人民法院（2020）浙01民终10940号民事判决书`;
  laws `《中华人民共和国个人信息保护法》第二十九条`; standards `GB/T 41819-2022《…》`.

Reads the built database. A citation that would need a missing fact is never
produced half-formed: `CiteError` says which field is missing and where to add it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

STYLES = ("auto", "bluebook", "oscola", "cn")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
BLUEBOOK_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
# Bluebook table T6: words abbreviated in case names.
T6 = {"Entertainment": "Ent.", "Corporation": "Corp.", "Company": "Co.", "Incorporated": "Inc.",
      "International": "Int'l", "Information": "Info.", "Litigation": "Litig.", "System": "Sys.", "Systems": "Sys.",
      "Association": "Ass'n", "Department": "Dep't", "Government": "Gov't", "National": "Nat'l",
      "Technology": "Tech.", "Technologies": "Techs.", "Services": "Servs.", "Service": "Serv.",
      "Privacy": "Priv.", "Limited": "Ltd.", "Commission": "Comm'n", "Federal": "Fed.", "Insurance": "Ins."}
# Codes in their Bluebook form (T1): the instrument's citation as the corpus writes it →
# (the whole instrument, a section of it). A provision number that is itself a full
# citation ("Cal. Civ. Code § 1798.121", "RCW 19.375.020(3)") is cited as it stands.
_ILCS = re.compile(r"^(\d+) ILCS (\d+)$")
_CFR = re.compile(r"^(\d+) C\.?F\.?R\.? (?:parts?|pts?\.) ?([\d–-]+)$", re.IGNORECASE)
_PUB_L = re.compile(r"^Pub\. ?L\.(?: No\.)? ?(\d+-\d+)")
_RCW = re.compile(r"^RCW ([\d.]+)")
_TEX = re.compile(r"^Tex\. (.+? Code)(?: Ann\.)? § ?([\d.]+)")


def _bluebook_code(cite: str, number: str | None, title: str, year: str) -> str:
    pin = re.sub(r"^§+\s*", "", number.strip()) if number else None
    if number and re.match(r"^(RCW|Cal\.|Tex\.|\d+ C\.?F\.?R)", number.strip()):
        return _bluebook_code(number.strip(), None, title, year)  # the number is a whole citation
    if m := _ILCS.match(cite):
        return f"{m.group(1)} Ill. Comp. Stat. {m.group(2)}" + (f"/{pin}" if pin else "")
    if m := _CFR.match(cite):
        if not pin:
            parts = m.group(2).replace("-", "–")
            return f"{m.group(1)} C.F.R. {'pts.' if '–' in parts else 'pt.'} {parts}"
        if pin.lower().startswith("part "):  # Part 744, Supp. No. 4
            return f"{m.group(1)} C.F.R. pt. {pin[5:]}".replace("Supp. No.", "supp. no.")
        return f"{m.group(1)} C.F.R. § {pin}"
    if m := _RCW.match(cite):
        section = m.group(1)
        return f"Wash. Rev. Code {'§' if section.count('.') > 1 else 'ch.'} {section}" + (cite[m.end():] if not pin else "")
    if m := _TEX.match(cite):
        return f"Tex. {m.group(1)} Ann. § " + (pin if pin else m.group(2) + cite[m.end():])
    if m := _PUB_L.match(cite):
        return f"{title}, Pub. L. No. {m.group(1)}" + (f", § {pin}" if pin else "") + (f" ({year})" if year else "")
    return cite + (f" § {pin}" if pin else "")


class CiteError(Exception):
    """The record lacks a fact the citation needs; the message names it."""


@dataclass
class Citation:
    id: str
    style: str
    text: str
    summary_en: str | None = None
    summary_zh: str | None = None


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def _top(conn, code: str) -> str:
    seen = set()
    while code and code not in seen:
        seen.add(code)
        row = conn.execute("select parent from jurisdictions where code = ?", [code]).fetchone()
        if not row or not row["parent"]:
            return code
        code = row["parent"]
    return code


def auto_style(conn, jurisdiction: str) -> str:
    top = _top(conn, jurisdiction)
    return {"US": "bluebook", "CN": "cn"}.get(top, "oscola")


def _need(record, fields: list[str], what: str, style: str) -> None:
    missing = [f for f in fields if not record[f]]
    if missing:
        where = record["source_file"] if "source_file" in record.keys() and record["source_file"] else "its corpus file"
        raise CiteError(f"cannot cite {record['id']} in {style} style: missing {', '.join(missing)} "
                        f"({what}); add it in {where}")


def _year(date: str | None) -> str:
    return (date or "")[:4]


def _long_date(date: str, months=MONTHS, day_first=True) -> str:
    parts = date.split("-")
    if len(parts) == 3:
        y, m, d = parts
        return f"{int(d)} {months[int(m) - 1]} {y}" if day_first else f"{months[int(m) - 1]} {int(d)}, {y}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def bluebook_name(title: str) -> str:
    words = title.split()
    return " ".join(T6.get(w.rstrip(",.") , w) + ("," if w.endswith(",") and w.rstrip(",.") in T6 else "")
                    for w in words)


_NEUTRAL = re.compile(r"^\d{4} [A-Z][A-Za-z.]*(?: App\. \(\d\w+\))? \d+")  # 2019 IL 123186, 2017 IL App (2d) 170317


def _oj(reference: str) -> str:
    """`OJ L 119, 4.5.2016, p. 1` → `[2016] OJ L119/1`; `OJ L, 2024/1689, 12.7.2024` → `[2024] OJ L 2024/1689`."""
    m = re.match(r"OJ ([LC]) (\d+), \d+\.\d+\.(\d{4}), p\. ?(\d+)", reference)
    if m:
        return f"[{m.group(3)}] OJ {m.group(1)}{m.group(2)}/{m.group(4)}"
    m = re.match(r"OJ ([LC]), (\d{4}/\d+), \d+\.\d+\.(\d{4})", reference)
    if m:
        return f"[{m.group(3)}] OJ {m.group(1)} {m.group(2)}"
    return reference


def _pinpoint(number: str, style: str) -> str:
    """`Art. 9(2)(a)` → `art 9(2)(a)` (OSCOLA); `§ 15(b)` → `15(b)`; `Recital 51` → `recital 51`."""
    value = number.strip()
    if style == "oscola":
        value = re.sub(r"^Art(?:icle)?\.?\s*", "art ", value, flags=re.IGNORECASE)
        value = re.sub(r"^Recital\s*", "recital ", value, flags=re.IGNORECASE)
        return value
    return re.sub(r"^§+\s*", "", value)


# --- cases ----------------------------------------------------------------------------------------


def _case(conn, row, style: str, lang: str) -> str:
    if style == "bluebook":
        name = bluebook_name(row["title_en"])
        if row["citation"] and _NEUTRAL.match(row["citation"]):
            return f"{name}, {row['citation']}"
        _need(row, ["forum_abbrev", "date_decided"], "the court's Bluebook abbreviation and the decision date", style)
        if row["citation"]:
            return f"{name}, {row['citation']} ({row['forum_abbrev']} {_year(row['date_decided'])})"
        _need(row, ["docket"], "the docket number", style)
        docket = row["docket"] if row["docket"].lower().startswith("no") else f"No. {row['docket']}"
        return f"{name}, {docket} ({row['forum_abbrev']} {_long_date(row['date_decided'], BLUEBOOK_MONTHS, False)})"
    if style == "oscola":
        if row["forum_abbrev"] == "ECtHR" and row["docket"] and row["date_decided"]:
            # OSCOLA for Strasbourg: Glukhin v Russia App no 11519/20 (ECtHR, 4 July 2023)
            title = row["title_en"].replace(" v. ", " v ")
            return f"{title} App no {row['docket']} (ECtHR, {_long_date(row['date_decided'])})"
        if row["ecli"]:
            return f"{row['title_en']} ({row['docket'] or ''}) {row['ecli']}".replace(" ()", "")
        _need(row, ["forum_en", "docket", "date_decided"], "the authority, the decision reference and the date", style)
        forum = row["forum_abbrev"] or row["forum_en"]
        title = row["title_en"]
        if title.startswith(forum + " "):
            title = title[len(forum) + 1:]
            title = title[:1].upper() + title[1:]
        kind = f"{row['document_type_en']} " if row["document_type_en"] else ""
        return f"{forum}, {title} ({kind}{row['docket']}, {_long_date(row['date_decided'])})"
    if style == "cn":
        if lang == "zh":
            _need(row, ["title_zh", "forum_zh", "docket"], "案件名称、法院和案号", style)
            kind = row["document_type_zh"] or ""
            # the instance (（一审）/（二审）) is told by the court and case number, not the case name
            title = re.sub(r"[（(][^（）()]*审[）)]$", "", row["title_zh"])
            title = title if title.endswith("案") else title + "案"
            return f"{title}，{row['forum_zh']}{row['docket']}{kind}"
        _need(row, ["title_en", "forum_en", "docket"], "case name, court and case number", style)
        kind = f" {row['document_type_en']}" if row["document_type_en"] else ""
        title = re.sub(r",?\s*(?:first|second|third) instance$", "", row["title_en"], flags=re.I)
        return f"{title}, {row['forum_en']}, {row['docket']}{kind} ({_long_date(row['date_decided'])})"
    raise CiteError(f"unknown style {style}")


def case_summary(conn, row) -> tuple[str, str]:
    provisions = conn.execute("""select cp.relation, p.number, p.number_zh, i.short_title, i.citation, i.title_zh
                                   from case_provisions cp join provisions p on p.id = cp.provision_id
                                   join instruments i on i.id = p.instrument_id where cp.case_id = ?
                                   order by i.id, p.sort_order""", [row["id"]]).fetchall()
    applied_en = "; ".join(f"{p['short_title'] or p['citation']} {p['number']} ({p['relation']})" for p in provisions)
    applied_zh = "；".join(f"《{p['title_zh']}》{p['number_zh'] or p['number']}" for p in provisions)
    amount = ""
    if row["amount"] is not None:
        value = row["amount"]
        amount = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
        amount = f"{amount} {row['currency']}"
    docket = " · ".join(v for v in (row["citation"], row["docket"]) if v)
    en = "\n".join(line for line in [
        f"{row['title_en']}",
        f"Forum: {row['forum_en']} · Decided: {row['date_decided']}" + (f" · {docket}" if docket else ""),
        f"Facts: {row['facts_en']}",
        f"Holding: {row['holding_en']}",
        f"Outcome: {row['outcome_en']}" + (f" (amount: {amount})" if amount else ""),
        f"Provisions: {applied_en}" if applied_en else "",
    ] if line)
    zh = "\n".join(line for line in [
        f"{row['title_zh']}",
        f"审理机关：{row['forum_zh']} · 日期：{row['date_decided']}" + (f" · {docket}" if docket else ""),
        f"案情：{row['facts_zh']}",
        f"裁判要旨：{row['holding_zh']}",
        f"结果：{row['outcome_zh']}" + (f"（金额：{amount}）" if amount else ""),
        f"所涉条款：{applied_zh}" if applied_zh else "",
    ] if line)
    return en, zh


# --- instruments and provisions ---------------------------------------------------------------------


def _instrument(row, style: str, lang: str, number: str | None = None, number_zh: str | None = None) -> str:
    kind = row["kind"]
    if kind == "standard":
        _need(row, ["citation"], "the standard number", style)
        return f"{row['citation']}《{row['title_zh']}》" + (f" {number}" if number else "") if lang == "zh" or style == "cn" \
            else f"{row['citation']} {row['title_en']}" + (f", {number}" if number else "")
    if style == "bluebook":
        if kind in ("bill", "proposal"):
            _need(row, ["citation"], "the bill number and Congress", style)
            year = _year(row["date_introduced"] or row["date_adopted"])
            _need(row, ["date_introduced"] if not year else [], "the date introduced", style)
            pin = f" § {_pinpoint(number, style)}" if number else ""
            return f"{row['title_en']}, {row['citation']}{pin} ({year})"
        _need(row, ["citation"], "the code citation", style)
        return _bluebook_code(row["citation"], number, row["title_en"], _year(row["date_adopted"]))
    if style == "oscola":
        title = row["title_en"]
        cite = row["citation"] or ""
        if cite and not title.startswith(cite):
            # EU acts lead with their number, the name in brackets: Regulation (EU) 2016/679 (General …)
            title = f"{cite} ({title})" if cite.startswith(("Regulation", "Directive", "Decision")) else f"{title} ({cite})"
        oj = f" {_oj(row['official_journal'])}" if row["official_journal"] else ""
        return f"{title}{oj}" + (f", {_pinpoint(number, style)}" if number else "")
    if style == "cn":
        if lang == "zh":
            title = row["title_zh"]
            return f"《{title}》" + (number_zh or (number or ""))
        return f"{row['title_en']}" + (f", {_pinpoint(number, 'oscola')}" if number else "")
    raise CiteError(f"unknown style {style}")


def cite(db_path: Path, record_id: str, style: str = "auto", lang: str = "en", summary: bool = False) -> Citation:
    if style not in STYLES:
        raise CiteError(f"unknown style '{style}'; use one of {', '.join(STYLES)}")
    conn = _connect(db_path)
    try:
        row = conn.execute("select * from cases where id = ?", [record_id]).fetchone()
        if row is not None:
            chosen = auto_style(conn, row["jurisdiction"]) if style == "auto" else style
            text = _case(conn, row, chosen, lang)
            en = zh = None
            if summary:
                en, zh = case_summary(conn, row)
            return Citation(record_id, chosen, text, en, zh)
        row = conn.execute("select * from instruments where id = ?", [record_id]).fetchone()
        if row is not None:
            chosen = auto_style(conn, row["jurisdiction"]) if style == "auto" else style
            return Citation(record_id, chosen, _instrument(row, chosen, lang),
                            row["summary_en"] if summary else None, row["summary_zh"] if summary else None)
        provision = conn.execute("select * from provisions where id = ?", [record_id]).fetchone()
        if provision is not None:
            row = conn.execute("select * from instruments where id = ?", [provision["instrument_id"]]).fetchone()
            chosen = auto_style(conn, row["jurisdiction"]) if style == "auto" else style
            if not re.search(r"\d", provision["number"]):
                raise CiteError(f"cannot cite {record_id} with a pinpoint: its number '{provision['number']}' is a "
                                f"label, not a section or article number; add the verified number in "
                                f"{row['source_file'] or 'its corpus file'}, or cite the instrument {row['id']}")
            text = _instrument(row, chosen, lang, provision["number"], provision["number_zh"])
            return Citation(record_id, chosen, text, provision["text_en"] if summary else None,
                            provision["text_zh"] if summary else None)
        raise CiteError(f"no case, instrument or provision with id '{record_id}'")
    finally:
        conn.close()


def all_styles(db_path: Path, record_id: str) -> dict[str, str]:
    """Every style that can be produced for a record (for the browser's citation box)."""
    out = {}
    for style in ("bluebook", "oscola", "cn"):
        for lang in (("en", "zh") if style == "cn" else ("en",)):
            try:
                out[f"{style}-{lang}" if style == "cn" else style] = cite(db_path, record_id, style, lang).text
            except CiteError:
                continue
    return out
