"""English word valence from VADER's lexicon (vaderSentiment, MIT: C.J. Hutto's crowd-rated list of about
7,500 words), read from the installed package as data: the learned tone model counts its hits beside Revue's
own reviewed lists, which cover news events but few of the words of an interview ("enjoy", "beautiful",
"dislike")."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from lib.textkeys import fold

VADER_SCALE = 4.0  # VADER rates words from -4 to +4; Revue's lists weigh them in [-1, 1]


@lru_cache(maxsize=None)
def valences(lang: str) -> dict[str, float]:
    """Folded word -> valence in [-1, 1]; empty for a language VADER does not cover (French: its French
    port needs a GPL package, so Revue's own lists and the French vectors stand alone). Tried in session 16: the
    polarity of Pattern's 5,116 French adjective forms (PDDL, shipped in textblob-fr 0.2.0) as French valences,
    French tone macro-F1 on the development folds .664 -> .666 (C 0.1) and .660 -> .662 (C 0.05): noise, and a
    book-review list ("grave" +0.4) does not read news; left out."""
    if lang != "en":
        return {}
    out: dict[str, float] = {}
    for line in (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
        word, mean, *_ = line.split("\t")
        out[fold(word)] = float(mean) / VADER_SCALE
    return out
