"""Records <-> JSON, without pickle: what the store keeps of a per-article analysis.

An analysis is a tree of frozen dataclasses, tuples, lists, dicts and scalars. Each dataclass is written
with a type tag (``"@": "module:QualName"``) and its fields; tuples and dicts are tagged too, so they come
back as tuples (frozen records are hashed) and with keys of any hashable type. Decoding builds only frozen
dataclasses defined in a module under ``lib.``: a tag naming anything else (``os:system``,
``subprocess:Popen``, a function, a class of another package) is a ``ValueError``, never a call, so a store
handed over by someone else cannot run code when it is opened.
"""
from __future__ import annotations

import dataclasses
import importlib
import json
from functools import lru_cache
from typing import Any

TYPE = "@"  # a dataclass: {"@": "lib.types:Mention", "start": 3, ...}; field names never start with "@"
TUPLE = "@tuple"  # {"@tuple": [...]}
DICT = "@dict"  # {"@dict": [[key, value], ...]}: keys need not be strings
PACKAGE = "lib."


def encode(value: Any) -> str:
    """``value`` as JSON; TypeError for anything the decoder would refuse (so nothing unreadable is kept)."""
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def decode(text: str | bytes) -> Any:
    """What ``encode`` was given. ValueError when the text is not JSON or names a class outside the allowlist."""
    try:
        return json.loads(text, object_hook=_revive)
    except (TypeError, RecursionError) as problem:  # an unhashable key, nesting beyond reason
        raise ValueError(f"not a stored record: {problem}") from None


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return {TUPLE: [_plain(v) for v in value]}
    if isinstance(value, dict):
        return {DICT: [[_plain(k), _plain(v)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        tag = f"{cls.__module__}:{cls.__qualname__}"
        try:  # a class the decoder would refuse: fail now, not when reading back
            known = _record_class(tag) is cls
        except ValueError:
            known = False
        if not known:
            raise TypeError(f"{tag} is not a frozen dataclass of {PACKAGE.rstrip('.')}")
        return {TYPE: tag, **{name: _plain(getattr(value, name)) for name in _field_names(cls)}}
    raise TypeError(f"cannot encode {type(value).__name__}")


def _revive(obj: dict[str, Any]) -> Any:
    """json's object hook: called innermost first, so fields are already revived."""
    tag = obj.pop(TYPE, None)
    if tag is not None:
        cls = _record_class(tag)
        try:
            return cls(**obj)
        except TypeError as problem:  # a field missing, or one the class does not have
            raise ValueError(f"{tag}: {problem}") from None
    if TUPLE in obj:
        return tuple(obj[TUPLE])
    if DICT in obj:
        return {k: v for k, v in obj[DICT]}
    raise ValueError(f"untagged object with keys {sorted(obj)[:5]}")


@lru_cache(maxsize=None)
def _record_class(tag: str) -> type:
    """The class a tag names, when it is a frozen dataclass defined in a module under ``lib.``."""
    module_name, _, qualname = tag.partition(":")
    # lib.__main__ would run the command line when imported
    if not module_name.startswith(PACKAGE) or "__main__" in module_name.split(".") or not qualname:
        raise ValueError(f"refused type {tag!r}: not in {PACKAGE.rstrip('.')}")
    try:
        found: Any = importlib.import_module(module_name)
        for part in qualname.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError):
        raise ValueError(f"unknown type {tag!r}") from None
    params = getattr(found, "__dataclass_params__", None)
    # defined there, not imported there: "lib.store.codec:json" or a re-exported class is refused
    if not (isinstance(found, type) and dataclasses.is_dataclass(found) and params is not None and params.frozen
            and found.__module__ == module_name and found.__qualname__ == qualname):
        raise ValueError(f"refused type {tag!r}: not a frozen dataclass of {PACKAGE.rstrip('.')}")
    return found


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))

