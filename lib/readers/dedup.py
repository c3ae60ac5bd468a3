"""Duplicates and near-duplicates.

The same article uploaded twice (or the same text in a .txt and a CSV row) is
analyzed once: the later copy keeps a row with ``duplicate_of`` set. One wire
story lightly edited by several outlets is one *story*: near-duplicates share
a ``cluster`` (the article_id of the story's first article) so pages count
stories, not copies. Two articles tell one story when most of the shorter
one's word 5-grams are in the other (containment, so an outlet that keeps
half of a dispatch still joins it; the Jaccard index of that pair is 0.4).
Shingle sets are summarised by MinHash and bucketed with LSH so a corpus of
thousands of articles is not compared pair by pair.
"""
from __future__ import annotations

import hashlib
import zlib
from collections import defaultdict
from dataclasses import replace
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from lib.textkeys import words
from lib.types import Article

SHINGLE = 5  # words per shingle: long enough that two different articles on one topic share few
THRESHOLD = 0.6  # share of the shorter article's shingles found in the other
MIN_WORDS = 30  # shorter texts (briefs, titles only) share too little to be judged
# 42 bands of 3 rows: a pair at Jaccard 0.4 meets in some band 94% of the time, two
# unrelated articles of one campaign (Jaccard 0.03 in the demo corpus) 0.1% of the time.
_PERMS, _BAND = 126, 3
_PRIME = 4294967291  # largest prime below 2**32: (a*x + b) stays below 2**64
_rng = np.random.default_rng(20221)  # fixed seed: the same corpus always gets the same clusters
_A = _rng.integers(1, 2**31, _PERMS, dtype=np.uint64)
_B = _rng.integers(0, 2**31, _PERMS, dtype=np.uint64)


def text_key(text: str) -> str:
    """Identity of a text up to case, accents, punctuation, spacing and line endings."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()


def _note(article: Article, note: str) -> str:
    return "; ".join(filter(None, (article.note, note)))


def mark_duplicates(articles: Iterable[Article], seen: Iterable[Article] = ()) -> list[Article]:
    """The articles with ``duplicate_of`` set on each later copy of a text.

    ``seen`` are articles already in the corpus (the app's session), which
    the new ones are also compared with.
    """
    first: dict[str, str] = {}
    for article in seen:
        if not article.error and article.text.strip():
            first.setdefault(text_key(article.text), article.duplicate_of or article.article_id)
    out = []
    for article in articles:
        if article.error or article.duplicate_of or not article.text.strip():
            out.append(article)
            continue
        key = text_key(article.text)
        if key in first:
            article = replace(article, duplicate_of=first[key],
                              note=_note(article, f"same text as {first[key]}: not analyzed twice"))
        else:
            first[key] = article.article_id
        out.append(article)
    return out


def _signature(text: str) -> tuple[np.ndarray, int] | None:
    """MinHash signature of the text's shingles, and how many shingles it has."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    shingles = {zlib.crc32(" ".join(tokens[i:i + SHINGLE]).encode("utf-8"))
                for i in range(len(tokens) - SHINGLE + 1)}
    x = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    chunks = (((np.outer(_A, x[i:i + 4096]) + _B[:, None]) % _PRIME).min(axis=1)  # 4 MB at a time
              for i in range(0, len(x), 4096))
    return np.minimum.reduce(list(chunks)), len(shingles)


def _containment(a: tuple[np.ndarray, int], b: tuple[np.ndarray, int]) -> float:
    """|A ∩ B| / min(|A|, |B|), from the MinHash estimate of Jaccard J: |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    jaccard = float(np.mean(a[0] == b[0]))
    return jaccard * (a[1] + b[1]) / (1 + jaccard) / min(a[1], b[1])


def story_clusters(article_ids: Sequence[str], texts: Sequence[str], threshold: float = THRESHOLD) -> list[str]:
    """For each article, the article_id of the first article of its story ("" for an empty text)."""
    computed: dict[str, tuple[np.ndarray, int] | None] = {}  # a text republished word for word is hashed once
    signatures = [computed[t] if t in computed else computed.setdefault(t, _signature(t)) if isinstance(t, str)
                  else None for t in texts]
    same_as = {}  # article -> the first article whose signature is the same (the same shingles, as far as known)
    first_of: dict[tuple[bytes, int], int] = {}
    for i, sig in enumerate(signatures):
        if sig is not None:
            same_as[i] = first_of.setdefault((sig[0].tobytes(), sig[1]), i)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, sig in enumerate(signatures):
        if sig is not None:
            for band in range(0, _PERMS, _BAND):
                buckets[(band, sig[0][band:band + _BAND].tobytes())].append(i)
    for members in buckets.values():
        # Each member is compared with the earlier ones in order and joins the first that tells its story.
        # An earlier member with the signature and the story of one before it is left out of the comparisons:
        # it compares as that one did, so it cannot be the first to match (a wire story copied a thousand
        # times is compared once per story, not a million times).
        compared: list[int] = []
        seen: set[tuple[int, int]] = set()
        for j in members:
            for i in compared:
                if root(i) != root(j) and _containment(signatures[i], signatures[j]) >= threshold:
                    parent[max(root(i), root(j))] = min(root(i), root(j))
                    break
            if (root(j), same_as[j]) not in seen:
                seen.add((root(j), same_as[j]))
                compared.append(j)
    return [article_ids[root(i)] if isinstance(texts[i], str) and texts[i].strip() else ""
            for i in range(len(texts))]


def cluster_column(articles: pd.DataFrame) -> list[str]:
    """The ``cluster`` of each row of an articles frame: a duplicate joins its original's story."""
    duplicate = articles["duplicate_of"].fillna("") != ""
    texts = articles["text"].where(~duplicate, "").fillna("").tolist()
    clusters = dict(zip(articles["article_id"], story_clusters(articles["article_id"].tolist(), texts)))
    return [clusters.get(of, "") if of else clusters[aid]
            for aid, of in zip(articles["article_id"], articles["duplicate_of"].fillna(""))]
