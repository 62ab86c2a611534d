"""Read and validate the corpus: Markdown + YAML files → `kb.model` records.

`load_corpus(path)` never raises for bad input: it returns the records it could
build together with every problem it found, each as `file:line: message`, so
`kb check` can print all of them in one run. Nothing is written anywhere.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from . import model
from .yamlines import LineDict, LineList, YamlError
from .yamlines import load as load_yaml

MAX_FILE_BYTES = 2 * 1024 * 1024  # a legal record is never this large; a bigger file is a mistake
ID_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
JURISDICTION_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Z0-9]{1,3})?$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PAGES_RE = re.compile(r"^\d{1,3}(?:-\d{1,3})?(?:, ?\d{1,3}(?:-\d{1,3})?)*$")
URL_RE = re.compile(r"^https?://\S+$")


@dataclass
class Diagnostic:
    path: str
    line: int
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


@dataclass
class Result:
    corpus: model.Corpus
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


# --- field specifications --------------------------------------------------------
# Each spec maps a field name to (kind, required). Kinds: "text" (non-empty
# string), "id", "date", "pages", "url", "number", "list" (of strings),
# "urls", ("enum", values), "raw" (validated by the caller).

TEXT, ID, DATE, PAGES, URL, NUMBER, LIST, URLS, RAW = (
    "text", "id", "date", "pages", "url", "number", "list", "urls", "raw")


def enum(values):
    return ("enum", tuple(values))


JURISDICTION_SPEC = {"code": (RAW, True), "name_en": (TEXT, True), "name_zh": (TEXT, True), "parent": (RAW, False)}
TOPIC_SPEC = {"id": (ID, True), "name_en": (TEXT, True), "name_zh": (TEXT, True),
              "description_en": (TEXT, True), "description_zh": (TEXT, True)}
OBLIGATION_SPEC = {"id": (ID, True), "topic": (ID, True), "name_en": (TEXT, True), "name_zh": (TEXT, True),
                   "description_en": (TEXT, True), "description_zh": (TEXT, True), "report_pages": (PAGES, False)}
ACTOR_SPEC = {"id": (ID, True), "name_en": (TEXT, True), "name_zh": (TEXT, True),
              "ecosystem_role": (enum(model.ECOSYSTEM_ROLES), True), "jurisdiction": (RAW, False),
              "description_en": (TEXT, True), "description_zh": (TEXT, True)}
GLOSSARY_SPEC = {"en": (LIST, True), "zh": (LIST, True)}
ERRATUM_SPEC = {"field": (TEXT, False), "report_pages": (PAGES, True), "report_says": (TEXT, True),
                "correct": (TEXT, True), "source": (URL, True)}
INSTRUMENT_SPEC = {
    "id": (ID, True), "jurisdiction": (RAW, True), "kind": (enum(model.INSTRUMENT_KINDS), True),
    "level": (enum(model.LEVEL_CODES), False),
    "title_en": (TEXT, True), "title_zh": (TEXT, True), "short_title": (TEXT, False),
    "citation": (TEXT, False), "issuer_en": (TEXT, False), "issuer_zh": (TEXT, False),
    "date_introduced": (DATE, False), "date_adopted": (DATE, False), "date_published": (DATE, False),
    "date_effective": (DATE, False),
    "status": (enum(model.STATUSES), True), "force": (enum(model.FORCES), True),
    "summary_en": (TEXT, True), "summary_zh": (TEXT, True),
    "report_pages": (PAGES, False), "url": (URL, False), "sources": (URLS, False),
    "official_journal": (TEXT, False),
    "topics": (LIST, False), "relations": (RAW, False), "errata": (RAW, False),
}
PROVISION_SPEC = {
    "id": (ID, True), "number": (TEXT, True), "number_zh": (TEXT, False),
    "heading_en": (TEXT, True), "heading_zh": (TEXT, True),
    "text_kind": (enum(model.TEXT_KINDS), True), "text_source": (TEXT, False),
    "text_en": (TEXT, True), "text_zh": (TEXT, True),
    "report_pages": (PAGES, False), "topics": (LIST, False), "obligations": (RAW, False), "errata": (RAW, False),
    "aliases": (LIST, False),
}
CASE_SPEC = {
    "id": (ID, True), "jurisdiction": (RAW, True), "kind": (enum(model.CASE_KINDS), True),
    "title_en": (TEXT, True), "title_zh": (TEXT, True), "forum_en": (TEXT, True), "forum_zh": (TEXT, True),
    "docket": (TEXT, False), "citation": (TEXT, False),
    "date_filed": (DATE, False), "date_decided": (DATE, True), "date_settled": (DATE, False),
    "outcome_en": (TEXT, True), "outcome_zh": (TEXT, True),
    "amount": (NUMBER, False), "currency": (enum(model.CURRENCIES), False),
    "facts_en": (TEXT, True), "facts_zh": (TEXT, True), "holding_en": (TEXT, True), "holding_zh": (TEXT, True),
    "report_pages": (PAGES, False), "url": (URL, False), "sources": (URLS, False),
    "forum_abbrev": (TEXT, False), "document_type_en": (TEXT, False), "document_type_zh": (TEXT, False),
    "ecli": (TEXT, False),
    "provisions": (RAW, False), "cases": (RAW, False), "errata": (RAW, False),
}
COMMENTARY_SPEC = {
    "id": (ID, True), "kind": (enum(model.COMMENTARY_KINDS), True), "title_en": (TEXT, True), "title_zh": (TEXT, True),
    "author_en": (TEXT, False), "author_zh": (TEXT, False), "date": (DATE, False), "citation": (TEXT, False),
    "summary_en": (TEXT, True), "summary_zh": (TEXT, True), "url": (URL, False), "report_pages": (PAGES, False),
    "errata": (RAW, False),
}
PROPOSAL_SPEC = {"id": (ID, True), "number": (TEXT, False), "heading_en": (TEXT, True), "heading_zh": (TEXT, True),
                 "text_en": (TEXT, True), "text_zh": (TEXT, True), "obligations": (LIST, False)}
PRACTICE_SPEC = {
    "id": (ID, True), "source": (ID, False), "number": (TEXT, False), "title_en": (TEXT, True), "title_zh": (TEXT, True),
    "organisation_en": (TEXT, False), "organisation_zh": (TEXT, False), "text_en": (TEXT, True), "text_zh": (TEXT, True),
    "report_pages": (PAGES, False), "obligations": (LIST, False),
}
LINK_SPEC = {"obligation": (ID, True), "actor": (ID, True), "modality": (enum(model.MODALITIES), True)}
CASE_PROVISION_SPEC = {"provision": (ID, True), "relation": (enum(model.CASE_PROVISION_RELATIONS), True)}
INSTRUMENT_RELATION_SPEC = {"relation": (enum(model.INSTRUMENT_RELATIONS), True), "to": (ID, True)}
CASE_RELATION_SPEC = {"relation": (enum(model.CASE_RELATIONS), True), "to": (ID, True)}


def valid_date(value: str) -> bool:
    match = DATE_RE.match(value)
    if not match:
        return False
    year, month, day = match.groups()
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


class _Checker:
    """Collects diagnostics for one run."""

    def __init__(self, root: Path):
        self.root = root
        self.diagnostics: list[Diagnostic] = []

    def display(self, path: Path) -> str:
        try:
            return os.path.relpath(path)
        except ValueError:
            return str(path)

    def error(self, path: Path, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.display(path), line, message))

    def warn(self, path: Path, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.display(path), line, message, "warning"))

    # --- fields ---------------------------------------------------------------

    def fields(self, path: Path, data, spec: dict, what: str) -> dict | None:
        """Validate `data` against `spec`; return clean values or None if unusable."""
        if not isinstance(data, LineDict):
            line = getattr(data, "line", 1)
            self.error(path, line, f"{what} must be a mapping of 'field: value' lines")
            return None
        out: dict = {}
        for key in data:
            if key not in spec:
                close = [k for k in spec if k.split("_")[0] == key.split("_")[0]]
                hint = f" (did you mean {', '.join(close)}?)" if close else ""
                self.error(path, data.key_lines[key],
                           f"unknown field '{key}' in {what}{hint}; allowed: {', '.join(spec)}")
        for key, (kind, required) in spec.items():
            line = data.key_lines.get(key, data.line)
            value = data.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                if required:
                    self.error(path, line, f"{what} needs '{key}'; add it"
                               + (" (write it in your own words)" if key.endswith(("_en", "_zh")) else ""))
                out[key] = None
                continue
            out[key] = self.value(path, line, key, value, kind, what)
        return out

    def value(self, path, line, key, value, kind, what):
        if kind == RAW:
            return value
        if kind == NUMBER:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.error(path, line, f"'{key}' must be a plain number such as 20000000 (no commas or currency)")
                return None
            return value
        if kind in (LIST, URLS):
            if isinstance(value, str):
                value = LineList([value])
                value.line, value.item_lines = line, [line]
            if not isinstance(value, list):
                self.error(path, line, f"'{key}' must be a list, e.g. [a, b]")
                return []
            items = []
            for index, item in enumerate(value):
                item_line = value.item_lines[index] if hasattr(value, "item_lines") else line
                if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
                    self.error(path, item_line, f"each item of '{key}' must be non-empty text")
                    continue
                item = str(item).strip()
                if kind == URLS and not URL_RE.match(item):
                    self.error(path, item_line, f"'{item}' in '{key}' is not a URL; give the full https:// address")
                    continue
                items.append(item)
            return items
        if isinstance(value, (LineDict, LineList)):
            self.error(path, line, f"'{key}' must be a single value, not a list or mapping")
            return None
        text = str(value).strip()
        if kind == TEXT:
            return text
        if kind == ID:
            if not ID_RE.match(text):
                self.error(path, line, f"'{text}' is not a valid id: use lower-case letters, digits and '-' (e.g. us-il-bipa-15b)")
                return None
            return text
        if kind == DATE:
            if not valid_date(text):
                self.error(path, line, f"'{key}' is '{text}', not a real ISO date; write YYYY-MM-DD (or YYYY-MM / YYYY if only that is known)")
                return None
            return text
        if kind == PAGES:
            if not PAGES_RE.match(text):
                self.error(path, line, f"'{key}' is '{text}'; write printed page numbers like \"15\", \"17-18\" or \"13, 15\"")
                return None
            return text
        if kind == URL:
            if not URL_RE.match(text):
                self.error(path, line, f"'{key}' is '{text}', not a URL; give the full https:// address")
                return None
            return text
        if isinstance(kind, tuple) and kind[0] == "enum":
            if text not in kind[1]:
                self.error(path, line, f"'{key}' is '{text}'; use one of: {', '.join(kind[1])}")
                return None
            return text
        raise AssertionError(kind)

    def bilingual(self, path: Path, data: LineDict, clean: dict, what: str) -> None:
        """A `_en` field given without its `_zh` twin (or the reverse) is a gap."""
        for key in list(clean):
            if not key.endswith("_en"):
                continue
            twin = key[:-3] + "_zh"
            if twin not in clean:
                continue
            if bool(clean[key]) != bool(clean[twin]):
                missing = twin if clean[key] else key
                given = key if clean[key] else twin
                line = data.key_lines.get(given, data.line)
                self.error(path, line, f"{what} has '{given}' but no '{missing}'; add the other language")

    def link_list(self, path, data, key, spec, what) -> list[tuple[dict, int]]:
        value = data.get(key)
        if value is None:
            return []
        line = data.key_lines.get(key, data.line)
        if not isinstance(value, list):
            self.error(path, line, f"'{key}' must be a list of mappings like - {{{', '.join(spec)}}}")
            return []
        out = []
        for index, item in enumerate(value):
            item_line = value.item_lines[index]
            clean = self.fields(path, item, spec, f"an item of '{key}' in {what}")
            if clean and all(clean.get(k) is not None for k, (_, req) in spec.items() if req):
                out.append((clean, item_line))
        return out

    def errata(self, path, data, record_id) -> list[model.Erratum]:
        out = []
        for clean, _line in self.link_list(path, data, "errata", ERRATUM_SPEC, f"'{record_id}'"):
            out.append(model.Erratum(record_id=record_id, field=clean.get("field"),
                                     report_pages=clean["report_pages"], report_says=clean["report_says"],
                                     correct=clean["correct"], source=clean["source"]))
        return out


# --- reading files ---------------------------------------------------------------


def _read_text(checker: _Checker, path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            checker.error(path, 1, f"file is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB; split it or remove pasted material")
            return None
        raw = path.read_bytes()
    except PermissionError:
        checker.error(path, 1, "cannot read the file (permission denied); make it readable (chmod a+r)")
        return None
    except OSError as exc:
        checker.error(path, 1, f"cannot read the file ({exc.strerror}); check that it exists and is a regular file")
        return None
    if not raw.strip():
        checker.error(path, 1, "file is empty; add the record or delete the file")
        return None
    if b"\x00" in raw:
        checker.error(path, raw[: raw.index(b"\x00")].count(b"\n") + 1,
                      "file is binary, not text; corpus files must be UTF-8 Markdown or YAML")
        return None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as exc:
        checker.error(path, raw[: exc.start].count(b"\n") + 1,
                      "file is not valid UTF-8; re-save it with UTF-8 encoding")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _yaml(checker, path, text, offset=0):
    try:
        return load_yaml(text, offset)
    except YamlError as exc:
        checker.error(path, exc.line, exc.message)
        return None


def _walk(checker: _Checker, folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under `folder`, sorted; symlinks to files are read, loops reported."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path) -> None:
        try:
            st = directory.stat()
        except OSError as exc:
            checker.error(directory, 1, f"cannot open folder ({exc.strerror}); fix or remove it")
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            checker.error(directory, 1, "folder is reached twice through a symbolic link (a loop); remove the link")
            return
        seen.add(key)
        try:
            entries = sorted(directory.iterdir())
        except OSError as exc:
            checker.error(directory, 1, f"cannot list folder ({exc.strerror}); make it readable")
            return
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "README.md":
                continue
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:  # e.g. ELOOP on a self-referencing link
                checker.error(entry, 1, f"cannot follow this path ({exc.strerror}); remove the broken or looping link")
                continue
            if is_dir:
                visit(entry)
            elif is_file and entry.suffix in suffixes:
                found.append(entry)
            elif entry.is_symlink() and not entry.exists():
                checker.error(entry, 1, "symbolic link points nowhere (broken or looping); remove it")
            elif is_file:
                checker.error(entry, 1, f"unexpected file type '{entry.suffix or entry.name}'; corpus records are {' or '.join(suffixes)} files")

    if folder.is_dir():
        visit(folder)
    return found


# --- Markdown record files ----------------------------------------------------------

_md = MarkdownIt("commonmark")


def _split_front_matter(checker, path, text):
    """Return (front matter text, body text, body line offset) or None."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        checker.error(path, 1, "missing front matter: the file must start with a line '---', the YAML fields, and a closing '---'")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 1
    checker.error(path, 1, "front matter is not closed: add a line '---' after the YAML fields")
    return None


def _provision_blocks(checker, path, body, offset):
    """Yield (heading text, heading line, yaml data or None) per `##` section."""
    tokens = _md.parse(body)
    sections = []
    current = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = (token.map[0] + 1 + offset) if token.map else offset + 1
        if token.type == "heading_open":
            inline = tokens[index + 1]
            if token.tag == "h2":
                current = {"heading": inline.content, "line": line, "yaml": [], }
                sections.append(current)
            elif token.tag == "h1":
                checker.error(path, line, "use '##' headings for provisions; '#' is not allowed in the body")
            index += 3
            continue
        if token.type == "fence":
            info = token.info.strip().lower()
            if info not in ("yaml", "yml"):
                checker.error(path, line, f"code block of type '{info or 'none'}'; provisions are ```yaml blocks")
            elif current is None:
                checker.error(path, line, "a provision block stands outside any '## ' section; add a heading above it")
            else:
                current["yaml"].append((token.content, line + 1))
            index += 1
            continue
        if token.type in ("html_block",) and token.content.lstrip().startswith("<!--"):
            index += 1
            continue
        if token.type == "paragraph_open":
            checker.error(path, line, "text outside a yaml block is not read; move it into text_en / text_zh or a summary field, or make it an HTML comment")
            # skip to the matching close
            while index < len(tokens) and tokens[index].type != "paragraph_close":
                index += 1
            index += 1
            continue
        if token.type.endswith("_open") and token.level == 0:
            checker.error(path, line, f"unexpected Markdown ({token.type.replace('_open', '')}); the body holds only '## ' sections with yaml blocks")
            depth_type = token.type.replace("_open", "_close")
            while index < len(tokens) and not (tokens[index].type == depth_type and tokens[index].level == 0):
                index += 1
            index += 1
            continue
        index += 1
    for section in sections:
        if not section["yaml"]:
            checker.error(path, section["line"], "section has no ```yaml block; add the provision's fields")
            continue
        if len(section["yaml"]) > 1:
            checker.error(path, section["yaml"][1][1] - 1, "a section holds one yaml block; start a new '## ' section for the next provision")
        content, first_line = section["yaml"][0]
        yield section["heading"], section["line"], _yaml(checker, path, content, first_line - 1)


def _instrument(checker, path, text) -> tuple[model.Instrument | None, list[model.Erratum], list]:
    parts = _split_front_matter(checker, path, text)
    if parts is None:
        return None, [], []
    front, body, body_offset = parts
    data = _yaml(checker, path, front, 1)
    if data is None:
        if not front.strip():
            checker.error(path, 1, "front matter is empty; add the instrument's fields")
        return None, [], []
    clean = checker.fields(path, data, INSTRUMENT_SPEC, "instrument")
    if clean is None:
        return None, [], []
    checker.bilingual(path, data, clean, f"instrument '{clean.get('id')}'")
    if not clean.get("report_pages") and not clean.get("url"):
        checker.error(path, data.line, "instrument needs provenance: 'report_pages' and/or 'url'")
    instrument_id = clean.get("id") or f"<{path.name}>"
    errata = checker.errata(path, data, instrument_id)
    refs = []  # (kind, target, path, line, context)
    refs.append(("jurisdiction", clean.get("jurisdiction"), path, data.key_lines.get("jurisdiction", data.line), instrument_id))
    for index, topic in enumerate(clean.get("topics") or []):
        refs.append(("topic", topic, path, data.key_lines.get("topics", data.line), instrument_id))
    relations = []
    for rel, line in checker.link_list(path, data, "relations", INSTRUMENT_RELATION_SPEC, f"instrument '{instrument_id}'"):
        relations.append(model.InstrumentRelation(instrument_id, rel["to"], rel["relation"]))
        refs.append(("instrument", rel["to"], path, line, instrument_id))
    instrument = model.Instrument(
        id=instrument_id, jurisdiction=clean.get("jurisdiction"), kind=clean.get("kind"),
        title_en=clean.get("title_en"), title_zh=clean.get("title_zh"), short_title=clean.get("short_title"),
        citation=clean.get("citation"), issuer_en=clean.get("issuer_en"), issuer_zh=clean.get("issuer_zh"),
        date_introduced=clean.get("date_introduced"), date_adopted=clean.get("date_adopted"),
        date_published=clean.get("date_published"), date_effective=clean.get("date_effective"),
        status=clean.get("status"), force=clean.get("force"), level=clean.get("level"),
        summary_en=clean.get("summary_en"), summary_zh=clean.get("summary_zh"),
        report_pages=clean.get("report_pages"), url=clean.get("url"), sources=clean.get("sources") or [],
        official_journal=clean.get("official_journal"),
        topics=clean.get("topics") or [], relations=relations, source_file=checker.display(path),
    )
    for order, (heading, heading_line, pdata) in enumerate(_provision_blocks(checker, path, body, body_offset), start=1):
        if pdata is None:
            continue
        pclean = checker.fields(path, pdata, PROVISION_SPEC, f"provision '{heading}'")
        if pclean is None:
            continue
        pid = pclean.get("id") or f"<{heading}>"
        checker.bilingual(path, pdata, pclean, f"provision '{pid}'")
        if pclean.get("text_kind") == "official" and not pclean.get("text_source"):
            checker.error(path, pdata.key_lines.get("text_kind", pdata.line),
                          "official text needs 'text_source' saying which public copy of the official text it was checked against")
        provision = model.Provision(
            id=pid, instrument_id=instrument_id, number=pclean.get("number"), number_zh=pclean.get("number_zh"),
            heading_en=pclean.get("heading_en"), heading_zh=pclean.get("heading_zh"),
            text_en=pclean.get("text_en"), text_zh=pclean.get("text_zh"), text_kind=pclean.get("text_kind"),
            text_source=pclean.get("text_source"), sort_order=order, report_pages=pclean.get("report_pages"),
            topics=pclean.get("topics") or [], aliases=pclean.get("aliases") or [],
            source_file=checker.display(path), source_line=pdata.line,
        )
        for topic in provision.topics:
            refs.append(("topic", topic, path, pdata.key_lines.get("topics", pdata.line), pid))
        for link, line in checker.link_list(path, pdata, "obligations", LINK_SPEC, f"provision '{pid}'"):
            provision.obligations.append(model.ProvisionObligation(pid, link["obligation"], link["actor"], link["modality"]))
            refs.append(("obligation", link["obligation"], path, line, pid))
            refs.append(("actor", link["actor"], path, line, pid))
        errata.extend(checker.errata(path, pdata, pid))
        instrument.provisions.append(provision)
    _gap_warnings(checker, path, data, clean, _wanted_dates(instrument) + ("citation", "issuer_en", "url"))
    if not instrument.provisions and instrument.kind not in ("report", "guideline", "standard", "self_regulatory_code", "proposal", "bill"):
        checker.warn(path, data.line, f"instrument '{instrument_id}' has no provisions yet; add its key provisions as '## ' sections")
    return instrument, errata, refs


# Fields that are optional in the format but that a lawyer expects, by status.
# Missing ones are listed as warnings ("gaps"): never guessed, but visible.
_DATED = ("date_adopted", "date_effective")
INSTRUMENT_GAPS = {"in_force": _DATED, "partially_in_force": _DATED, "repealed": _DATED, "superseded": ("date_adopted",),
                   "not_yet_in_force": _DATED, "pending": ("date_introduced",), "lapsed": ("date_introduced",),
                   "withdrawn": ("date_introduced",), "current": ("date_adopted",)}


# Texts that are never "adopted": a bill, a proposal or a draft is introduced; a
# guideline, report or standard may be known by its publication date.
_INTRODUCED_KINDS = ("bill", "proposal", "draft_rule")
_PUBLISHED_KINDS = ("guideline", "report", "standard", "convention")


def _wanted_dates(instrument) -> tuple[str, ...]:
    wanted = INSTRUMENT_GAPS.get(instrument.status, ())
    if instrument.kind in _INTRODUCED_KINDS:
        wanted = tuple("date_introduced" if name == "date_adopted" else name for name in wanted)
    if instrument.kind in _PUBLISHED_KINDS and instrument.date_published:
        wanted = tuple(name for name in wanted if name != "date_adopted")
    return tuple(dict.fromkeys(wanted))


def _gap_warnings(checker, path, data, clean, wanted) -> None:
    missing = [name for name in wanted if not clean.get(name)]
    if missing:
        checker.warn(path, data.line, f"'{clean.get('id')}' has no {', '.join(missing)} yet (gap); add when verified")


def _case(checker, path, text):
    parts = _split_front_matter(checker, path, text)
    if parts is None:
        return None, [], []
    front, body, body_offset = parts
    for heading, line, _ in _provision_blocks(checker, path, body, body_offset):
        checker.error(path, line, "case files hold no '## ' sections; put everything in the front matter")
    data = _yaml(checker, path, front, 1)
    if data is None:
        if not front.strip():
            checker.error(path, 1, "front matter is empty; add the case's fields")
        return None, [], []
    clean = checker.fields(path, data, CASE_SPEC, "case")
    if clean is None:
        return None, [], []
    case_id = clean.get("id") or f"<{path.name}>"
    checker.bilingual(path, data, clean, f"case '{case_id}'")
    if not clean.get("docket") and not clean.get("citation"):
        # A real, verified decision whose case number is not yet known is recorded with the
        # gap flagged, as any other unknown fact; `kb cite` says the number is missing.
        checker.warn(path, data.line, f"case '{case_id}' has no 'docket' (case number) or 'citation' yet (gap); "
                                      "add the case number when verified")
    if not clean.get("report_pages") and not clean.get("url"):
        checker.error(path, data.line, "case needs provenance: 'report_pages' and/or 'url'")
    if (clean.get("amount") is None) != (clean.get("currency") is None):
        line = data.key_lines.get("amount", data.key_lines.get("currency", data.line))
        checker.error(path, line, "'amount' and 'currency' go together: give both (e.g. 20000000 and EUR) or neither")
    _gap_warnings(checker, path, data, clean, ("url",))
    refs = [("jurisdiction", clean.get("jurisdiction"), path, data.key_lines.get("jurisdiction", data.line), case_id)]
    case = model.Case(
        id=case_id, jurisdiction=clean.get("jurisdiction"), kind=clean.get("kind"),
        title_en=clean.get("title_en"), title_zh=clean.get("title_zh"),
        forum_en=clean.get("forum_en"), forum_zh=clean.get("forum_zh"), docket=clean.get("docket"),
        citation=clean.get("citation"), date_filed=clean.get("date_filed"), date_decided=clean.get("date_decided"),
        date_settled=clean.get("date_settled"), outcome_en=clean.get("outcome_en"), outcome_zh=clean.get("outcome_zh"),
        amount=clean.get("amount"), currency=clean.get("currency"),
        facts_en=clean.get("facts_en"), facts_zh=clean.get("facts_zh"),
        holding_en=clean.get("holding_en"), holding_zh=clean.get("holding_zh"),
        report_pages=clean.get("report_pages"), url=clean.get("url"), sources=clean.get("sources") or [],
        forum_abbrev=clean.get("forum_abbrev"), document_type_en=clean.get("document_type_en"),
        document_type_zh=clean.get("document_type_zh"), ecli=clean.get("ecli"),
        source_file=checker.display(path),
    )
    for link, line in checker.link_list(path, data, "provisions", CASE_PROVISION_SPEC, f"case '{case_id}'"):
        case.provisions.append(model.CaseProvision(case_id, link["provision"], link["relation"]))
        refs.append(("provision", link["provision"], path, line, case_id))
    for link, line in checker.link_list(path, data, "cases", CASE_RELATION_SPEC, f"case '{case_id}'"):
        case.relations.append(model.CaseRelation(case_id, link["to"], link["relation"]))
        refs.append(("case", link["to"], path, line, case_id))
    return case, checker.errata(path, data, case_id), refs


def _commentary(checker, path, text):
    parts = _split_front_matter(checker, path, text)
    if parts is None:
        return None, [], []
    front, body, body_offset = parts
    data = _yaml(checker, path, front, 1)
    if data is None:
        return None, [], []
    clean = checker.fields(path, data, COMMENTARY_SPEC, "commentary")
    if clean is None:
        return None, [], []
    commentary_id = clean.get("id") or f"<{path.name}>"
    checker.bilingual(path, data, clean, f"commentary '{commentary_id}'")
    item = model.Commentary(
        id=commentary_id, kind=clean.get("kind"), title_en=clean.get("title_en"), title_zh=clean.get("title_zh"),
        author_en=clean.get("author_en"), author_zh=clean.get("author_zh"), date=clean.get("date"),
        citation=clean.get("citation"), summary_en=clean.get("summary_en"), summary_zh=clean.get("summary_zh"),
        url=clean.get("url"), report_pages=clean.get("report_pages"), source_file=checker.display(path))
    refs = []
    for order, (heading, _line, pdata) in enumerate(_provision_blocks(checker, path, body, body_offset), start=1):
        if pdata is None:
            continue
        pclean = checker.fields(path, pdata, PROPOSAL_SPEC, f"proposal '{heading}'")
        if pclean is None:
            continue
        pid = pclean.get("id") or f"<{heading}>"
        checker.bilingual(path, pdata, pclean, f"proposal '{pid}'")
        proposal = model.Proposal(pid, commentary_id, pclean.get("number"), pclean.get("heading_en"),
                                  pclean.get("heading_zh"), pclean.get("text_en"), pclean.get("text_zh"), order,
                                  pclean.get("obligations") or [])
        for obligation in proposal.obligations:
            refs.append(("obligation", obligation, path, pdata.key_lines.get("obligations", pdata.line), pid))
        item.proposals.append(proposal)
    return item, checker.errata(path, data, commentary_id), refs


def _practice(checker, path, text, what):
    parts = _split_front_matter(checker, path, text)
    if parts is None:
        return None, []
    front, body, body_offset = parts
    for _heading, line, _ in _provision_blocks(checker, path, body, body_offset):
        checker.error(path, line, f"{what} files hold no '## ' sections; put everything in the front matter")
    data = _yaml(checker, path, front, 1)
    if data is None:
        return None, []
    clean = checker.fields(path, data, PRACTICE_SPEC, what)
    if clean is None:
        return None, []
    record_id = clean.get("id") or f"<{path.name}>"
    checker.bilingual(path, data, clean, f"{what} '{record_id}'")
    item = model.Practice(
        id=record_id, commentary_id=clean.get("source"), number=clean.get("number"), title_en=clean.get("title_en"),
        title_zh=clean.get("title_zh"), organisation_en=clean.get("organisation_en"),
        organisation_zh=clean.get("organisation_zh"), text_en=clean.get("text_en"), text_zh=clean.get("text_zh"),
        report_pages=clean.get("report_pages"), obligations=clean.get("obligations") or [],
        source_file=checker.display(path))
    line = data.key_lines.get("obligations", data.line)
    refs = [("obligation", o, path, line, record_id) for o in item.obligations]
    if item.commentary_id:
        refs.append(("commentary", item.commentary_id, path, data.key_lines.get("source", data.line), record_id))
    return item, refs


# --- taxonomy ------------------------------------------------------------------------


def _taxonomy_list(checker, path: Path, spec, what):
    if not path.exists():
        checker.error(path, 1, f"missing taxonomy file; create it as a YAML list of {what} entries")
        return []
    text = _read_text(checker, path)
    if text is None:
        return []
    data = _yaml(checker, path, text)
    if data is None:
        return []
    if not isinstance(data, LineList):
        checker.error(path, getattr(data, "line", 1), f"the file must be a YAML list: start each {what} with '- '")
        return []
    out = []
    for item in data:
        clean = checker.fields(path, item, spec, what)
        if clean is None:
            continue
        checker.bilingual(path, item, clean, what)
        out.append((clean, item))
    return out


# --- whole corpus ------------------------------------------------------------------------


def load_corpus(root: str | os.PathLike) -> Result:
    root = Path(root)
    checker = _Checker(root)
    corpus = model.Corpus()
    if not root.is_dir():
        checker.error(root, 1, "corpus folder not found; pass --corpus DIR or run from the repository")
        return Result(corpus, checker.diagnostics)
    tax = root / "taxonomy"
    refs: list = []
    ids: dict[str, tuple[Path, int]] = {}  # every record id → where it was defined

    def claim(record_id, path, line):
        if record_id in ids:
            first_path, first_line = ids[record_id]
            checker.error(path, line, f"duplicate id '{record_id}' (already used at {checker.display(first_path)}:{first_line}); ids must be unique, rename one")
            return False
        ids[record_id] = (path, line)
        return True

    codes: dict[str, int] = {}
    path = tax / "jurisdictions.yml"
    for clean, item in _taxonomy_list(checker, path, JURISDICTION_SPEC, "jurisdiction"):
        code = str(clean.get("code") or "")
        line = item.key_lines.get("code", item.line)
        if not JURISDICTION_RE.match(code):
            checker.error(path, line, f"'{code}' is not a jurisdiction code; use forms like US, US-IL, EU-FR, CN, CoE")
            continue
        if code in codes:
            checker.error(path, line, f"duplicate jurisdiction '{code}' (first on line {codes[code]}); keep one")
            continue
        codes[code] = line
        parent = clean.get("parent")
        corpus.jurisdictions.append(model.Jurisdiction(code, clean["name_en"], clean["name_zh"], parent))
        if parent is not None:
            refs.append(("jurisdiction", str(parent), path, item.key_lines.get("parent", item.line), code))

    path = tax / "topics.yml"
    for clean, item in _taxonomy_list(checker, path, TOPIC_SPEC, "topic"):
        if clean["id"] and claim(clean["id"], path, item.line):
            corpus.topics.append(model.Topic(clean["id"], clean["name_en"], clean["name_zh"],
                                             clean["description_en"], clean["description_zh"]))
    obligation_lines = {}
    path = tax / "obligations.yml"
    for clean, item in _taxonomy_list(checker, path, OBLIGATION_SPEC, "obligation"):
        if clean["id"] and claim(clean["id"], path, item.line):
            corpus.obligations.append(model.Obligation(clean["id"], clean["topic"], clean["name_en"], clean["name_zh"],
                                                       clean["description_en"], clean["description_zh"], clean.get("report_pages")))
            obligation_lines[clean["id"]] = item.line
            refs.append(("topic", clean["topic"], path, item.key_lines.get("topic", item.line), clean["id"]))
    path = tax / "actors.yml"
    for clean, item in _taxonomy_list(checker, path, ACTOR_SPEC, "actor"):
        if clean["id"] and claim(clean["id"], path, item.line):
            jurisdiction = clean.get("jurisdiction")
            corpus.actors.append(model.Actor(clean["id"], clean["name_en"], clean["name_zh"], clean["ecosystem_role"],
                                             str(jurisdiction) if jurisdiction is not None else None,
                                             clean["description_en"], clean["description_zh"]))
            if jurisdiction is not None:
                refs.append(("jurisdiction", str(jurisdiction), path, item.key_lines.get("jurisdiction", item.line), clean["id"]))
    present_roles = {a.id for a in corpus.actors}
    for role in model.ECOSYSTEM_ROLES:
        if corpus.actors and role not in present_roles:
            checker.error(tax / "actors.yml", 1, f"ecosystem role '{role}' is missing; add it as an actor whose ecosystem_role is '{role}'")
    path = tax / "glossary.yml"
    for clean, item in _taxonomy_list(checker, path, GLOSSARY_SPEC, "glossary entry"):
        if clean["en"] and clean["zh"]:
            corpus.glossary.append(model.GlossaryEntry(clean["en"], clean["zh"]))

    for path in _walk(checker, root / "instruments", (".md",)):
        text = _read_text(checker, path)
        if text is None:
            continue
        instrument, errata, more = _instrument(checker, path, text)
        if instrument is None:
            continue
        if not claim(instrument.id, path, 2):
            continue
        corpus.instruments.append(instrument)
        kept = []
        for provision in instrument.provisions:
            if claim(provision.id, path, provision.source_line):
                kept.append(provision)
        instrument.provisions = kept
        corpus.errata.extend(errata)
        refs.extend(more)
    for path in _walk(checker, root / "cases", (".md",)):
        text = _read_text(checker, path)
        if text is None:
            continue
        case, errata, more = _case(checker, path, text)
        if case is None or not claim(case.id, path, 2):
            continue
        corpus.cases.append(case)
        corpus.errata.extend(errata)
        refs.extend(more)

    for path in _walk(checker, root / "commentary", (".md",)):
        text = _read_text(checker, path)
        if text is None:
            continue
        item, errata, more = _commentary(checker, path, text)
        if item is None or not claim(item.id, path, 2):
            continue
        item.proposals = [p for p in item.proposals if claim(p.id, path, 1)]
        corpus.commentary.append(item)
        corpus.errata.extend(errata)
        refs.extend(more)
    for folder, target, what in (("practices", corpus.practices, "practice"), ("principles", corpus.principles, "principle")):
        for path in _walk(checker, root / folder, (".md",)):
            text = _read_text(checker, path)
            if text is None:
                continue
            item, more = _practice(checker, path, text, what)
            if item is None or not claim(item.id, path, 2):
                continue
            target.append(item)
            refs.extend(more)

    _check_references(checker, corpus, refs)
    _check_cycles(checker, corpus, ids)
    _check_orphans(checker, corpus, obligation_lines, tax / "obligations.yml")
    checker.diagnostics.sort(key=lambda d: (d.severity != "error", d.path, d.line))
    return Result(corpus, checker.diagnostics)


def _check_references(checker, corpus, refs):
    known = {
        "jurisdiction": {j.code for j in corpus.jurisdictions},
        "topic": {t.id for t in corpus.topics},
        "obligation": {o.id for o in corpus.obligations},
        "actor": {a.id for a in corpus.actors},
        "instrument": {i.id for i in corpus.instruments},
        "provision": {p.id for p in corpus.provisions()},
        "case": {c.id for c in corpus.cases},
        "commentary": {c.id for c in corpus.commentary},
    }
    where = {"jurisdiction": "taxonomy/jurisdictions.yml", "topic": "taxonomy/topics.yml",
             "obligation": "taxonomy/obligations.yml", "actor": "taxonomy/actors.yml",
             "instrument": "an instrument file", "provision": "an instrument file's '## ' sections",
             "case": "a case file", "commentary": "a commentary file"}
    for kind, target, path, line, source in refs:
        if target is None:
            continue
        if target == source:
            checker.error(path, line, f"'{source}' refers to itself; point the link at another record")
            continue
        if target not in known[kind]:
            near = [k for k in known[kind] if k.split("-")[:2] == str(target).split("-")[:2]][:3]
            hint = f" (similar: {', '.join(sorted(near))})" if near else ""
            checker.error(path, line, f"unknown {kind} '{target}' in '{source}'{hint}; define it in {where[kind]} or fix the reference")


def _check_cycles(checker, corpus, ids):
    """Relations that must form chains, not circles."""
    graphs = {}
    for instrument in corpus.instruments:
        for rel in instrument.relations:
            graphs.setdefault(rel.relation, {}).setdefault(rel.from_id, []).append(rel.to_id)
    for case in corpus.cases:
        for rel in case.relations:
            if rel.relation == "appeal_of":
                graphs.setdefault("appeal_of", {}).setdefault(rel.from_id, []).append(rel.to_id)
    parents = {j.code: [j.parent] for j in corpus.jurisdictions if j.parent}
    graphs["parent"] = parents
    jurisdiction_file = checker.root / "taxonomy" / "jurisdictions.yml"
    for relation, graph in graphs.items():
        reported: set[str] = set()
        for start in sorted(graph):
            if start in reported:
                continue
            trail = _path_back_to(graph, start)
            if trail:
                reported.update(trail)
                where = ids.get(start, (jurisdiction_file, 1))
                checker.error(where[0], where[1], f"circular '{relation}' relation: {' → '.join(trail + [start])}; one of these links is wrong")


def _path_back_to(graph: dict, start: str) -> list[str] | None:
    """The nodes of a path start → … → start, or None (depth-first search)."""
    stack = [(start, [start])]
    visited = {start}
    while stack:
        node, trail = stack.pop()
        for nxt in graph.get(node, []):
            if nxt == start and len(trail) > 1:
                return trail
            if nxt not in visited:
                visited.add(nxt)
                stack.append((nxt, trail + [nxt]))
    return None


def _check_orphans(checker, corpus, obligation_lines, path):
    used = {link.obligation_id for p in corpus.provisions() for link in p.obligations}
    used.update(o for c in corpus.commentary for p in c.proposals for o in p.obligations)
    used.update(o for p in corpus.practices + corpus.principles for o in p.obligations)
    if not corpus.instruments:
        return
    for obligation in corpus.obligations:
        if obligation.id not in used:
            checker.warn(path, obligation_lines.get(obligation.id, 1),
                         f"obligation '{obligation.id}' is not linked from any provision yet (orphan); link a provision to it")
