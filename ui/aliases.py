"""The alias table editor: the analyst's last word on who is who, for every page.

Edits are kept by the editor until "Apply" (no lost edits across reruns); the
decisions then go to ``state.set_aliases`` and every page shows them. The
table is always the session's whole corpus, whatever the sidebar filters.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.corpus.actors import AliasTable, build_alias_table
from lib.charts.actors import ACTOR_LABELS, alias_decisions, edit_actor
from lib.output.markup import plain_markdown
from ui import state
from ui.render import import_once


def alias_table() -> pd.DataFrame:
    """The table as the editor shows it (one row per alias and actor), built once per corpus state."""
    key = st.session_state["_corpus_key"]
    if st.session_state.get("_alias_table_key") != key:
        table = build_alias_table(state.corpus(), st.session_state.aliases)
        st.session_state._alias_table = table.assign(ignored=table["ignored"].astype(bool))
        st.session_state._alias_table_key = key
    return st.session_state._alias_table


def alias_csv() -> bytes:
    """The session's whole alias table as CSV (alias, actor, label, ignored), as the CLI's --aliases reads it."""
    return AliasTable(alias_table()).to_csv().encode("utf-8")


def _apply(table: AliasTable, message: str) -> None:
    state.set_aliases(table)
    st.session_state._alias_message = message
    st.rerun()  # the sidebar and every frame were built before this edit


def _import(upload) -> str:
    """Import an uploaded alias table; the reason it is not one, if so."""
    try:
        table = AliasTable.from_csv(upload)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as problem:  # EmptyDataError is a ValueError
        return (f"{plain_markdown(upload.name)} is not an alias table ({plain_markdown(problem)}). Expected a CSV "
                "with the columns alias, actor, label, ignored, as downloaded here.")
    _apply(table, f"Imported {len(table.frame)} alias rows from {plain_markdown(upload.name)}.")
    return ""


def metonymy_switch() -> None:
    st.toggle("Capitals act for their state (“Moscou a démenti” → Russie)", value=st.session_state.metonymy,
              key="metonymy_toggle", on_change=lambda: state.set_metonymy(st.session_state.metonymy_toggle),
              help="Off: Moscou, Washington, Paris always stay cities. Seats of power (le Kremlin, l'Élysée) "
                   "stay institutions either way.")


def whole_actor_form(shown: pd.DataFrame) -> None:
    """Rename, merge, retype or ignore an actor with all its aliases at once."""
    actors = (shown[~shown["ignored"]].groupby("actor")["n_mentions"].sum().sort_values(ascending=False).index.tolist())
    if not actors:
        return
    # a form: choosing the actor does not rerun the page. New keys once applied, so the fields start
    # empty again (a ticked "Ignore" left over would ignore the next actor too)
    v = st.session_state.aliases_version
    with st.form("alias_actor_form", border=False):
        pick, name, label, ignore, go = st.columns([3, 3, 1.3, 1.3, 1.3], vertical_alignment="bottom")
        actor = pick.selectbox("Actor", actors, key=f"alias_actor_pick_{v}")
        new_name = name.text_input("New name", key=f"alias_new_name_{v}", placeholder="unchanged",
                                   help="Another actor's name merges the two")
        new_label = label.selectbox("Type", [""] + ACTOR_LABELS, key=f"alias_new_label_{v}",
                                    format_func=lambda v: v or "keep")
        ignored = ignore.checkbox("Ignore", key=f"alias_ignore_{v}", help="Not an actor: removed from every page, "
                                  "and from articles added later")
        applied = go.form_submit_button("Apply", key=f"alias_actor_apply_{v}", type="primary", width="stretch",
                                        help="to every alias of this actor")
    if applied:
        edited = edit_actor(shown, actor, new_name, new_label, True if ignored else None)
        what = "ignored" if ignored else f"now {new_name.strip() or actor}" + (f" ({new_label})" if new_label else "")
        _apply(alias_decisions(shown, edited, st.session_state.aliases), plain_markdown(f"{actor}: {what}."))


def alias_editor() -> None:
    st.caption("Every alias (surface form) with the actor it stands for. Edit the actor to rename, merge "
               "(give another actor's name) or split (rename one alias only); change the type; tick "
               "*ignored* for a false actor. Edits apply to every page and to articles added later.")
    if message := st.session_state.pop("_alias_message", ""):
        st.success(message)
    metonymy_switch()
    shown = alias_table()
    st.markdown("**A whole actor** (all its aliases at once)")
    whole_actor_form(shown)
    st.markdown("**Alias by alias**")
    # a new key once the table changes: the editor's pending edits belong to the rows it was given
    editor_key = f"alias_editor_{st.session_state.aliases_version}_{st.session_state.corpus_version}"
    edited = st.data_editor(
        shown, key=editor_key, hide_index=True, width="stretch", height=420, num_rows="fixed",
        disabled=["alias", "n_mentions"],
        column_config={
            "alias": st.column_config.TextColumn("alias", help="as written in the articles"),
            "actor": st.column_config.TextColumn("actor", help="canonical name; another actor's name merges"),
            "label": st.column_config.SelectboxColumn("type", options=ACTOR_LABELS),
            "ignored": st.column_config.CheckboxColumn("ignored", help="not an actor: removed everywhere"),
            "n_mentions": st.column_config.NumberColumn("mentions")})
    decisions = st.session_state.aliases
    apply, reset, _ = st.columns([1, 1, 3])
    if apply.button("Apply edits", key="alias_apply", type="primary"):
        new = alias_decisions(shown, edited, decisions)
        if new is decisions:
            st.info("No edit to apply.")
        else:
            _apply(new, "Alias edits applied to every page.")
    if reset.button("Reset to automatic", key="alias_reset", disabled=decisions.frame.empty,
                    help="forget every edit and ignored actor"):
        _apply(AliasTable(), "Alias table reset: actors as the pipeline resolved them.")

    st.markdown("**Export and import** (the CSV also works with `python -m lib analyze --aliases FILE`)")
    full, edits, upload = st.columns([1, 1, 2])
    full.download_button("Alias table (CSV)", alias_csv(), "revue_aliases.csv", "text/csv", key="dl_aliases")
    edits.download_button("Only your edits (CSV)", decisions.to_csv().encode("utf-8"), "revue_alias_edits.csv",
                          "text/csv", key="dl_alias_edits", disabled=decisions.frame.empty)
    uploaded = upload.file_uploader("Import an alias table (CSV)", type=["csv"], key="alias_upload")
    import_once(upload, uploaded, "alias_uploads_done", _import)
