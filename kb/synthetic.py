"""Deterministic synthetic corpora for benchmarks and fault tests.

`generate(folder, provisions=N)` writes a valid corpus of about N provisions in
the real format: taxonomy, instruments of 20 provisions each, one case per 25
provisions citing some of them, bilingual text of realistic length. The same
seed always gives the same files.

Words follow Zipf's law over a vocabulary of a few thousand, as in real legal
text: the domain words (biometric, consent, 人脸, 同意 …) are among the commoner
ones and a long tail of rare words fills the rest. (Drawing uniformly from the
domain words alone would put every word in two thirds of all provisions, which
no real corpus does, and would measure a search no lawyer runs.)
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

EN_WORDS = (
    "biometric identifier information face geometry scan template consent written release notice purpose "
    "retention schedule destroy sale profit disclose security storage transmission controller processor "
    "provider deployer handler sensitive personal data subject individual request access delete correct "
    "assessment impact risk public place camera signage security authority fine penalty damages liquidated "
    "negligent reckless intentional court action aggrieved person private entity employer employee customer "
    "school student minor parent guardian law enforcement warrant surveillance real time remote identification "
    "database scraping internet image photograph video recognition verification authentication alternative method "
    "property management residential community access control payment financial institution platform application"
).split()
ZH_WORDS = (
    "人脸 识别 信息 个人 敏感 处理 同意 单独 书面 告知 目的 必要 存储 期限 删除 出售 提供 安全 措施 加密 "
    "传输 处理者 受托 评估 影响 风险 公共 场所 图像 采集 设备 标识 网信 部门 备案 罚款 责任 赔偿 法院 诉讼 "
    "物业 小区 门禁 验证 方式 替代 未成年人 监护人 算法 模型 训练 数据 深度 合成 标识 平台 应用 用户 权益 "
    "隐私 肖像 身份 核验 支付 金融 银行 学校 学生 员工 单位 执法 机关 监控 实时 远程 数据库 抓取 网络"
).split()
_SYLLABLES = ("ba be bi bo ca ce co da de di do fa fe fi ga ge go ha he hi ka ke ko la le li lo ma me mi mo "
              "na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zo").split()
_HAN = ("法律条例规定办法标准指南意见通知决定批复解释适用范围主体客体权利义务责任程序期间期限地点对象内容形式"
        "条件要求原则例外情形事项机构组织企业公司单位个人公民自然人法人登记许可审批检查监督管理服务产品技术系统"
        "网络平台终端设备软件接口文件记录报告证明材料资料档案合同协议条款格式授权委托代理转让共享公开披露查询")
VOCABULARY_SIZE = 4000
ZIPF_EXPONENT = 1.0


def _zipf_vocabulary(core: list[str], tail: list[str]) -> tuple[list[str], list[float]]:
    """Core words at ranks 3, 7, 11 … (common but not the commonest), the tail around them;
    cumulative weights for random.choices."""
    words: list[str] = []
    core_iter, tail_iter = iter(core), iter(tail)
    for rank in range(len(core) + len(tail)):
        source = core_iter if rank % 4 == 3 else tail_iter
        word = next(source, None) or next(core_iter, None) or next(tail_iter)
        words.append(word)
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank ** ZIPF_EXPONENT
        cumulative.append(total)
    return words, cumulative


def _tail_en(rng: random.Random, count: int) -> list[str]:
    out: set[str] = set()
    while len(out) < count:
        out.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(out)


def _tail_zh(rng: random.Random, count: int) -> list[str]:
    out: set[str] = set()
    while len(out) < count:
        out.add("".join(rng.choice(_HAN) for _ in range(2)))
    return sorted(out)


_VOCAB_RNG = random.Random(11)
EN_VOCAB = _zipf_vocabulary(EN_WORDS, _tail_en(_VOCAB_RNG, VOCABULARY_SIZE - len(EN_WORDS)))
ZH_VOCAB = _zipf_vocabulary(ZH_WORDS, _tail_zh(_VOCAB_RNG, VOCABULARY_SIZE - len(ZH_WORDS)))

TOPICS = ("consent", "retention", "security", "notice", "public-spaces", "minors", "penalties", "scope")
JURISDICTIONS = (("US", None), ("US-IL", "US"), ("US-TX", "US"), ("EU", None), ("EU-FR", "EU"), ("CN", None))
ROLES = ("technology_provider", "product_service_provider", "service_user", "public_authority", "data_subject")
PROVISIONS_PER_INSTRUMENT = 20
PROVISIONS_PER_CASE = 25


def _en(rng: random.Random, words: int) -> str:
    vocabulary, cumulative = EN_VOCAB
    text = " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=words))
    return text[0].upper() + text[1:] + "."


def _zh(rng: random.Random, words: int) -> str:
    vocabulary, cumulative = ZH_VOCAB
    return "".join(rng.choices(vocabulary, cum_weights=cumulative, k=words)) + "。"


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def generate(folder: Path, provisions: int = 1000, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder = Path(folder)
    tax = folder / "taxonomy"
    tax.mkdir(parents=True, exist_ok=True)
    (tax / "jurisdictions.yml").write_text(_dump([
        {"code": code, "name_en": f"Jurisdiction {code}", "name_zh": f"法域{code}", **({"parent": parent} if parent else {})}
        for code, parent in JURISDICTIONS]), encoding="utf-8")
    (tax / "topics.yml").write_text(_dump([
        {"id": t, "name_en": t.title(), "name_zh": f"主题{n}", "description_en": _en(rng, 12), "description_zh": _zh(rng, 10)}
        for n, t in enumerate(TOPICS)]), encoding="utf-8")
    obligations = [f"duty-{n}" for n in range(40)]
    (tax / "obligations.yml").write_text(_dump([
        {"id": o, "topic": TOPICS[n % len(TOPICS)], "name_en": f"Duty {n} " + _en(rng, 3), "name_zh": f"义务{n}",
         "description_en": _en(rng, 20), "description_zh": _zh(rng, 16)} for n, o in enumerate(obligations)]), encoding="utf-8")
    actors = [{"id": r, "name_en": r.replace("_", " "), "name_zh": f"角色{n}", "ecosystem_role": r,
               "description_en": _en(rng, 10), "description_zh": _zh(rng, 8)} for n, r in enumerate(ROLES)]
    for code, _ in JURISDICTIONS:
        actors.append({"id": f"actor-{code.lower()}", "name_en": f"Entity in {code}", "name_zh": f"{code}主体",
                       "ecosystem_role": "service_user", "jurisdiction": code,
                       "description_en": _en(rng, 10), "description_zh": _zh(rng, 8)})
    (tax / "actors.yml").write_text(_dump(actors), encoding="utf-8")
    (tax / "glossary.yml").write_text(_dump([{"en": ["separate consent"], "zh": ["单独同意"]},
                                             {"en": ["face recognition"], "zh": ["人脸识别"]}]), encoding="utf-8")

    instruments_dir = folder / "instruments"
    cases_dir = folder / "cases"
    instruments_dir.mkdir(exist_ok=True)
    cases_dir.mkdir(exist_ok=True)
    all_provisions: list[str] = []
    count = max(1, provisions // PROVISIONS_PER_INSTRUMENT)
    for n in range(count):
        code, _ = JURISDICTIONS[n % len(JURISDICTIONS)]
        iid = f"syn-{n:06d}"
        front = {
            "id": iid, "jurisdiction": code, "kind": "statute", "level": "law",
            "title_en": f"Synthetic Biometric Act No. {n}", "title_zh": f"合成生物识别法第{n}号",
            "short_title": f"SBA{n}", "citation": f"{n} SYN {n % 97}", "issuer_en": "Synthetic legislature",
            "issuer_zh": "合成立法机关", "date_adopted": f"{2000 + n % 24}-0{1 + n % 9}-1{n % 9}",
            "date_effective": f"{2001 + n % 24}-01-01", "status": "in_force", "force": "binding",
            "summary_en": _en(rng, 60), "summary_zh": _zh(rng, 50), "url": f"https://example.org/syn/{n}",
        }
        parts = ["---", _dump(front).rstrip(), "---", ""]
        for k in range(1, PROVISIONS_PER_INSTRUMENT + 1):
            pid = f"{iid}-s{k}"
            all_provisions.append(pid)
            provision = {
                "id": pid, "number": f"§ {k}", "number_zh": f"第{k}条", "heading_en": _en(rng, 5),
                "heading_zh": _zh(rng, 4), "text_kind": "summary", "text_en": _en(rng, rng.randint(40, 120)),
                "text_zh": _zh(rng, rng.randint(30, 90)),
                "obligations": [{"obligation": rng.choice(obligations), "actor": f"actor-{code.lower()}",
                                 "modality": rng.choice(("must", "must_not", "may"))}],
            }
            parts += [f"## § {k}", "", "```yaml", _dump(provision).rstrip(), "```", ""]
        (instruments_dir / f"{iid}.md").write_text("\n".join(parts), encoding="utf-8")
    for n in range(max(1, len(all_provisions) // PROVISIONS_PER_CASE)):
        cited = rng.sample(all_provisions, k=min(3, len(all_provisions)))
        case = {
            "id": f"syn-case-{n:06d}", "jurisdiction": JURISDICTIONS[n % len(JURISDICTIONS)][0], "kind": "civil",
            "title_en": f"Doe {n} v. Synthetic Corp.", "title_zh": f"某{n}诉合成公司案", "forum_en": "Synthetic Court",
            "forum_zh": "合成法院", "docket": f"No. {n}-cv-{1000 + n}", "date_decided": f"{2010 + n % 14}-05-0{1 + n % 9}",
            "outcome_en": _en(rng, 15), "outcome_zh": _zh(rng, 12), "facts_en": _en(rng, 80), "facts_zh": _zh(rng, 60),
            "holding_en": _en(rng, 30), "holding_zh": _zh(rng, 25), "url": f"https://example.org/case/{n}",
            "provisions": [{"provision": p, "relation": "applied"} for p in cited],
        }
        (cases_dir / f"syn-case-{n:06d}.md").write_text("---\n" + _dump(case) + "---\n", encoding="utf-8")
    return folder
