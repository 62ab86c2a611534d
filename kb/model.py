"""Plain records of the knowledge graph and the controlled vocabularies.

Everything here is data: the corpus loader fills these dataclasses, the store
writes them to SQLite, the index feeds them to Whoosh. Field names match the
public SQLite columns (see DESIGN.md and datasette_metadata.yml).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- controlled vocabularies -------------------------------------------------

INSTRUMENT_KINDS = (
    "statute", "bill", "regulation", "directive", "proposal", "draft_rule",
    "judicial_interpretation", "administrative_regulation", "departmental_rule",
    "normative_document", "guideline", "standard", "self_regulatory_code",
    "report", "convention",
)
STATUSES = (
    "in_force", "partially_in_force", "not_yet_in_force", "pending", "lapsed",
    "withdrawn", "superseded", "repealed", "current",
)
FORCES = ("binding", "soft")
TEXT_KINDS = ("summary", "official", "translation")
MODALITIES = ("must", "must_not", "may")
CASE_KINDS = (
    "civil", "class_action", "criminal", "administrative_litigation",
    "regulatory_enforcement", "public_interest_litigation",
)
CASE_PROVISION_RELATIONS = ("applied", "violated", "interpreted", "cited")
INSTRUMENT_RELATIONS = (
    "amends", "implements", "supersedes", "finalises", "delegated_by", "based_on",
)
CASE_RELATIONS = ("appeal_of", "related")
COMMENTARY_KINDS = ("report", "article", "book", "other")

# Ecosystem roles of the report's three-role model, plus the two roles outside
# the industry (authorities and the people whose faces are processed).
ECOSYSTEM_ROLES = {
    "technology_provider": ("Technology provider", "技术提供者"),
    "product_service_provider": ("Product / service provider", "产品/服务提供者"),
    "service_user": ("Service user", "服务使用者"),
    "public_authority": ("Public authority", "公权力机关"),
    "data_subject": ("Data subject", "信息主体"),
}

# Levels of the legal hierarchy, in order of authority within each family.
# (code, English, 中文, rank)
LEVELS = (
    ("law", "Law (NPC / NPCSC)", "法律", 10),
    ("judicial_interpretation", "Judicial interpretation", "司法解释", 20),
    ("administrative_regulation", "Administrative regulation", "行政法规", 30),
    ("departmental_rule", "Departmental rule", "部门规章", 40),
    ("normative_document", "Normative document", "规范性文件", 50),
    ("national_standard", "National standard", "国家标准", 60),
    ("sector_standard", "Sector standard", "行业标准", 70),
    ("group_standard", "Group standard", "团体标准", 80),
    ("self_regulatory", "Self-regulatory convention", "自律公约", 90),
    ("federal_statute", "Federal statute", "联邦法律", 10),
    ("federal_bill", "Federal bill", "联邦法案（草案）", 15),
    ("federal_regulation", "Federal regulation", "联邦法规", 30),
    ("state_statute", "State statute", "州法律", 40),
    ("state_bill", "State bill", "州法案（草案）", 45),
    ("state_regulation", "State regulation", "州法规", 50),
    ("eu_regulation", "EU regulation", "欧盟条例", 10),
    ("eu_directive", "EU directive", "欧盟指令", 10),
    ("eu_proposal", "EU legislative proposal", "欧盟立法提案", 15),
    ("eu_soft_law", "EU soft law (guidelines, white papers)", "欧盟软法（指南、白皮书）", 60),
    ("national_law", "National law of a member state", "成员国国内法", 20),
    ("regulator_guidance", "Regulator guidance or report", "监管机构指引或报告", 60),
    ("international_standard", "International standard", "国际标准", 60),
    ("coe_instrument", "Council of Europe instrument", "欧洲委员会文件", 30),
)
LEVEL_CODES = tuple(code for code, *_ in LEVELS)

# ISO 4217 codes the corpus is expected to use; extend when a new one appears.
CURRENCIES = ("USD", "EUR", "CNY", "SEK", "GBP", "HKD", "TWD", "JPY", "KRW", "AUD", "CAD", "CHF")


# --- records -------------------------------------------------------------------


@dataclass
class Jurisdiction:
    code: str
    name_en: str
    name_zh: str
    parent: str | None = None


@dataclass
class Topic:
    id: str
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str


@dataclass
class Obligation:
    id: str
    topic_id: str
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str
    report_pages: str | None = None


@dataclass
class Actor:
    id: str
    name_en: str
    name_zh: str
    ecosystem_role: str
    jurisdiction: str | None
    description_en: str
    description_zh: str


@dataclass
class GlossaryEntry:
    en: list[str]
    zh: list[str]


@dataclass
class Erratum:
    record_id: str
    field: str | None
    report_pages: str | None
    report_says: str
    correct: str
    source: str


@dataclass
class ProvisionObligation:
    provision_id: str
    obligation_id: str
    actor_id: str
    modality: str


@dataclass
class Provision:
    id: str
    instrument_id: str
    number: str
    number_zh: str | None
    heading_en: str
    heading_zh: str
    text_en: str
    text_zh: str
    text_kind: str
    text_source: str | None
    sort_order: int
    report_pages: str | None = None
    topics: list[str] = field(default_factory=list)
    obligations: list[ProvisionObligation] = field(default_factory=list)
    # Other numbers the same provision has been cited under (a draft's or an older
    # numbering), e.g. "Art. 5(1)(db) (EP amendments, 2023)".
    aliases: list[str] = field(default_factory=list)
    source_file: str = ""
    source_line: int = 0


@dataclass
class InstrumentRelation:
    from_id: str
    to_id: str
    relation: str


@dataclass
class Instrument:
    id: str
    jurisdiction: str
    kind: str
    title_en: str
    title_zh: str
    short_title: str | None
    citation: str | None
    issuer_en: str | None
    issuer_zh: str | None
    date_introduced: str | None
    date_adopted: str | None
    date_published: str | None
    date_effective: str | None
    status: str
    force: str
    level: str | None
    summary_en: str
    summary_zh: str
    report_pages: str | None
    url: str | None
    official_journal: str | None = None
    sources: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    relations: list[InstrumentRelation] = field(default_factory=list)
    source_file: str = ""


@dataclass
class CaseProvision:
    case_id: str
    provision_id: str
    relation: str


@dataclass
class CaseRelation:
    from_id: str
    to_id: str
    relation: str


@dataclass
class Case:
    id: str
    jurisdiction: str
    kind: str
    title_en: str
    title_zh: str
    forum_en: str
    forum_zh: str
    docket: str | None
    citation: str | None
    date_filed: str | None
    date_decided: str
    date_settled: str | None
    outcome_en: str
    outcome_zh: str
    amount: float | None
    currency: str | None
    facts_en: str
    facts_zh: str
    holding_en: str
    holding_zh: str
    report_pages: str | None
    url: str | None
    forum_abbrev: str | None = None
    document_type_en: str | None = None
    document_type_zh: str | None = None
    ecli: str | None = None
    sources: list[str] = field(default_factory=list)
    provisions: list[CaseProvision] = field(default_factory=list)
    relations: list[CaseRelation] = field(default_factory=list)
    source_file: str = ""


@dataclass
class Proposal:
    """One legislative or governance proposal made by a piece of commentary."""

    id: str
    commentary_id: str
    number: str | None
    heading_en: str
    heading_zh: str
    text_en: str
    text_zh: str
    sort_order: int
    obligations: list[str] = field(default_factory=list)


@dataclass
class Commentary:
    """A secondary source: a report, an article, a book."""

    id: str
    kind: str
    title_en: str
    title_zh: str
    author_en: str | None
    author_zh: str | None
    date: str | None
    citation: str | None
    summary_en: str
    summary_zh: str
    url: str | None
    report_pages: str | None
    proposals: list[Proposal] = field(default_factory=list)
    source_file: str = ""


@dataclass
class Practice:
    """An industry practice (the report's chapter 4) or principle (its appendix)."""

    id: str
    commentary_id: str | None
    number: str | None
    title_en: str
    title_zh: str
    organisation_en: str | None
    organisation_zh: str | None
    text_en: str
    text_zh: str
    report_pages: str | None
    obligations: list[str] = field(default_factory=list)
    source_file: str = ""


@dataclass
class Corpus:
    jurisdictions: list[Jurisdiction] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    errata: list[Erratum] = field(default_factory=list)
    commentary: list[Commentary] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
    principles: list[Practice] = field(default_factory=list)

    def provisions(self):
        for instrument in self.instruments:
            yield from instrument.provisions
