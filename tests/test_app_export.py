"""The Export page as an analyst reads it before downloading."""
from __future__ import annotations

import re

from apptest import AppTest, navigation_only, open_page, sample_app  # noqa: F401  (fixtures)


def test_frame_sizes_are_counted_as_every_page_counts(sample_app: AppTest) -> None:
    """"mentions — 1125 rows" beside an Overview of "19,599" words: the same thousands separator everywhere."""
    at = open_page(sample_app, "export")
    sizes = [m.value for m in at.markdown if re.match(r"\*\*\w+\*\* — ", m.value)]
    counts = [re.fullmatch(r"\*\*\w+\*\* — (\d{1,3}(?:,\d{3})*) rows?", size) for size in sizes]
    assert sizes and all(counts), sizes
    assert any("," in c.group(1) for c in counts)  # the sample has frames of over a thousand rows
