"""Temporal expressions: detection, resolution, datelines (rules of ../shared/eval/README.md "Dates")."""
from __future__ import annotations

import json
from datetime import date

import pytest

from lib import nlp as nlp_loader
from lib.extract.dateline import find_dateline
from lib.extract.dates import extract_dates, period_bounds
from lib.evaluate import load_gold, match
from lib.readers.normalize import normalize
from lib.pipeline import analyze
from lib.types import Article

from conftest import SAMPLE


@pytest.fixture(scope="session")
def parse():
    def run(text: str, published: str, lang: str = "fr") -> list[tuple[str, str, str]]:
        doc = nlp_loader.load(lang)(normalize(text))
        return [(d.text, d.value, d.granularity) for d in extract_dates(doc.text, published, doc, (), lang)]
    return run


def values(found: list[tuple[str, str, str]]) -> dict[str, str]:
    return {text: value for text, value, _ in found}


def test_seed_dates_resolve_against_publication(seed_corpus):
    dates = values([(r.text, r.value, r.granularity) for r in seed_corpus.dates.itertuples()])
    assert dates["Le 26 janvier"] == "2022-01-26"
    assert dates["Fin 2021"] == "2021-Q4"
    # "proposé ... le 17 décembre": past participle, published 2022-02-02 -> the previous December
    assert dates["le 17 décembre"] == "2021-12-17"
    assert dates["Hier"] == "2022-02-01"
    assert dates["1997"] == "1997"


def test_dev_set_dates_found_with_gold_values(eval_dir):
    items = load_gold(eval_dir)
    corpus = analyze([g.article for g in items])
    for g in items:
        pred = corpus.dates[corpus.dates["article_id"] == g.article.article_id]
        gold = g.gold["dates"]
        pairs = match([d["text"] for d in gold], pred["text"].tolist())
        assert len(pairs) == len(gold), (g.article.article_id, pred["text"].tolist())
        assert len(pred) == len(gold), (g.article.article_id, pred["text"].tolist())
        for i, j in pairs:
            assert pred["value"].iat[j] == (gold[i]["value"] or ""), gold[i]


@pytest.mark.parametrize("text", [
    "PSA va supprimer 8 000 emplois, soit 10,5 millions d'euros.",
    "39 sur 54 députés ont voté pour, soit de 75 % à 50 % des voix.",
    "Le 1 er tour a réuni 2000 manifestants ; appelez le 01 23 45 67 89.",
    "Les ventes ont chuté de 15,2 % et de 2012 euros par foyer.",
    "Depuis 33 ans, il vit ici ; trois ans de prison et pendant 15 heures.",
    "Chaque jour, tous les lundis, il est récemment venu, et plus tard encore.",
    "Il a été remplacé ; la planète Mars ; le Journal du Dimanche.",
])
def test_french_numbers_and_words_that_are_not_dates(parse, text):
    assert parse(text, "2022-02-02") == []


@pytest.mark.parametrize("text", [
    "Six shells hit KPA civil police posts 542 and 543 and other 15 shells fell near posts 250 and 251.",
    "The score was 3-2; sales rose 2017% to $2015 and 1999 people came; call 555-2015.",
    "It may stop within 48 hours, every Monday, for three years; the second half was dull.",
])
def test_english_numbers_and_words_that_are_not_dates(parse, text):
    assert parse(text, "2015-08-21", "en") == []


def test_year_ranges_are_two_years_and_identifiers_are_none(parse):
    assert values(parse("La saison 2017-2018 puis la guerre de 1914-18.", "2022-02-02")) == \
        {"2017": "2017", "2018": "2018", "1914": "1914", "18": "1918"}
    assert parse("La loi n° 2012-387 du code.", "2022-02-02") == []


def test_tense_orients_bare_weekdays_and_dates(parse):
    # published Monday 2016-08-22
    assert values(parse("Le premier meeting doit se tenir jeudi dans le sud.", "2016-08-22")) == {"jeudi": "2016-08-25"}
    # published Monday 2012-08-27: "a déclaré dimanche" is the day before
    assert values(parse("Le ministre a déclaré dimanche que le nucléaire a un avenir.", "2012-08-27")) == \
        {"dimanche": "2012-08-26"}
    assert values(parse("Il a été embauché le 13 juillet.", "2017-02-08")) == {"le 13 juillet": "2016-07-13"}
    assert values(parse("Il sera jugé le 13 juillet.", "2017-02-08")) == {"le 13 juillet": "2017-07-13"}
    # a past verb does not send a date almost a year back when the next one is days away
    assert values(parse("La CGT a donné rendez-vous le 21 septembre.", "2017-09-12")) == \
        {"le 21 septembre": "2017-09-21"}


def test_weekday_and_day_month_name_their_year(parse):
    assert values(parse("Après la parution, mardi 7 mars, d'un article.", "2017-03-12")) == \
        {"mardi 7 mars": "2017-03-07"}


def test_demo_corpus_weekday_dates_agree_with_the_calendar():
    """Every "jeudi 20 avril" without a year resolves to a date that is a Thursday: a real check of year choice."""
    arts = [json.loads(line) for line in (SAMPLE / "demo_corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    checked = 0
    for a in arts:
        for d in extract_dates(normalize(a["text"]), a["published"]):
            words = d.text.lower().split()
            named = [w for w in words if w in weekdays]
            if d.granularity == "day" and named and not d.text[-4:].isdigit() and len(words) >= 3:
                assert date.fromisoformat(d.value).weekday() == weekdays.index(named[0]), (a["id"], d)
                checked += 1
    assert checked >= 20


def test_relative_expressions_and_granularities(parse):
    found = parse("Il viendra mardi prochain, la semaine prochaine, le mois prochain et cet été. "
                  "Mai dernier, au premier semestre 2012, d'ici à 2014, à l'horizon 2025, l'an dernier, "
                  "début 2022, hier soir, aujourd'hui, il y a trois ans, plus tôt cette semaine.", "2022-02-02")
    assert {t: (v, g) for t, v, g in found} == {
        "mardi prochain": ("2022-02-08", "day"), "la semaine prochaine": ("2022-W06", "week"),
        "le mois prochain": ("2022-03", "month"), "cet été": ("2022-SU", "season"),
        "Mai dernier": ("2021-05", "month"), "premier semestre 2012": ("2012-H1", "half"),
        "2014": ("2014", "year"), "l'horizon 2025": ("2025", "year"), "l'an dernier": ("2021", "year"),
        "début 2022": ("2022-Q1", "quarter"), "hier soir": ("2022-02-01", "day"),
        "aujourd'hui": ("2022-02-02", "day"), "il y a trois ans": ("2019", "year"),
        "plus tôt cette semaine": ("2022-W05", "week")}


def test_english_expressions(parse):
    found = parse("Friday, August 21, 2015. The guns fired yesterday and on Thursday afternoon; "
                  "broadcasts began on August 10. Last summer, next month, by year end, at 3 p.m. "
                  "and in the first quarter of 2016. Two weeks later it stopped.", "2015-08-21", "en")
    assert {t: v for t, v, _ in found} == {
        "Friday, August 21, 2015": "2015-08-21", "yesterday": "2015-08-20", "Thursday afternoon": "2015-08-20",
        "August 10": "2015-08-10", "Last summer": "2015-SU", "next month": "2015-09", "year end": "2015-Q4",
        "3 p.m.": "2015-08-21T15:00", "first quarter of 2016": "2016-Q1", "Two weeks later": ""}


def test_times_take_their_day(parse):
    assert values(parse("Mise à jour — 16:50 (UTC) : il affirme.", "2012-07-06")) == {"16:50 (UTC)": "2012-07-06T16:50Z"}
    assert values(parse("Il doit démissionner ce mardi 30 août vers 15 heures.", "2016-08-30")) == \
        {"ce mardi 30 août": "2016-08-30", "15 heures": "2016-08-30T15:00"}


def test_yesterday_in_a_quote_counts_from_the_statement_day():
    # published Friday 2022-02-04; the statement was made on Wednesday 2022-02-02
    text = ("Titre\n\n« Hier, le président a donné une évaluation générale des réponses reçues », "
            "a déclaré mercredi le porte-parole Dmitri Peskov.")
    corpus = analyze([Article(article_id="q", title="Titre", text=text, published="2022-02-04", lang="fr")])
    dates = dict(zip(corpus.dates["text"], corpus.dates["value"]))
    assert dates == {"Hier": "2022-02-01", "mercredi": "2022-02-02"}


def test_dateline_equals_published_on_every_demo_article():
    arts = [json.loads(line) for line in (SAMPLE / "demo_corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(arts) == 56
    for a in arts:
        found = find_dateline(a["text"])
        assert found is not None and found[0] == a["published"], a["id"]
        assert found[1][0] == 0


def test_dateline_forms_and_non_datelines():
    assert find_dateline("North Korea\n\nFriday, August 21, 2015\nAccording to Yonhap") == \
        ("2015-08-21", (13, 36))
    assert find_dateline("PARIS, Jan. 26 (Reuters) - The minister", date(2022, 2, 3))[0] == "2022-01-26"
    assert find_dateline("PARIS, Jan. 26 (Reuters) - The minister") is None  # no year, no reference
    assert find_dateline("Titre\n\nLe 26 janvier 2022, les États-Unis ont répondu.") is None
    assert find_dateline("Titre\n\nUn long paragraphe sans date.\n" + "x " * 800 + "\n26 janvier 2022. - Suite") is None


def test_pipeline_takes_publication_date_from_dateline_when_metadata_is_empty():
    text = "Titre\n\n6 juillet 2012. - Hier, le ministre a parlé."
    corpus = analyze([Article(article_id="d", title="Titre", text=text, lang="fr"),
                      Article(article_id="m", title="Titre", text=text, published="2012-07-07", lang="fr")])
    arts = corpus.articles.set_index("article_id")
    assert arts.loc["d", "published"] == "2012-07-06" and arts.loc["d", "published_from"] == "dateline"
    assert arts.loc["m", "published"] == "2012-07-07" and arts.loc["m", "published_from"] == "metadata"
    hier = corpus.dates[(corpus.dates["article_id"] == "d") & (corpus.dates["text"] == "Hier")]
    assert hier["value"].tolist() == ["2012-07-05"]
    assert corpus.dates.loc[corpus.dates["text"] == "6 juillet 2012", "dateline"].all()


def test_period_bounds():
    assert period_bounds("2021-Q4") == (date(2021, 10, 1), date(2021, 12, 31))
    assert period_bounds("2012-H1") == (date(2012, 1, 1), date(2012, 6, 30))
    assert period_bounds("2022-W05") == (date(2022, 1, 31), date(2022, 2, 6))
    assert period_bounds("2012-07-06T16:50Z") == (date(2012, 7, 6), date(2012, 7, 6))
    assert period_bounds("") is None


def test_military_time_with_zone_is_a_time_of_the_day_named_after_it(parse):
    found = values(parse("The explosion occurred around 2:20 p.m. CDT (1920 UTC) Monday.", "2010-06-30", "en"))
    assert found == {"2:20 p.m.": "2010-06-28T14:20", "1920 UTC": "2010-06-28T19:20Z", "Monday": "2010-06-28"}


def test_this_weekend_follows_the_tense(parse):
    # Tuesday's paper: the weekend just gone; Thursday's paper with a future verb: the coming one
    assert values(parse("Le président s'est fait discret ce week-end.", "2020-04-28")) == {"ce week-end": "2020-W17"}
    assert values(parse("Il viendra ce week-end.", "2020-04-30")) == {"ce week-end": "2020-W18"}


def test_counts_before_plural_nouns_are_not_years_but_years_before_compounds_are(parse):
    assert parse("There were 2000 angry protesters and 1500 policemen.", "2017-02-02", "en") == []
    assert parse("Les 2000 jeunes manifestants ont défilé.", "2017-02-02") == []
    assert values(parse("The 2016 election results were contested.", "2017-02-02", "en")) == {"2016": "2016"}
    assert values(parse("En 2011 les ventes ont baissé.", "2017-02-02")) == {"2011": "2011"}


def test_the_edge_of_a_relative_year_is_its_quarter(parse):
    # like "fin 2021" -> 2021-Q4 (annotation rules): the modifier is part of the expression
    assert values(parse("La reprise est attendue début de l'année prochaine.", "2022-02-02")) == {
        "début de l'année prochaine": "2023-Q1"}
    assert values(parse("Les ventes ont chuté à la fin de l'année dernière.", "2022-02-02")) == {
        "fin de l'année dernière": "2021-Q4"}
    assert values(parse("The company expects a recovery early next year and cut jobs late last year.",
                        "2021-11-16", "en")) == {"early next year": "2022-Q1", "late last year": "2020-Q4"}
    # a month's or a week's edge is that month or week
    assert values(parse("Le texte sera examiné à la fin du mois prochain.", "2022-02-02")) == {
        "fin du mois prochain": "2022-03"}


def test_bare_quarter_codes_in_english_business_news(parse):
    found = values(parse("Profit rose in Q3 and will fall in Q4, the company said on Thursday.", "2022-10-20", "en"))
    assert found["Q3"] == "2022-Q3" and found["Q4"] == "2022-Q4"
    # with a year as before; a French flat type is no quarter
    assert values(parse("Results for Q1 2021 were weak.", "2022-10-20", "en")) == {"Q1 2021": "2021-Q1"}
    assert values(parse("Il loue un T3 à Lyon depuis 2019.", "2022-10-20")) == {"2019": "2019"}


def test_a_commitment_points_forward_even_when_made_in_the_past(parse):
    # published on a Wednesday in February: the coming summer and Monday, not the last ones
    assert values(parse("Il a promis d'agir avant l'été.", "2022-02-02")) == {"été": "2022-SU"}
    assert values(parse("Unions threatened to strike on Monday.", "2022-02-02", "en")) == {"Monday": "2022-02-07"}
    # a plain past verb still points back
    assert values(parse("He said on Monday that he had resigned.", "2022-02-02", "en")) == {"Monday": "2022-01-31"}


def test_number_words_beyond_ten_count_back(parse):
    assert values(parse("Les affaires se succèdent pour l'ex-président, élu il y a quatorze ans.", "2021-06-24")) == {
        "il y a quatorze ans": "2007"}
    assert values(parse("The party was founded twenty years ago.", "2021-06-24", "en")) == {"twenty years ago": "2001"}


def test_would_in_reported_speech_points_forward(parse):
    # published on a Friday: "would travel … on Sunday" is the coming Sunday; "would have" stays past
    found = values(parse("The White House said the president would travel to the border on Sunday.", "2023-01-06", "en"))
    assert found == {"Sunday": "2023-01-08"}
    found = values(parse("Aides said he would have met the governor on Monday.", "2023-01-06", "en"))
    assert found == {"Monday": "2023-01-02"}


def test_over_the_weekend(parse):
    # published on Tuesday 2022-10-18 (week 42): the weekend just gone is in week 41
    assert values(parse("Talks stalled over the weekend, officials said.", "2022-10-18", "en")) == {
        "the weekend": "2022-W41"}
    assert values(parse("Les négociations ont échoué pendant le week-end.", "2022-10-18")) == {"le week-end": "2022-W41"}
    # on a Thursday, a coming weekend
    assert values(parse("Protesters will gather over the weekend.", "2022-10-20", "en")) == {"the weekend": "2022-W42"}


def test_english_ranges_and_present_passives(parse):
    # the year after a range belongs to its first day too; a range without a year stays its first day
    assert values(parse("The talks ran from March 3 to 5, 2021.", "2022-03-03", "en")) == {
        "March 3 to 5, 2021": "2021-03-03"}
    assert values(parse("The vote on May 4 to 7 percent.", "2022-03-03", "en")) == {"May 4": "2022-05-04"}
    # "is planned" is a present passive (its participle is tagged past): the coming July
    assert values(parse("A summit is planned for July 11-12 in Vilnius.", "2022-03-03", "en")) == {
        "July 11": "2022-07-11"}
    assert values(parse("The suspect was arrested on Monday.", "2022-03-03", "en")) == {"Monday": "2022-02-28"}


def test_french_day_ranges_give_each_day(parse):
    # two days named, two calendar times (as a year range gives two years); the first takes the last's month
    assert values(parse("Le festival aura lieu du 3 au 5 mai 2021 à Nantes.", "2021-01-10")) == {
        "3": "2021-05-03", "5 mai 2021": "2021-05-05"}
    assert values(parse("Les élections se tiendront les 20 et 21 mars.", "2022-02-02")) == {
        "les 20": "2022-03-20", "21 mars": "2022-03-21"}
    # the second month of a pair keeps its modifier
    assert values(parse("La réforme sera votée en avril-mai prochain.", "2022-02-02"))["mai prochain"] == "2022-05"


def test_named_events_decades_and_counts_after_and(parse):
    # a day naming an event has the event's year, which the text does not give
    assert parse("Security has been tightened since the Sept. 11 attacks, officials said.", "2021-10-02", "en") == [
        ("Sept. 11", "", "day")]
    # "and" before a number does not make it a year: "1999 soldiers" counts people
    assert parse("The raid killed 2000 civilians and 1999 soldiers.", "2021-10-02", "en") == []
    assert values(parse("Entre 1999 et 2001, le pays a changé.", "2021-10-02")) == {"1999": "1999", "2001": "2001"}
    # decades have no value form in PRODUCT.md: detected, granularity decade, empty value
    assert parse("Dans les années 1990, la croissance était forte.", "2021-10-02") == [("années 1990", "", "decade")]
    assert parse("Growth was strong in the 1990s.", "2021-10-02", "en") == [("1990s", "", "decade")]


def _stacked_dates() -> str:
    """Expressions packed closer than their reach, across line breaks and long runs of spaces, then each
    expression alone between sentences that name no date."""
    packed = ("Du 3 au 5 mai 2021,\nle mercredi   26 septembre\n2021 puis fin\ndu mois de mars, l'avant-veille et le "
              "surlendemain matin, il y a trois ans, " + " " * 300 + "2019-2020, T3 2021, à 17 h 30 (UTC),\n\n\n"
              "mi-avril prochain, early next year, the day before yesterday, March 3-5, 2021 at 4:30 p.m. GMT, "
              "1990s, late last year, ")
    alone = ["le surlendemain", "l'avant-veille au soir", "cet après-midi", "aujourd'hui", "il y a trois ans",
             "the day before yesterday", "year-end", "in the second half of 2021", "la semaine dernière",
             "au printemps", "fin de l'année prochaine", "au cours du week-end", "over the weekend", "ce mardi",
             "en avril", "Jan. 26", "deux semaines plus tôt", "three weeks ago", "the following day"]
    filler = " Rien de neuf ici pour les lecteurs, disent-ils encore. "
    return packed * 3 + filler.join(alone) + filler


@pytest.mark.parametrize("lang", ["fr", "en", None])
def test_scanning_only_around_anchors_finds_what_a_whole_text_scan_finds(lang):
    """Each date pattern runs only near its anchor words (lib/extract/date_grammar.py): on real articles,
    on texts reflowed or spaced out and on packed expressions it must match exactly what the pattern finds
    scanning the whole text."""
    from lib.extract import date_grammar

    annotated = sorted((SAMPLE.parent / "data" / "annotated" / "articles").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in annotated]
    texts += [t.replace(" ", "  ") for t in texts[:40]] + [t.replace("\n", " ") for t in texts[40:80]]
    texts.append(_stacked_dates())
    for text in texts:
        whole = [(kind, m.span(), m.groupdict()) for kind, _, pattern in date_grammar._grammar(lang)
                 for m in pattern.finditer(text)]
        assert [(kind, m.span(), m.groupdict()) for kind, m in date_grammar._matches(text, lang)] == whole
