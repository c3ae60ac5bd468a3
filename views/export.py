"""Export: the stakeholder report, every frame as CSV, Excel or Parquet, the alias table and the corrections.

Every file follows the sidebar filters and is built inside the page's run (ui/downloads.py): a click on a
download button always gets its file, and a file that cannot be built says why.
"""
import streamlit as st

from lib.filters import Filters
from lib.output.export import to_csv_bytes, to_excel_bytes, to_parquet_bytes
from lib.output.markup import plain_markdown
from lib.output.report import DEFAULT_TITLE, MIN_CONFIDENCE, build_report
from ui import state
from ui.aliases import alias_csv
from ui.corrections import corrections_panel
from ui.downloads import FileSpec, download, prepared_download
from ui.filters import filtered
from ui.render import require

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


st.title("Export")
corpus = filtered()
require(corpus.articles, "articles to export")
filters: Filters = st.session_state["filters"]
# what every file here is built from: a file built for another corpus or other filters is built again
view = (st.session_state["_corpus_key"], filters.narrowing())
stated = filters.describe()
st.caption("Every file here follows the sidebar filters"
           + (f": {'; '.join(plain_markdown(line) for line in stated)}." if stated else " (none set: every article)."))

st.subheader("Report")
st.write("One HTML page to mail or print: title page, key figures, timeline, actors, stances with their evidence, "
         "every quote by speaker, the article list. It opens offline in any browser; print it to PDF for A4 pages.")
named, trusted = st.columns([3, 1], gap="large")
title = named.text_input("Title", DEFAULT_TITLE, max_chars=200, key="report_title").strip() or DEFAULT_TITLE
min_confidence = trusted.slider("Minimum speaker confidence", 0.0, 1.0, MIN_CONFIDENCE, 0.05,
                                key="report_confidence",
                                help="Quotes whose speaker the model gives less than this are listed apart, with "
                                     "the quotes without a speaker (as on the Quotes page).")
name = state.workspace()  # the open workspace, as the title page names the corpus
if stated:
    st.markdown("The report states and applies these filters:\n" + "\n".join(f"- {plain_markdown(line)}"
                                                                             for line in stated))
else:
    st.markdown("No sidebar filter is set: the report covers every article of the corpus.")
report = FileSpec("Download the HTML report", "revue_report.html", "text/html",
                  lambda: build_report(state.corpus(), title, filters=filters, corpus_name=name,
                                       min_confidence=min_confidence))
prepared_download(report, "dl_report", (view, title, min_confidence, name), "Prepare the HTML report",
                  help="Builds the report of the articles the sidebar filters select (a few seconds).")

st.subheader("All frames")
prepared_download(FileSpec("Excel workbook (one sheet per frame)", "revue.xlsx", XLSX, lambda: to_excel_bytes(corpus)),
                  "dl_xlsx", view, "Prepare the Excel workbook")

st.subheader("Alias table")
download(FileSpec("Alias table (CSV)", "revue_aliases.csv", "text/csv", alias_csv), "dl_export_aliases",
         st.session_state["_corpus_key"],
         help="Every alias with its actor, type and ignored flag, for the whole corpus; re-import it on the "
              "Actors page or pass it to python -m lib analyze --aliases FILE.")

st.subheader("Corrections")
corrections_panel()

st.subheader("One frame")
EAGER_ROWS = 20_000  # a bigger frame's files are built on request: all 16 took 5-7 s at 10,000 articles
for frame_name, df in corpus.frames().items():
    c1, c2, c3 = st.columns([2, 1, 1])
    c1.write(f"**{frame_name}** — {len(df):,} row{'s' * (len(df) != 1)}")  # 1,125 rows, as every page counts
    csv = FileSpec("CSV", f"{frame_name}.csv", "text/csv", lambda df=df: to_csv_bytes(df))
    parquet = FileSpec("Parquet", f"{frame_name}.parquet", "application/octet-stream",
                       lambda df=df: to_parquet_bytes(df))
    for spec, key, where in ((csv, f"dl_csv_{frame_name}", c2), (parquet, f"dl_pq_{frame_name}", c3)):
        if len(df) > EAGER_ROWS:
            prepared_download(spec, key, view, f"Prepare {spec.label}", where=where)
        else:
            download(spec, key, view, where=where)
