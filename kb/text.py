"""Text handling shared by the build, the search and the Datasette plugin.

Chinese has no spaces, and SQLite FTS5 and Whoosh both split on them, so
Chinese text is segmented into words with jieba (plus a user dictionary of
legal terms) before indexing and before querying. Indexing emits each word of
jieba's precise mode together with every dictionary word inside it (单独同意 →
单独, 同意, 单独同意; 生物识别标识符 → 生物, 识别, 生物识别, 标识, 标识符,
生物识别标识符); queries use precise mode, so a query for a term matches the
term and a query for a part matches the part. (jieba's own search mode only
emits the two- and three-character parts, so 生物识别 would not find
生物识别标识符.)

jieba and opencc are slow to import and initialise (about a second), so they
load lazily on first use: English-only text never pays for them.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from importlib import resources

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_lock = threading.Lock()
_jieba = None


def has_cjk(text: str | None) -> bool:
    return bool(text) and _CJK.search(text) is not None


def _tokenizer():
    """The jieba tokenizer with the legal user dictionary, initialised once."""
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                with resources.files("kb.data").joinpath("userdict.txt").open("rb") as handle:
                    tokenizer.load_userdict(handle)
                _jieba = tokenizer
    return _jieba


def _join(tokens) -> str:
    return " ".join(token for token in (t.strip() for t in tokens) if token)


@lru_cache(maxsize=200_000)
def _parts(word: str) -> tuple[str, ...]:
    """The dictionary words inside `word`, shortest first (cached: words repeat)."""
    known = _tokenizer().FREQ
    return tuple(word[start:start + size] for size in range(2, len(word))
                 for start in range(len(word) - size + 1) if known.get(word[start:start + size]))


def _with_parts(words):
    """Each word preceded by the dictionary words inside it."""
    for word in words:
        if len(word) > 2 and has_cjk(word):
            yield from _parts(word)
        yield word


def segment_for_index(text: str | None) -> str:
    """Words separated by spaces: each word and the dictionary words inside it."""
    if not text:
        return ""
    if not has_cjk(text):
        return text
    return _join(_with_parts(_tokenizer().cut(to_simplified(text))))


def segment_query(text: str) -> str:
    """Words separated by spaces, in precise mode, for a search query."""
    if not has_cjk(text):
        return text
    return _join(_tokenizer().cut(to_simplified(text)))


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional (Taiwan and Hong Kong usage) → simplified, phrase by phrase.

    Taiwan phrasing is converted first (資訊 → 信息), then Hong Kong variants;
    simplified input passes through unchanged.
    """
    if not has_cjk(text):
        return text
    return _converter("hk2s").convert(_converter("tw2sp").convert(text))


class Segmenter:
    """`segment_for_index` with a private cache, for one build.

    The database's full-text tables and the Whoosh index need the same Chinese
    text segmented; with this each distinct string is segmented once, and
    `prime` can segment many strings up front on several cores.
    """

    def __init__(self):
        self.cache: dict[str, str] = {}

    def __call__(self, value: str | None) -> str:
        if not value:
            return ""
        found = self.cache.get(value)
        if found is None:
            found = self.cache[value] = segment_for_index(value)
        return found

    def prime(self, values, workers: int = 1, parallel_threshold: int = 5000) -> int:
        """Segment every distinct Chinese string in `values`; returns how many."""
        todo = list(dict.fromkeys(v for v in values if v and v not in self.cache and has_cjk(v)))
        if workers > 1 and len(todo) >= parallel_threshold:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            _tokenizer()  # load the dictionary once; forked workers inherit it
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for value, segmented in zip(todo, pool.map(segment_for_index, todo, chunksize=512)):
                    self.cache[value] = segmented
        else:
            for value in todo:
                self.cache[value] = segment_for_index(value)
        return len(todo)


def memoized_segmenter() -> Segmenter:
    return Segmenter()
