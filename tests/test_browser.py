"""What only a browser shows: the real server, every page rendered, the drop zone, one session per visitor.

Needs Chromium at /usr/bin/chromium (CI installs it with apt and sets
REVUE_REQUIRE_BROWSER=1, which turns a missing browser into a failure instead of
a skip). Full-page screenshots go to tests/artifacts/screenshots/ (git-ignored).
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
FIRST_LOAD_MS = 180_000  # the first visit analyzes the sample corpus (15-45 s on a busy 2-core machine)
PAGE_MS = 120_000
SAMPLE_ARTICLES = "57"

# sidebar title -> URL path (st.navigation derives it from the page file's name)
PAGES = {"Overview": "", "Actors": "actors", "Quotes": "quotes", "Stances": "stances", "Timeline": "timeline",
         "Search": "search", "Article": "article", "Export": "export"}
CHART_PAGES = {"Overview", "Actors", "Quotes", "Stances", "Timeline", "Search"}

ARTICLE_TITLE = "Le maire de Lyon défend son plan vélo"
ARTICLE = f"""{ARTICLE_TITLE}

Grégory Doucet a présenté mardi son nouveau plan de pistes cyclables devant le conseil municipal.
« Nous voulons que chaque habitant puisse aller au travail à vélo en toute sécurité », a déclaré Grégory Doucet.
""".encode("utf-8")


def _require_browser() -> None:
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "playwright is not installed (requirements-dev.txt)"
    if missing is None and not CHROMIUM.exists():
        missing = f"no Chromium at {CHROMIUM} (apt install chromium)"
    if missing:
        if os.environ.get("REVUE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"REVUE_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server() -> Iterator[str]:
    """``streamlit run app.py`` in its own process; yields its base URL."""
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"streamlit-{port}.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--browser.gatherUsageStats", "false",
             # other work on the tree must not rerun the app under the test
             "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://localhost:{port}"
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"streamlit exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not answer on {url}:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _require_browser()
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def new_session(browser, url: str, path: str = ""):
    """A new visitor (own cookies, own Streamlit session) on ``url/path``, once the page has settled."""
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    page.goto(f"{url}/{path}")
    page.locator("h1").first.wait_for(timeout=FIRST_LOAD_MS)
    wait_idle(page, FIRST_LOAD_MS)
    return page


def wait_idle(page, timeout: int = PAGE_MS) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


def problems(page) -> list[str]:
    """Tracebacks and error alerts on screen."""
    shown = page.locator("[data-testid='stException']").all_inner_texts()
    shown += page.locator("[data-testid='stAlert']:has([data-testid='stAlertContentError'])").all_inner_texts()
    return shown


def metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(has=page.get_by_text(label, exact=True))
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the viewport is grown to fit it first."""
    size = page.viewport_size
    height = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...[...document.querySelectorAll("[data-testid='stMain'], [data-testid='stSidebarContent']")]
            .map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 10_000)})
    page.wait_for_timeout(500)  # let plotly redraw at the new size
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


@pytest.fixture(scope="module")
def visitor(browser, server):
    page = new_session(browser, server)
    yield page
    page.context.close()


@pytest.mark.parametrize("title", list(PAGES))
def test_every_page_renders_in_the_browser(visitor, server, title: str) -> None:
    from playwright.sync_api import expect

    page = visitor
    # the link's text starts with its icon's ligature name ("dashboardOverview"): match the end only
    page.get_by_test_id("stSidebarNavLink").filter(has_text=re.compile(rf"{title}$")).click()
    # the Article and Stances pages name what they show in the link (?article=…, ?pair=…)
    page.wait_for_url(re.compile(rf"^{re.escape(server)}/{PAGES[title]}(\?.*)?$"), timeout=PAGE_MS)
    expect(page.locator("h1").filter(has_text=re.compile(rf"^{title}$"))).to_be_visible(timeout=PAGE_MS)
    wait_idle(page)
    assert problems(page) == []
    if title in CHART_PAGES:
        # plotly draws after the script run ends: wait for the SVG, not just the container; a page whose
        # first tab is a table (Quotes) shows its charts in another tab
        plots = page.locator(".js-plotly-plot .main-svg").locator("visible=true")
        tabs = page.get_by_role("tab")
        for i in range(tabs.count()):
            if plots.count():
                break
            tabs.nth(i).click()
            wait_idle(page)
        expect(plots.first).to_be_visible(timeout=PAGE_MS)
    if title == "Overview":
        assert metric(page, "Articles") == SAMPLE_ARTICLES
    screenshot(page, title.lower())


def test_upload_through_the_drop_zone_stays_in_its_session(browser, server) -> None:
    from playwright.sync_api import expect

    page = new_session(browser, server)
    page.get_by_test_id("stSidebar").get_by_text("Add articles", exact=True).click()
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files([
        {"name": "lyon.txt", "mimeType": "text/plain", "buffer": ARTICLE},
        {"name": "broken.txt", "mimeType": "text/plain", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8},
    ])
    success = page.locator("[data-testid='stAlert']:has([data-testid='stAlertContentSuccess'])")
    expect(success.filter(has_text="Added 1 article")).to_be_visible(timeout=PAGE_MS)
    wait_idle(page)
    errors = page.locator("[data-testid='stSidebar'] [data-testid='stAlertContentError']").all_inner_texts()
    assert any(e.startswith("broken.txt") for e in errors), errors
    assert metric(page, "Articles") == "1"  # an upload opens a workspace of its own
    screenshot(page, "upload")

    other = new_session(browser, server)  # another visitor never sees this one's uploads
    assert metric(other, "Articles") == SAMPLE_ARTICLES
    assert problems(other) == []
    other.context.close()
    page.context.close()


def test_a_bookmarked_page_opens_on_a_fresh_server(browser) -> None:
    """The first visitor after a (re)start may arrive on /quotes from a bookmark, not on the home page."""
    with streamlit_server() as url:
        page = new_session(browser, url, "quotes")
        assert problems(page) == []
        assert page.locator("h1").first.inner_text().strip() == "Quotes"
        assert page.get_by_test_id("stSidebarNavLink").all_inner_texts()[0].endswith("Overview")
        page.context.close()


# Uploads an attacker (or a careless export) could make: every name, header, title, source and text carries
# links, images, scripts and bare URLs to evil.example. None may become an element pointing there, a request
# to it, or a dialog, on any page.
EVIL_NAME = "[fn](https:evil.example) ![px](https:evil.example&fnpx.png) <img src=x onerror=alert(1)>.txt"
EVIL_TITLE = "Le maire <b>défend</b> [son plan](https://evil.example/t) ![t](https://evil.example/t.png)"
EVIL_ARTICLE = f"""{EVIL_TITLE}

Lyon, le 5 mars 2024. Grégory Doucet a présenté mardi son plan de pistes cyclables devant le conseil municipal, en présence de Bruno Bernard, président de la Métropole.
« Nous voulons que chaque habitant puisse aller au travail à vélo <img src="https://evil.example/q.png" onerror="alert(1)"> », a déclaré Grégory Doucet.
Bruno Bernard a salué un projet « ambitieux » [lien](https://evil.example/l) https://evil.example/bare www.evil.example contact@evil.example.
""".encode("utf-8")
EVIL_META = json.dumps({"source": '<a href="https://evil.example/src">Evil</a> https://evil.example/srcurl',
                        "author": "![a](https://evil.example/author.png)", "published": "2024-03-05"}).encode()
EVIL_CSV = ('"![colpx](https://evil.example/colpx.png)",[h](https://evil.example/h),<b>Outlet</b>\n'
            '"Grégory Doucet a présenté hier son plan de pistes cyclables devant le conseil municipal de Lyon, '
            'qui doit voter le budget en avril.",15/03/2023,[Le Progrès](https://evil.example/p)\n').encode("utf-8")
EVIL_ALIASES = ('alias,actor,label,ignored\n"Grégory Doucet","<a href=""https://evil.example/act"">Doucet</a> '
                '[a](https://evil.example/a2) <img src=https://evil.example/a3.png>",PER,False\n').encode("utf-8")
# attributes through which an element links to or loads something
LIVE_ELEMENTS = """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
    .filter(a => /^(href|xlink:href|src|srcset|action|formaction|poster|data|background|style)$/i.test(a.name)
                 && /evil/i.test(a.value))
    .map(a => `<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`))"""


def test_uploaded_markup_never_becomes_a_link_an_image_a_request_or_a_dialog(browser, server) -> None:
    from playwright.sync_api import expect

    page = new_session(browser, server)
    requests: list[str] = []
    dialogs: list[str] = []
    page.context.route(re.compile(r"evil\.example"), lambda route: (requests.append(route.request.url), route.abort()))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    seen: dict[str, list[str]] = {}
    shown_as_text: set[str] = set()

    def check(where: str) -> None:
        wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0, where
        if live := page.evaluate(LIVE_ELEMENTS):
            seen[where] = live
        if "evil.example" in page.get_by_test_id("stMain").text_content():
            shown_as_text.add(where.split(",")[0])

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Add articles", exact=True).click()  # into a new workspace: only the hostile uploads
    sidebar.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files([
        {"name": EVIL_NAME, "mimeType": "text/plain", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8},
        {"name": "lyon.txt", "mimeType": "text/plain", "buffer": EVIL_ARTICLE},
        {"name": "lyon.txt.meta.json", "mimeType": "application/json", "buffer": EVIL_META},
        {"name": "orphan [x](https:evil.example).meta.json", "mimeType": "application/json", "buffer": b"{}"},
        {"name": "export.csv", "mimeType": "text/csv", "buffer": EVIL_CSV},
    ])
    expect(page.get_by_text("Which column is which in export.csv?")).to_be_visible(timeout=PAGE_MS)
    expect(sidebar.get_by_text("onerror=alert(1)", exact=False).first).to_be_visible(timeout=PAGE_MS)
    check("upload report and column mapping")
    page.get_by_role("button", name="Read with this mapping").click()
    expect(page.get_by_text("Which column is which")).to_have_count(0, timeout=PAGE_MS)
    check("after the mapping")

    def visit(title: str) -> None:
        page.get_by_test_id("stSidebarNavLink").filter(has_text=re.compile(rf"{title}$")).click()
        page.wait_for_url(re.compile(rf"^{re.escape(server)}/{PAGES[title]}(\?.*)?$"), timeout=PAGE_MS)
        expect(page.locator("h1").filter(has_text=re.compile(rf"^{title}$"))).to_be_visible(timeout=PAGE_MS)
        check(title)
        tabs = page.get_by_test_id("stMain").get_by_role("tab")
        for i in range(tabs.count()):
            tabs.nth(i).click()
            check(f"{title}, tab {i + 1}")

    visit("Actors")  # the alias table renames a speaker to markup, for every page after it
    page.get_by_test_id("stMain").get_by_role("tab", name="Aliases").click()
    wait_idle(page)
    page.get_by_test_id("stMain").locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        [{"name": "aliases [x](https:evil.example).csv", "mimeType": "text/csv", "buffer": EVIL_ALIASES}])
    expect(page.get_by_text("Imported 1 alias rows", exact=False)).to_be_visible(timeout=PAGE_MS)
    check("alias import")
    for title in PAGES:
        visit(title)
        screenshot(page, f"hostile-{title.lower()}")
    # the hostile text did reach the pages, as text
    assert {"Overview", "Actors", "Quotes", "Timeline", "Article"} <= shown_as_text
    assert seen == {}
    assert requests == []
    assert dialogs == []
    page.context.close()


def test_a_copied_link_reopens_the_same_view(browser, server) -> None:
    """Filters and the actor in the URL: a link opens the page filtered, the page keeps them in its URL, and
    the address bar copied from one visitor opens the same view for another."""
    from playwright.sync_api import expect

    full = new_session(browser, server, "quotes")
    all_quotes = int(metric(full, "Quotes").replace(",", ""))
    full.context.close()

    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # an unknown actor carrying markup rides along: it is named as text and dropped from the URL
    page.goto(f"{server}/quotes?actor=Emmanuel+Macron&from=2017-01-01&actor=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E")
    expect(page.locator("h1").filter(has_text=re.compile(r"^Quotes$"))).to_be_visible(timeout=FIRST_LOAD_MS)
    wait_idle(page, FIRST_LOAD_MS)
    assert problems(page) == []
    sidebar = page.get_by_test_id("stSidebar")
    actors = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Actors")
    expect(actors.get_by_text("Emmanuel Macron", exact=True)).to_be_visible()
    expect(sidebar.get_by_test_id("stSliderThumbValue").first).to_have_text("2017-01-01")
    expect(sidebar.get_by_text("<img src=x onerror=alert(1)>", exact=False)).to_be_visible()
    assert page.locator("img[src='x']").count() == 0
    narrowed = int(metric(page, "Quotes").replace(",", ""))
    assert 0 < narrowed < all_quotes
    assert "onerror" not in page.url and "actor=Emmanuel+Macron" in page.url and "from=2017-01-01" in page.url
    screenshot(page, "link-quotes")

    # another page keeps the view and its link
    page.get_by_test_id("stSidebarNavLink").filter(has_text=re.compile(r"Overview$")).click()
    page.wait_for_url(re.compile(r"/\?.*actor=Emmanuel\+Macron"), timeout=PAGE_MS)
    wait_idle(page)
    articles = metric(page, "Articles")
    assert 0 < int(articles) < int(SAMPLE_ARTICLES)

    # search terms typed on the Search page join the link
    page.get_by_test_id("stSidebarNavLink").filter(has_text=re.compile(r"Search$")).click()
    page.wait_for_url(re.compile(r"/search\?"), timeout=PAGE_MS)
    box = page.get_by_role("textbox", name="Search the articles")
    box.fill("Fillon")
    box.press("Enter")
    page.wait_for_url(re.compile(r"q=Fillon"), timeout=PAGE_MS)
    wait_idle(page)
    expect(page.locator("mark.rv-hit").first).to_be_visible(timeout=PAGE_MS)
    sentences = metric(page, "Sentences")
    link = page.url
    page.context.close()

    # the copied address, opened by someone else
    other = new_session(browser, server, link.removeprefix(f"{server}/"))
    assert problems(other) == []
    assert other.locator("h1").first.inner_text().strip() == "Search"
    expect(other.get_by_role("textbox", name="Search the articles")).to_have_value("Fillon")
    expect(other.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Actors")
           .get_by_text("Emmanuel Macron", exact=True)).to_be_visible()
    assert metric(other, "Sentences") == sentences
    assert dialogs == []
    screenshot(other, "link-search")
    other.context.close()


def test_a_link_to_an_actor_opens_their_profile(browser, server) -> None:
    """/actors?actor=X opens on X's profile (the tab a browser shows), and the analyst's own tab choice holds
    while they work in it."""
    from playwright.sync_api import expect

    page = new_session(browser, server, "actors?actor=Emmanuel+Macron")
    assert problems(page) == []
    expect(page.get_by_role("tab", name="Profile")).to_have_attribute("aria-selected", "true")
    picked = page.get_by_test_id("stSelectbox").filter(has_text="Actor").locator("visible=true").first
    expect(picked.locator("input")).to_have_value("Emmanuel Macron")
    page.get_by_role("tab", name="Network").click()
    page.get_by_test_id("stSlider").filter(has_text="Minimum times together").get_by_role("slider").press("ArrowRight")
    wait_idle(page)
    expect(page.get_by_role("tab", name="Network")).to_have_attribute("aria-selected", "true")
    page.context.close()


# the texts of SELECTOR elements cut with an ellipsis ("Correct the …", "19,…"): a box narrower than its text
CUT_TEXTS = """selector => [...document.querySelectorAll(selector)].filter(el =>
    [...el.querySelectorAll('*')].some(e => getComputedStyle(e).textOverflow === 'ellipsis'
                                           && e.scrollWidth > e.clientWidth)).map(el => el.innerText.trim())"""


def _at_1024(browser, server: str, path: str):
    """``path`` on a laptop's 1024 px, beside the open sidebar."""
    page = browser.new_context(viewport={"width": 1024, "height": 900}).new_page()
    page.goto(f"{server}/{path}")
    page.locator("h1").first.wait_for(timeout=FIRST_LOAD_MS)
    wait_idle(page, FIRST_LOAD_MS)
    assert problems(page) == []
    return page


@pytest.mark.parametrize("path", ["quotes", "stances", "article"])
def test_correction_buttons_keep_their_whole_label_at_1024_px(browser, server, path: str) -> None:
    """"Correct the speaker" must not read "Correct the …"."""
    page = _at_1024(browser, server, path)
    page.get_by_role("button", name=re.compile(r"^Correct")).first.wait_for(timeout=PAGE_MS)
    assert page.evaluate(CUT_TEXTS, "[data-testid='stMain'] button") == []
    page.context.close()


# the values of the named select boxes of the main block that their box cuts (the box shows its value in an input)
CUT_CHOICES = """labels => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stSelectbox']")]
    .filter(box => labels.includes(box.querySelector('label').innerText.trim()))
    .map(box => box.querySelector('input')).filter(input => input.scrollWidth > input.clientWidth + 1)
    .map(input => input.value)"""


@pytest.mark.parametrize("path, labels", [("stances", ["Source → target", "Sign"]), ("article", ["Tone"])])
def test_a_chosen_value_reads_whole_at_1024_px(browser, server, path: str, labels: list[str]) -> None:
    """Beside a row picker, a correction's value read "nega" or "suppo", and a pair lost its count and mean."""
    page = _at_1024(browser, server, path)
    page.get_by_role("button", name="Correct", exact=True).wait_for(timeout=PAGE_MS)
    assert page.evaluate(CUT_CHOICES, labels) == []
    page.context.close()


@pytest.mark.parametrize("path", ["", "quotes", "stances"])
def test_no_figure_is_cut_at_1024_px(browser, server, path: str) -> None:
    """Six equal columns cut the Overview's words to "19,…": a figure must be read whole or not at all."""
    page = _at_1024(browser, server, path)
    page.get_by_test_id("stMetric").first.wait_for(timeout=PAGE_MS)
    assert page.evaluate(CUT_TEXTS, "[data-testid='stMetric']") == []
    page.context.close()


# every x-axis tick label of every figure: its text, whether plotly hid it, and its four corners on screen
TICK_LABELS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const title = plot.querySelector('.gtitle');
    return {title: title ? title.textContent : '',
            labels: [...plot.querySelectorAll('.xaxislayer-above text')].map(label => {
                const box = label.getBBox(), m = label.getScreenCTM();
                const at = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
                return {text: label.textContent, hidden: getComputedStyle(label).display === 'none',
                        corners: [at(box.x, box.y), at(box.x + box.width, box.y),
                                  at(box.x + box.width, box.y + box.height), at(box.x, box.y + box.height)]};
            })};
})"""


def _overlap(p: list, q: list) -> bool:
    """Whether two (rotated) label rectangles overlap by more than half a pixel (separating axis test)."""
    for poly in (p, q):
        for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
            normal = (y1 - y2, x2 - x1)
            a, b = ([normal[0] * x + normal[1] * y for x, y in r] for r in (p, q))
            if max(a) <= min(b) + 0.5 or max(b) <= min(a) + 0.5:
                return False
    return True


@pytest.mark.parametrize("width", [1024, 1440])
@pytest.mark.parametrize("path", ["", "timeline", "stances"])
def test_every_date_and_name_on_an_axis_shows_whole(browser, server, path: str, width: int) -> None:
    """The Overview's 2022 bar had no label (plotly hid it past the figure's edge), the Timeline's "Jan 2019"
    sat on "Sep 2021" where a cut joins two parts, and the Stances matrix's slanted names ran together."""
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{server}/{path}")
    page.locator("h1").first.wait_for(timeout=FIRST_LOAD_MS)
    wait_idle(page, FIRST_LOAD_MS)
    page.locator(".js-plotly-plot .xaxislayer-above text").first.wait_for(timeout=PAGE_MS)
    page.wait_for_timeout(1000)  # plotly lays the labels out after the figure is in the page
    faults = []
    for plot in page.evaluate(TICK_LABELS):
        shown = [label for label in plot["labels"] if not label["hidden"]]
        faults += [f"{plot['title']}: {label['text']} hidden" for label in plot["labels"] if label["hidden"]]
        faults += [f"{plot['title']}: {a['text']} over {b['text']}" for i, a in enumerate(shown) for b in shown[i + 1:]
                   if _overlap(a["corners"], b["corners"])]
    assert faults == []
    page.context.close()


def test_no_deploy_button_for_an_audience(visitor) -> None:
    """A demo shows the analyst's work, not Streamlit's developer toolbar (``toolbarMode = "viewer"``)."""
    wait_idle(visitor)
    assert visitor.get_by_test_id("stAppDeployButton").count() == 0
    assert visitor.get_by_role("button", name="Deploy").count() == 0


def _section(report: str, anchor: str) -> str:
    start = report.index(f'<section id="{anchor}">')
    return report[start:report.index("</section>", start)]


def test_the_report_downloads_with_a_sidebar_filter_stated(browser, server) -> None:
    """The HTML report of a filtered view: it downloads on the first click and states the filter, with the
    timeline and the article list of the filtered articles."""
    from playwright.sync_api import expect

    page = new_session(browser, server, "?actor=Emmanuel+Macron")
    articles = int(metric(page, "Articles"))
    assert 0 < articles < int(SAMPLE_ARTICLES)
    page.get_by_test_id("stSidebarNavLink").filter(has_text=re.compile(r"Export$")).click()
    page.wait_for_url(re.compile(r"/export\?.*actor=Emmanuel\+Macron"), timeout=PAGE_MS)
    wait_idle(page)
    page.get_by_role("button", name="Prepare the HTML report").click()
    button = page.get_by_role("button", name="Download the HTML report")
    expect(button).to_be_visible(timeout=PAGE_MS)
    wait_idle(page)
    with page.expect_download(timeout=PAGE_MS) as download:
        button.click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert problems(page) == []
    assert "<li>Articles naming: Emmanuel Macron</li>" in report
    timeline = _section(report, "timeline")
    assert 'class="chart"' in timeline and "Events by resolved date" in timeline
    listed = _section(report, "articles")
    assert f"<p>{articles} articles, by publication date.</p>" in listed
    assert listed.count("<tr") == articles + 1  # a header row, then one row per article
    page.context.close()


def test_a_copied_link_reopens_the_same_quote(browser, server) -> None:
    """An analyst picks a quote in the table: the URL names it (``quote=ARTICLE_ID:START``) beside the
    sidebar's actor, and the copied address shows another visitor the same quote in context."""
    def in_context(page) -> tuple[str, str]:
        """The evidence shown: its paragraph and the quote marked in it."""
        evidence = page.locator(".rv-text").first
        return evidence.inner_text(), evidence.locator("mark.rv-quote").first.inner_text()

    page = new_session(browser, server, "quotes?actor=Emmanuel+Macron")
    first = in_context(page)
    grid = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 * 3 + 17)  # the selection box of the table's third row
    page.wait_for_url(re.compile(r"[?&]quote=[^&]+%3A\d+"), timeout=PAGE_MS)
    wait_idle(page)
    chosen = in_context(page)
    assert chosen[1] != first[1]
    link = page.url
    assert "actor=Emmanuel+Macron" in link
    page.context.close()

    other = new_session(browser, server, link.removeprefix(f"{server}/"))
    assert problems(other) == []
    assert other.locator("h1").first.inner_text().strip() == "Quotes"
    assert in_context(other) == chosen
    from playwright.sync_api import expect

    # the sidebar is drawn by the same run as the page, but may still be settling on a cold server
    expect(other.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Actors")
           .get_by_text("Emmanuel Macron", exact=True)).to_be_visible(timeout=PAGE_MS)
    assert other.url == link
    screenshot(other, "link-quote")
    other.context.close()
