"""Driving the app like a user with AppTest: shared by every test_app*.py module.

A page test module imports what it needs, and ``navigation_only`` (an autouse
fixture) by name so that it applies there.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
EVAL_ARTICLE = ROOT.parent / "shared" / "eval" / "articles" / "02.txt"
SAMPLE_ARTICLES = 57  # sample_data/seed.txt + the 56 rows of sample_data/demo_corpus.jsonl

PAGES = {  # page name -> title shown as its h1 and in the sidebar
    "overview": "Overview",
    "actors": "Actors",
    "quotes": "Quotes",
    "stances": "Stances",
    "timeline": "Timeline",
    "search": "Search",
    "article": "Article",
    "export": "Export",
}
# page name -> its file as app.py registers it with st.navigation (so a moved folder needs no edit here)
PAGE_FILES = {Path(path).stem: path
              for path in re.findall(r"""st\.Page\(\s*["']([^"']+\.py)["']""", (ROOT / "app.py").read_text())}
CHART_PAGES = {"overview", "actors", "quotes", "stances", "timeline", "search"}
CONTRACT_FRAMES = ("articles", "mentions", "actors", "quotes", "sentences", "dates", "stances")  # PRODUCT.md

# A French news text with a « » quotation attributed to a named speaker by an incise.
LYON_TITLE = "Le maire de Lyon défend son plan vélo"
LYON = f"""{LYON_TITLE}

Grégory Doucet a présenté mardi son nouveau plan de pistes cyclables devant le conseil municipal.
« Nous voulons que chaque habitant puisse aller au travail à vélo en toute sécurité », a déclaré Grégory Doucet.
L'opposition de droite a critiqué un projet « trop coûteux ».
"""

# Uploaded text is untrusted: these must reach the browser as text, never as live HTML.
HOSTILE_TITLE = "Un texte piégé pour l'interface"
HOSTILE = f"""{HOSTILE_TITLE}

Paris, le 3 mars 2024. « Nous refusons <script>alert(1)</script> cette réforme injuste », a déclaré Jean Dupont, secrétaire général du syndicat.
Une image piégée <img src=x onerror=alert(1)> circulait aussi sur les réseaux sociaux, selon la préfecture.
"""

# Not text in any encoding: a PNG header followed by every byte value.
JUNK = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def new_app() -> AppTest:
    """A fresh visitor session on the sample corpus."""
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()


def open_page(at: AppTest, name: str) -> AppTest:
    return at.switch_page(PAGE_FILES[name]).run()


def linked_page(name: str, **params: str) -> AppTest:
    """A new visitor on the sample corpus arriving on a page by a copied link carrying these query parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(PAGE_FILES[name]).run()


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def assert_clean(at: AppTest) -> None:
    assert_no_exception(at)
    assert not at.error, [e.value for e in at.error]


def charts(at: AppTest) -> list[dict]:
    """The plotly figures on the page, as the JSON specs sent to the browser."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def has_points(trace: dict) -> bool:
    # plotly may send arrays as lists or as typed buffers ({"dtype":..., "bdata":...})
    return any(trace.get(axis) not in (None, [], {}, "") for axis in ("x", "y", "z", "values"))


def metric(at: AppTest, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label).replace(",", ""))


def html_markdown(at: AppTest) -> list[str]:
    """Markdown bodies rendered with unsafe_allow_html: the only place live HTML could appear."""
    return [m.value for m in at.markdown if m.proto.allow_html]


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.sidebar.file_uploader(key="uploads").set_value([(name, data, "text/plain") for name, data in files])
    return at.run()


def article_options(at: AppTest) -> list[str]:
    return list(at.selectbox(key="article_pick").options)


@pytest.fixture(scope="module", autouse=True)
def navigation_only():
    """Run app.py on every rerun, as a live server does once st.navigation has been called.

    AppTest resets ``PagesManager.uses_pages_directory`` before each run and a
    ``pages/`` folder sets it again, so reruns after the first would execute the
    page file alone (Streamlit's legacy multipage mode) and skip app.py: no
    sidebar, no uploader, no filters. A server sets the flag to False for good at
    the first ``st.navigation`` call; this does the same. (Before that call a
    server has the same problem: tests/test_browser.py opens a deep link first.)
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PagesManager, "__init__", init)
        yield


@pytest.fixture(scope="module")
def sample_app() -> AppTest:
    """One visitor session on the sample corpus, shared by a module's read-only tests."""
    at = new_app()
    assert_clean(at)
    return at
