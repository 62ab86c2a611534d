"""The ranked bilingual search index (Whoosh, BM25F).

One document per instrument, provision, case and obligation. Titles and
citations weigh more than body text (field boosts). Chinese fields are stored
pre-segmented by `kb.text`, so the Chinese analyzer here only splits on spaces;
the original Chinese text is kept in separate stored fields for display.
"""

from __future__ import annotations

from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemmingAnalyzer

from . import model, text

# Pre-segmented Chinese (and anything else) split on whitespace, lower-cased.
SEGMENTED = RegexTokenizer(r"[^\s\u3000，。；：、“”‘’（）《》【】！？,.;:!?()\[\]\"']+") | LowercaseFilter()
# Citations: keep digits, letters, "/", "." and section signs together enough to match "14/15" or "2019".
CITATION = RegexTokenizer(r"[0-9A-Za-z\u4e00-\u9fff]+") | LowercaseFilter()

TEXT_FIELDS = {
    # field: (analyzer, boost)
    "citation": (CITATION, 4.0),
    "title_en": (StemmingAnalyzer(), 3.0),
    "title_zh": (SEGMENTED, 3.0),
    "body_en": (StemmingAnalyzer(), 1.0),
    "body_zh": (SEGMENTED, 1.0),
}


def schema() -> fields.Schema:
    spec = {
        "id": fields.ID(stored=True, unique=True),
        "type": fields.ID(stored=True),
        "jurisdiction": fields.ID(stored=True),
        # the record's jurisdiction and all its ancestors, for filters such as US ⊃ US-IL
        "jurisdictions": fields.KEYWORD(lowercase=False, commas=False),
        "display_title_en": fields.STORED(),
        "display_title_zh": fields.STORED(),
        "display_citation": fields.STORED(),
        "path": fields.STORED(),
    }
    for name, (analyzer, boost) in TEXT_FIELDS.items():
        spec[name] = fields.TEXT(analyzer=analyzer, field_boost=boost, stored=False)
    return fields.Schema(**spec)


def _ancestors(code: str | None, parents: dict[str, str | None]) -> list[str]:
    out = []
    while code and code not in out:
        out.append(code)
        code = parents.get(code)
    return out


def documents(corpus: model.Corpus, segment=None):
    """Search documents; `segment` is the build's shared segmenter (None: segment afresh)."""
    parents = {j.code: j.parent for j in corpus.jurisdictions}
    seg = segment or text.memoized_segmenter()

    def seg_all(*parts):
        return " ".join(seg(part) for part in parts if part)

    def doc(kind, record_id, jurisdiction, title_en, title_zh, citation, body_en, body_zh, table):
        return {
            "id": record_id, "type": kind, "jurisdiction": jurisdiction or "",
            "jurisdictions": " ".join(_ancestors(jurisdiction, parents)),
            "display_title_en": title_en, "display_title_zh": " ".join(p for p in title_zh if p), "display_citation": citation or "",
            "path": f"/kb/{table}/{record_id}",
            "citation": seg(citation or ""), "title_en": title_en or "", "title_zh": seg_all(*title_zh),
            "body_en": body_en or "", "body_zh": seg_all(*body_zh),
        }

    for i in corpus.instruments:
        yield doc("instrument", i.id, i.jurisdiction, i.title_en, (i.title_zh,),
                  " ".join(filter(None, [i.short_title, i.citation])), i.summary_en, (i.summary_zh,), "instruments")
        for p in i.provisions:
            name = i.short_title or i.citation or i.title_en
            yield doc("provision", p.id, i.jurisdiction, f"{name} {p.number} {p.heading_en}",
                      (i.title_zh, p.number_zh or p.number, p.heading_zh),
                      " ".join(filter(None, [i.short_title, i.citation, p.number, p.number_zh])),
                      p.text_en, (p.text_zh,), "provisions")
    for c in corpus.cases:
        yield doc("case", c.id, c.jurisdiction, c.title_en, (c.title_zh,),
                  " ".join(filter(None, [c.citation, c.docket])),
                  " ".join(filter(None, [c.facts_en, c.holding_en, c.outcome_en, c.forum_en])),
                  (c.facts_zh, c.holding_zh, c.outcome_zh, c.forum_zh), "cases")
    for c in corpus.commentary:
        yield doc("commentary", c.id, None, c.title_en, (c.title_zh,), c.citation or "", c.summary_en, (c.summary_zh,),
                  "commentary")
        for p in c.proposals:
            yield doc("proposal", p.id, None, p.heading_en, (p.heading_zh,), "", p.text_en, (p.text_zh,), "proposals")
    for table, kind, items in (("practices", "practice", corpus.practices), ("principles", "principle", corpus.principles)):
        for p in items:
            yield doc(kind, p.id, None, p.title_en, (p.title_zh,), "", p.text_en, (p.text_zh,), table)
    for o in corpus.obligations:
        yield doc("obligation", o.id, None, o.name_en, (o.name_zh,), "", o.description_en, (o.description_zh,), "obligations")


def write_index(corpus: model.Corpus, directory: Path, segment=None) -> int:
    directory.mkdir(parents=True)
    ix = index.create_in(str(directory), schema())
    writer = ix.writer(limitmb=256)
    count = 0
    for document in documents(corpus, segment):
        writer.add_document(**document)
        count += 1
    writer.commit()
    return count


def count_documents(corpus: model.Corpus) -> int:
    """How many documents `documents(corpus)` yields, without segmenting anything."""
    return (sum(1 + len(i.provisions) for i in corpus.instruments) + len(corpus.cases)
            + sum(1 + len(c.proposals) for c in corpus.commentary) + len(corpus.practices)
            + len(corpus.principles) + len(corpus.obligations))


def chinese_strings(corpus: model.Corpus):
    """Every text value of the records that may need segmenting (for `Segmenter.prime`)."""
    records = [*corpus.instruments, *corpus.provisions(), *corpus.cases, *corpus.obligations,
               *corpus.commentary, *(p for c in corpus.commentary for p in c.proposals),
               *corpus.practices, *corpus.principles]
    for record in records:
        for value in vars(record).values():
            if isinstance(value, str) and text.has_cjk(value):
                yield value
