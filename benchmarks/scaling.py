"""Analysis time per 100k characters as an article grows, for four kinds of text.

Prose (the demo corpus run together), the same text without punctuation (one endless "sentence"), a run
of guillemets, and quoted speech (a paragraph of direct, partial and indirect quotes, repeated). Linear
extraction keeps seconds per 100k characters flat as the length grows; the doubling ratio (time at 2n /
time at n) should stay near 2. For prose, unpunctuated text and quoted speech it also prints the issue's
done-when figure, the time at 200k characters over the time at 100k (at most 2.3), timing those lengths
when they are not among the lengths asked for. Prints figures, asserts nothing.

    .venv/bin/python benchmarks/scaling.py [LENGTH ...]    (default 25000 100000 400000)
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lib import nlp  # noqa: E402
from lib.pipeline import analyze  # noqa: E402
from lib.readers import read_paths  # noqa: E402
from lib.types import Article  # noqa: E402


# a paragraph of every way a quote is found (colon, incise, "selon X" with a fragment, a reporting verb): thousands of
# quotes and source clauses in one text, which the quote finder must not compare with one another
_QUOTED = ("Marie Dupont a déclaré : « Nous ne céderons pas ». « C'est fini », a-t-il ajouté. Selon Paul Martin, "
           "la « crise » est grave et le plan est prêt. Le ministre a affirmé que la réforme serait votée.\n\n")


def texts(longest: int) -> dict[str, str]:
    prose = "\n\n".join(a.text for a in read_paths([ROOT / "sample_data" / "demo_corpus.jsonl"]) if not a.error)
    while len(prose) < longest:
        prose += "\n\n" + prose
    quotes = _QUOTED * (longest // len(_QUOTED) + 1)
    return {"prose": prose, "no punctuation": re.sub(r"[^\w\s]", "", prose).replace("\n", " "),
            "guillemets": "« " * (longest // 2 + 1), "quoted speech": quotes}


def seconds(text: str) -> tuple[float, float]:
    """Wall clock and CPU time of one analysis (CPU time is steadier on a shared machine)."""
    article = Article("bench", title="Titre", text="Titre\n\n" + text, lang="fr", published="2017-01-01")
    t0, c0 = time.perf_counter(), time.process_time()
    analyze([article])
    return time.perf_counter() - t0, time.process_time() - c0


DOUBLING = (100_000, 200_000)  # issue #14: analysis time at 200k characters / at 100k, at most 2.3
DOUBLING_TARGET = 2.3
DOUBLING_KINDS = ("prose", "no punctuation", "quoted speech")


def main(lengths: list[int]) -> None:
    nlp.load("fr")("échauffement")  # model load and first allocation out of the timings
    for kind, text in texts(max(lengths + list(DOUBLING))).items():
        timed = {n: seconds(text[:n]) for n in lengths}
        cells = "  ".join(f"{n // 1000}k: {s / n * 1e5:6.2f} s/100k" for n, (s, _) in timed.items())
        ratio = timed[lengths[-1]][0] / timed[lengths[-2]][0] if len(lengths) > 1 else float("nan")
        growth = lengths[-1] / lengths[-2] if len(lengths) > 1 else float("nan")
        line = f"{kind:<15} {cells}   time x{ratio:.2f} for length x{growth:.0f}"
        if kind in DOUBLING_KINDS:
            short, long = (timed[n] if n in timed else seconds(text[:n]) for n in DOUBLING)
            line += (f"   100k -> 200k: CPU time x{long[1] / short[1]:.2f} ({short[1]:.1f} s -> {long[1]:.1f} s; "
                     f"wall x{long[0] / short[0]:.2f}; target <= {DOUBLING_TARGET})")
        print(line)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [25_000, 100_000, 400_000])
