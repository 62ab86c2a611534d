"""Citations as search keys.

Lawyers type citations in many shapes: `740 ILCS 14/15`, `BIPA § 15(b)`,
`GDPR Art. 9(2)(a)`, `Article 5(1)(h) AI Act`, `PIPL 29`, `个人信息保护法第二十九条`,
`2019 IL 123186`, `(2020)浙01民终10940号`, `GB/T 41819-2022`. `key()` folds any
of them to one canonical string (lower case, no spaces or punctuation, Chinese
numerals as digits, "Art." / "§" / 第…条 dropped), and `record_keys()` lists the
keys under which a record should be found, so a citation query becomes an exact
lookup instead of a text match.
"""

from __future__ import annotations

import re
import unicodedata

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]+")


def cn_to_int(numeral: str) -> int:
    """一千零三十四 → 1034, 二十九 → 29, 十 → 10."""
    total, current = 0, 0
    for ch in numeral:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        else:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
    return total + current


# Words that only say "this is an article / section": dropped from keys.
_NOISE = re.compile(r"\b(?:articles?|arts?|sections?|secs?|paragraphs?|paras?|no|of|the)\b\.?")
# A recital is not the article of the same number: "Recital 51" keys as "r51".
_RECITAL = re.compile(r"\b(?:recitals?|rec\.?)\s*(?=\d)")
_STRIP = re.compile(r"[^0-9a-z\u3400-\u9fff()]+")


def key(text: str | None) -> str:
    """The canonical citation key of `text` ('' if nothing is left)."""
    if not text:
        return ""
    value = unicodedata.normalize("NFKC", text).lower()
    value = value.replace("中华人民共和国", "")
    # 第二十九条 → 29 ; 第29条 → 29 ; keep 款/项 points as parenthesised numbers
    value = re.sub(r"第([零〇一二两三四五六七八九十百千]+)([条款项])",
                   lambda m: f" {cn_to_int(m.group(1))}{'' if m.group(2) == '条' else ')'}", value)
    value = re.sub(r"第(\d+)条", r" \1", value)
    value = value.replace("§", " ")
    value = _RECITAL.sub(" r", value)
    value = _NOISE.sub(" ", value)
    return _STRIP.sub("", value)


def number_variants(number: str | None, number_zh: str | None = None) -> list[str]:
    """`Art. 9(2)(a)` → ['9(2)(a)', '9(2)', '9']: the pinpoint and its parents."""
    out: list[str] = []
    for raw in (number, number_zh):
        k = key(raw)
        while k and k not in out:
            out.append(k)
            trimmed = re.sub(r"\([0-9a-z]+\)$", "", k)
            if trimmed == k:
                break
            k = trimmed
    return out


def instrument_names(short_title=None, citation=None, title_en=None, title_zh=None) -> list[str]:
    """Keys naming an instrument: acronym, citation, titles (with and without a trailing year)."""
    out: list[str] = []
    for raw in (short_title, citation, title_en, title_zh):
        k = key(raw)
        if k and k not in out:
            out.append(k)
        bare = re.sub(r"(?:19|20)\d\d$", "", k) if k else ""
        if bare and bare != k and bare not in out:
            out.append(bare)
    return out


def _pair(names: list[str], numbers: list[str]) -> list[str]:
    """Every name × number combination, both orders (`pipl29`, `29pipl`)."""
    out: list[str] = []
    for n in numbers:
        for name in names:
            for k in (name + n, n + name):
                if k not in out:
                    out.append(k)
    return out


def provision_keys(names: list[str], number: str | None, number_zh: str | None = None) -> list[str]:
    """The provision's number and its parents, paired with each name of its instrument."""
    return _pair(names, number_variants(number, number_zh))


# "Art. 5(1)(db) (EP amendments, 2023)": the trailing note in parentheses is not part of the number.
_ALIAS_NOTE = re.compile(r"\s+\([^()]*\s[^()]*\)\s*$")


def alias_keys(names: list[str], aliases: list[str]) -> list[str]:
    """Keys for the other numbers a provision was cited under. Only the exact pinpoint:
    a draft's `5(1)(db)` must not also claim the parents `5(1)` and `5`, which belong
    to the provisions that carry those numbers today."""
    return _pair(names, [n for n in (key(_ALIAS_NOTE.sub("", alias)) for alias in aliases) if n])


_LAST_POINT = re.compile(r"\([0-9a-z]+\)(?=[^()]*$)")


def query_keys(query: str) -> list[str]:
    """Keys to try for a query, most specific first (drop the last point one at a time)."""
    k = key(query)
    out = []
    while k and k not in out:
        out.append(k)
        k = _LAST_POINT.sub("", k, count=1)
    return out
