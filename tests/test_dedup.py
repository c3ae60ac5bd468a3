"""Duplicates are analyzed once; one wire story edited by several outlets is one cluster."""
from __future__ import annotations

import json
import random

import pytest
from conftest import SAMPLE

from lib.pipeline import analyze
from lib.readers import read_paths, read_uploads
from lib.readers.dedup import mark_duplicates, story_clusters
from lib.types import Article


@pytest.fixture(scope="module")
def demo() -> list[Article]:
    return read_paths([SAMPLE / "demo_corpus.jsonl"])


@pytest.fixture(scope="module")
def wire_story(demo) -> Article:
    """The longest demo article: a dispatch long enough for outlets to cut and retitle."""
    return max(demo, key=lambda a: len(a.text))


def _variants(story: Article) -> dict[str, str]:
    """What outlets do to one dispatch: retitle it, cut it, change a few words, add a local paragraph."""
    paragraphs = story.text.split("\n\n")
    rnd = random.Random(7)

    def reword(text: str, n: int) -> str:
        words = text.split(" ")
        for i in rnd.sample(range(len(words)), n):
            words[i] = rnd.choice(["notamment", "très", "selon", "aussi"])
        return " ".join(words)

    return {
        "retitled": "Présidentielle : le récit de la journée\n\n" + "\n\n".join(paragraphs[1:]),
        "half": "\n\n".join(paragraphs[: len(paragraphs) // 2]),
        "reworded": reword(story.text, 15),
        "local": "\n\n".join(paragraphs[:-3]) + "\n\nÀ Lille, les militants locaux ont suivi la soirée dans un café "
                                                 "du centre-ville, selon notre correspondant.",
    }


def test_the_demo_corpus_is_56_distinct_stories(demo):
    assert len(demo) == 56
    assert len(set(story_clusters([a.article_id for a in demo], [a.text for a in demo]))) == 56
    assert not any(a.duplicate_of for a in demo)


def test_edited_copies_of_one_dispatch_join_its_cluster(demo, wire_story):
    variants = _variants(wire_story)
    ids = [a.article_id for a in demo] + list(variants)
    clusters = story_clusters(ids, [a.text for a in demo] + list(variants.values()))
    assert clusters[-len(variants):] == [wire_story.article_id] * len(variants)
    assert len(set(clusters)) == 56


def test_a_corpus_of_republished_copies_keeps_one_cluster_per_story(demo, wire_story):
    """Every demo article republished 30 times over (interleaved, as a feed delivers them) and the dispatch's
    edited versions after them: each copy joins its original's story, and no two stories merge."""
    copies = [(f"{a.article_id}~{k}", a.text, a.article_id) for k in range(30) for a in demo]
    edited = [(name, text, wire_story.article_id) for name, text in _variants(wire_story).items()]
    rows = [(a.article_id, a.text, a.article_id) for a in demo] + copies + edited
    clusters = story_clusters([aid for aid, _, _ in rows], [text for _, text, _ in rows])
    assert clusters == [story for _, _, story in rows]


def test_short_texts_are_not_clustered_on_a_few_shared_words():
    texts = ["Le Kremlin a jugé la réponse décevante.", "Le Kremlin a jugé la réponse décevante mercredi.", ""]
    assert story_clusters(["a", "b", "c"], texts) == ["a", "b", ""]


def test_same_text_from_a_txt_and_a_corpus_row_is_marked_duplicate(tmp_path, wire_story):
    title, body = wire_story.text.split("\n\n", 1)
    (tmp_path / "depeche.txt").write_text(wire_story.text, encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text(json.dumps({"id": "row-1", "title": title, "text": body}) + "\n",
                                           encoding="utf-8")
    first, second = read_paths([tmp_path / "depeche.txt", tmp_path / "corpus.jsonl"])
    assert first.duplicate_of == "" and second.duplicate_of == "depeche"
    assert second.note == "same text as depeche: not analyzed twice"


def test_duplicate_upload_is_analyzed_once_and_reported():
    text = ("Le Kremlin juge la réponse décevante\n\n« Nous allons étudier ces documents attentivement », a déclaré "
            "mercredi Dmitri Peskov, porte-parole du Kremlin, lors de son point de presse quotidien à Moscou.")
    report = read_uploads([("a.txt", text.encode()), ("copie/a.txt", text.replace("\n\n", "\r\n\r\n").encode())])
    original, copy = report.articles
    assert (copy.article_id, copy.duplicate_of) == ("a-2", "a")
    corpus = analyze(report.articles)
    rows = corpus.articles.set_index("article_id")
    assert rows["duplicate_of"].to_dict() == {"a": "", "a-2": "a"}
    assert rows["cluster"].to_dict() == {"a": "a", "a-2": "a"}  # one story
    assert len(corpus.quotes) >= 1 and set(corpus.quotes["article_id"]) == {"a"}  # quotes counted once


def test_reupload_against_the_session_is_caught():
    session = [Article("seed", text="Le Kremlin a jugé la réponse décevante, a dit Peskov.")]
    (again,) = mark_duplicates([Article("seed", text="Le Kremlin a jugé la réponse décevante, a dit Peskov. ")],
                               seen=session)
    assert again.duplicate_of == "seed"
    report = read_uploads([("seed.txt", b"Le Kremlin a jug\xc3\xa9 la r\xc3\xa9ponse d\xc3\xa9cevante, a dit Peskov.")],
                          seen=session)
    assert [(a.article_id, a.duplicate_of) for a in report.articles] == [("seed-2", "seed")]
