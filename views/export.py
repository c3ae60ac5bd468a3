"""Export: every frame as CSV, Excel or Parquet, and the self-contained HTML report."""
import streamlit as st

from lib.output.export import to_csv_bytes, to_excel_bytes, to_parquet_bytes
from lib.output.report import build_report
from ui.aliases import alias_csv
from ui.corrections import corrections_panel
from ui.filters import filtered
from ui.render import require

st.title("Export")
corpus = filtered()
require(corpus.articles, "articles to export")
# files are built when their button is clicked (callables), not on every visit to the page
st.caption("Exports follow the sidebar filters.")
st.subheader("Report")
st.download_button("Download the HTML report", lambda: build_report(corpus).encode("utf-8"), "revue_report.html",
                   "text/html", key="dl_report")
st.subheader("All frames")
st.download_button("Excel workbook (one sheet per frame)", lambda: to_excel_bytes(corpus), "revue.xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx")
st.subheader("Alias table")
st.download_button("Alias table (CSV)", alias_csv(), "revue_aliases.csv", "text/csv", key="dl_export_aliases",
                   help="Every alias with its actor, type and ignored flag, for the whole corpus; re-import it on the "
                        "Actors page or pass it to python -m lib analyze --aliases FILE.")
st.subheader("Corrections")
corrections_panel()
st.subheader("One frame")
for name, df in corpus.frames().items():
    c1, c2, c3 = st.columns([2, 1, 1])
    c1.write(f"**{name}** — {len(df)} rows")
    c2.download_button("CSV", lambda df=df: to_csv_bytes(df), f"{name}.csv", "text/csv", key=f"dl_csv_{name}")
    c3.download_button("Parquet", lambda df=df: to_parquet_bytes(df), f"{name}.parquet", "application/octet-stream",
                       key=f"dl_pq_{name}")
