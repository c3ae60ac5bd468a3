"""Download buttons that work on the first click or say why not.

Streamlit's deferred download (a callable as ``data``) registers the callable under a new id on every run
and runs it outside the script: a click that reaches the server after a rerun asks for an id that is gone
(``MediaFileStorageError: Deferred file … not found`` in the server log) and an exception in the callable
is only logged; either way the analyst sees nothing. Here the bytes are always built inside the script run,
where a failure can be shown (``st.error`` naming the file), and kept in the session until what they were
built from (``inputs``) changes, so a rerun neither rebuilds nor drops them. The button then serves bytes
already stored, with ``on_click="ignore"``: no rerun, so the file the browser asks for is the one on screen.

- ``download``: files cheap to build, built at the first run that shows them.
- ``prepared_download``: files that take seconds (a report, a workbook), built on an explicit "Prepare"
  click; the download button replaces it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Hashable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib.output.markup import plain_markdown

_LOG = logging.getLogger(__name__)
_STORE = "_download_"  # session_state prefix of the files built, one per button key


@dataclass(frozen=True)
class FileSpec:
    """A file offered for download: the button's label, the saved file's name and type, how to build it."""

    label: str
    file_name: str
    mime: str
    build: Callable[[], bytes | str]


@dataclass(frozen=True)
class Built:
    """The bytes of a file and the inputs they were built from."""

    inputs: Hashable
    data: bytes


def _stored(key: str) -> Built | None:
    """The file last built for the button ``key`` in this session, if any."""
    return st.session_state.get(_STORE + key)


def _build(spec: FileSpec, key: str, inputs: Hashable, where: DeltaGenerator) -> Built | None:
    """Build ``spec`` and keep it; a failure is shown under the button (and logged with its traceback)."""
    try:
        data = spec.build()
    except Exception as error:  # any failure of a builder must reach the analyst, not only the server log
        _LOG.exception("building %s failed", spec.file_name)
        reason = str(error).strip() or type(error).__name__
        where.error(f"Could not build {plain_markdown(spec.file_name)}: {plain_markdown(reason)}",
                    icon=":material/error:")
        return None
    built = Built(inputs, data.encode("utf-8") if isinstance(data, str) else data)
    st.session_state[_STORE + key] = built
    return built


def _button(spec: FileSpec, built: Built, key: str, where: DeltaGenerator, help: str | None) -> None:
    where.download_button(spec.label, built.data, spec.file_name, spec.mime, key=key, help=help,
                          on_click="ignore", icon=":material/download:")


def download(spec: FileSpec, key: str, inputs: Hashable, where: DeltaGenerator | None = None,
             help: str | None = None) -> None:
    """A download button for a file cheap to build: built now unless already built from the same ``inputs``."""
    where = where if where is not None else st.container()
    built = _stored(key)
    if built is None or built.inputs != inputs:
        built = _build(spec, key, inputs, where)
    if built is not None:
        _button(spec, built, key, where, help)


def prepared_download(spec: FileSpec, key: str, inputs: Hashable, prepare_label: str,
                      where: DeltaGenerator | None = None, help: str | None = None) -> None:
    """A "Prepare" button that builds the file, then the download button in its place; the file is kept
    until ``inputs`` change (a filter, a title), when "Prepare" is offered again. The prepare button's key is
    ``key`` + "_prepare"; after a failure it stays, with the reason below it."""
    where = where if where is not None else st.container()
    slot = where.empty()
    built = _stored(key)
    if built is None or built.inputs != inputs:
        if not slot.button(prepare_label, key=f"{key}_prepare", help=help, icon=":material/build:"):
            return
        with where, st.spinner(f"Building {plain_markdown(spec.file_name)}…"):
            built = _build(spec, key, inputs, where)
        if built is None:
            return
    _button(spec, built, key, slot, help)
