"""What a stored result is keyed by: the article as read, the settings it was made with, the code version."""
from __future__ import annotations

import dataclasses
import hashlib
import json

from lib.corpus.build import CorpusSettings
from lib.pipeline import Options
from lib.store.codec import encode
from lib.store.versions import package_or_empty
from lib.types import Article

NOT_IN_RESULTS = ("batch_size",)  # Options fields that change how fast, not what: not part of a key


def article_key(article: Article) -> str:
    """The article as read, every field (the pipeline may fill in its language or a note later)."""
    return hashlib.sha1(encode(article).encode("utf-8")).hexdigest()


def settings_key(options: Options) -> str:
    """The per-article settings an analysis depends on, as readable JSON (spaCy pipelines named in
    ``options.models`` with their installed versions: an upgraded pipeline is a new setting)."""
    settings = {f.name: getattr(options, f.name) for f in dataclasses.fields(options) if f.name not in NOT_IN_RESULTS}
    settings["models"] = {lang: [name, package_or_empty(name)] for lang, name in sorted(options.models.items())}
    return json.dumps(settings, sort_keys=True, ensure_ascii=False)


def corpus_key(version: str, settings: str, article_keys: list[str], corpus: CorpusSettings) -> str | None:
    """A corpus's frames: its analyses (in order), the corpus version and corpus-level settings (aliases,
    metonymy, corrections). None for a corpus not worth keeping: one built with a stance model of its own
    (a cross-validation fold)."""
    if corpus.stance_model is not None:
        return None
    aliases = corpus.aliases.to_csv() if corpus.aliases is not None and not corpus.aliases.frame.empty else ""
    corrections = corpus.corrections.to_json() if corpus.corrections else ""  # none and an empty set: alike
    parts = [version, settings, article_keys, corpus.metonymy, aliases, corrections]
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()
