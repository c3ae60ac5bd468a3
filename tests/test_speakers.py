"""The speaker ranker's evidence on corpus sentences: a role noun's type against each candidate's, salience per
actor, and the next sentence's speaker for a quote with no speaker words."""
from __future__ import annotations

import pytest

from lib import nlp as nlp_loader
from lib.extract.mentions import extract_mentions
from lib.extract.quotes import extract_quotes
from lib.models.fragments import shipped_model as fragment_model
from lib.models.speaker_fit import actor_key, head_type
from lib.models.speakers import NOBODY, _labels, candidates, shipped_model
from lib.types import Mention


def _analysed(text: str):
    doc = nlp_loader.load("fr")(text)
    mentions = extract_mentions(doc)
    return doc, mentions, extract_quotes(doc, "fr", mentions)


def test_a_role_noun_is_matched_with_each_candidate_type():
    """Corpus article 098: "le PDG de la SNCF" is a role (not a name, for all its capitals) naming a person, so
    the body its words carry is a candidate of the wrong type."""
    text = ("Grève à la SNCF\n\nLa grève commencera lundi. Le PDG de la SNCF a déclaré que « la grève va beaucoup "
            "perturber la vie des Français ».")
    doc, mentions, quotes = _analysed(text)
    assert len(quotes) == 1
    named = {mentions[c.mention].text: c.features for c in candidates(doc, quotes, mentions)[0]
             if c.mention != NOBODY}
    assert "span=role" in named["SNCF"] and "htype=PER&label=ORG" in named["SNCF"]


def test_a_quote_without_speaker_words_has_the_next_sentence_speaker_as_a_candidate():
    """Corpus article 108: the consul is named only in the sentence after his words."""
    text = ("« Vive la République ! Vive la France ! Et allez les Bleus ! » Le consul de France à Jérusalem, "
            "Pierre Cochard, a ainsi conclu son discours du 14 juillet par une légère entorse protocolaire.")
    doc, mentions, quotes = _analysed(text)
    assert len(quotes) == 1 and quotes[0].speaker is None
    named = {mentions[c.mention].text: c.features for c in candidates(doc, quotes, mentions)[0] if c.mention != NOBODY}
    assert "sd=-1" in named["Pierre Cochard"] and "after_quote" in named["Pierre Cochard"]
    # of the actors, the ranker prefers him (whether he beats "nobody" is a close call that the corpus's many
    # quoted fragments with no speaker decide: article 108 was wrong in every cross-validation fold)
    model = shipped_model()
    assert max(named, key=lambda name: model.score(named[name])) == "Pierre Cochard"


@pytest.mark.parametrize("text, label, key", [
    ("Guillaume Pepy", "PER", "pepy"),
    ("M. Pepy", "PER", "pepy"),
    ("Conseil d'État", "ORG", "conseil d'etat"),
    ("SNCF", "ORG", "sncf"),
])
def test_mentions_of_one_actor_share_a_key(text, label, key):
    assert actor_key(Mention(0, len(text), text, label)) == key


@pytest.mark.parametrize("sentence, noun, kind", [
    ("Le ministre a déclaré qu'il partirait.", "ministre", "PER"),  # in the reviewed lexicon
    ("Le communiqué précise que l'usine fermera.", "communiqué", "DOC"),
    ("Le monarque a déclaré qu'il partirait.", "monarque", "PER"),  # corpus article 103
    ("Selon le studio, ce montant fait de la campagne une des plus réussies.", "studio", "ORG"),  # article 100
    ("L'individu a crié qu'il partirait.", "individu", "?"),  # not in the lexicon
])
def test_what_a_role_noun_names(sentence, noun, kind):
    doc = nlp_loader.load("fr")(sentence)
    head = next(t for t in doc if t.text.lower() == noun)
    assert head_type(head) == kind


def test_a_head_of_state_called_by_another_noun_is_a_person_role():
    """Corpus article 103: the king introduced as "le roi" is later "le monarque"; the role names a person, so the
    king is a candidate of the right type."""
    text = ("Le roi Mswati III a renommé le Swaziland. Dans un discours, le monarque avait déclaré que le nom de la "
            "nation était « hérité des Britanniques ».")
    doc, mentions, quotes = _analysed(text)
    said = [q for q in quotes if q.kind == "indirect"]
    assert said and said[0].speaker is not None and said[0].speaker.text == "le monarque"
    named = {mentions[c.mention].text: c.features for c in candidates(doc, said, mentions)[0] if c.mention != NOBODY}
    assert "span=role" in named["Mswati III"] and "htype=PER&label=PER" in named["Mswati III"]


@pytest.mark.parametrize("text, speaker", [
    # corpus article 298: the parser hangs the name on "Vers 8h00" and gives "affirme" no subject
    ("Vers 8h00, Arnaud Benedetti, professeur associé en histoire de la communication, affirme que le mouvement "
     "des Gilets jaunes part de territoires marginalisés, périphériques et auquel on dit, il faut que vous "
     "changiez.", "Arnaud Benedetti"),
    # corpus article 049: the name is parsed as the root, the verb as its parataxis
    ("Yves de Chaisemartin, propriétaire du magazine Marianne, annonce lui, le 3 janvier, qu'il déposera "
     "prochainement le bilan.", "Yves de Chaisemartin"),
    # corpus article 387: the second clause's subject parsed as a conjunct of the first one's
    ("Le Premier ministre Bernard Cazeneuve a écourté une visite dans la Somme et François Hollande a confié en "
     "milieu d'après-midi, depuis la Corrèze où il se trouvait en déplacement, que « tout cela me conduit à "
     "justifier l'état d'urgence ».", "François Hollande"),
])
def test_a_subject_the_parser_lost_before_the_cue_verb_speaks(text, speaker):
    doc, mentions, quotes = _analysed(text)
    assert [q.speaker_name for q in quotes] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # corpus article 384: the body after the verb is parsed as its object, the quote's words as its subject
    ("« La loi, qui n'impose que trois obligations de vaccination, implique nécessairement qu'il soit possible de "
     "s'y conformer », a précisé le Conseil d'État.", "Conseil d'État"),
    # corpus article 256: the participle takes the speaker of the incise before it
    ("« La meilleure manière de perdre ce genre de match, c'est de penser à la finale » a expliqué l'entraineur "
     "Patrice Canayer, estimant que Montpellier n'a « pas encore l'ambition d'être un club qui puisse jouer une "
     "demi-finale en préparant la finale du lendemain. »", "Patrice Canayer"),
])
def test_the_subject_after_a_cue_verb_that_follows_a_quote_speaks(text, speaker):
    doc, mentions, quotes = _analysed(text)
    assert quotes and {q.speaker_name for q in quotes} == {speaker}


@pytest.mark.parametrize("text, speaker", [
    # corpus article 387: "encore" between the inverted auxiliary and its participle
    ("La ministre Najat Vallaud-Belkacem s'est rendue sur place. « Les investigations qui sont en cours vont "
     "déterminer si l'agresseur a bénéficié d'une complicité », a-t-elle encore ajouté.", "Najat Vallaud-Belkacem"),
    # corpus article 060: the same with a pluperfect auxiliary
    ("Donald Trump avait avoué que la santé était un sujet complexe. « Personne ne savait que le système de santé "
     "pouvait être aussi compliqué », avait-il encore ajouté.", "Donald Trump"),
])
def test_an_adverb_inside_an_inverted_incise_keeps_its_speaker(text, speaker):
    doc, mentions, quotes = _analysed(text)
    said = [q for q in quotes if q.kind == "direct"]
    assert said and said[0].speaker is not None and said[0].speaker_name.endswith(speaker.split()[-1])


@pytest.mark.parametrize("text, quoted, speaker", [
    # corpus article 169: a second clause's subject after "et" and its determiner
    ("Des témoins évoquent de nombreux blessés dont de nombreux enfants et la préfecture des Alpes-Maritimes "
     "demande aux habitants de rester cloîtrés chez eux, évoquant un attentat.", "cloîtrés",
     "préfecture des Alpes-Maritimes"),
    # corpus article 159: the relative's antecedent is the role, not the place completing it
    ("« Il faut agir », a ajouté Massimiliano Rebaudengo, le chef de mission de MSF pour la Syrie qui considère "
     "qu'il s'agit « d'une attaque délibérée contre une structure de santé ».", "attaque délibérée",
     "Massimiliano Rebaudengo"),
    # corpus article 220: the infinitive's subject is the object of the verb above it
    ("La sortie du pays du statut de Rome, qui ont conduit la semaine dernière le Conseil de sécurité des Nations "
     "unies à exprimer sa « profonde préoccupation », pouvait en effet laisser craindre un génocide.",
     "profonde préoccupation", "Conseil de sécurité des Nations unies"),
    # corpus article 011: a participle with an agent and no auxiliary is passive
    ("Nathalie Kosciusko-Morizet avait été sortie de la direction du parti d'opposition en décembre dernier, "
     "accusée par Nicolas Sarkozy de prendre trop souvent des positions divergentes.", "positions divergentes",
     "Nicolas Sarkozy"),
    # corpus articles 322 and 331: names the tagger reads as common nouns and the recognizer misses
    ("Le championnat est annulé. La FFtri annonce que les inscriptions seront remboursées.", "inscriptions",
     "FFtri"),
    ("Les enquêteurs ont décelé d'autres traces. Presse Océan précise encore qu'il restait de la vaisselle dans "
     "l'évier.", "vaisselle", "Presse Océan"),
])
def test_the_speaker_named_at_the_cue_is_the_one_who_speaks(text, quoted, speaker):
    doc, mentions, quotes = _analysed(text)
    said = [q for q in quotes if quoted in q.text]
    assert said and {q.speaker_name for q in said} == {speaker}


def test_a_quote_without_a_cue_knows_the_subject_of_its_clause():
    """Corpus article 030: "décider" reports nothing, but its subject is whose words are quoted."""
    text = ("Le ministère de l'Intérieur a décidé de « suspendre temporairement l'exploitation de la flotte des "
            "Canadair CL-415 jusqu'à ce que la cause de l'accident du 1 er août sur la piste de l'aéroport Napoléon "
            "Bonaparte à Campo Dell'Oro à Ajaccio, ait été identifiée et un protocole d'inspection défini pour "
            "permettre sa remise en service en toute sécurité ».")
    doc = nlp_loader.load("fr")(text)
    mentions = extract_mentions(doc)
    quotes = extract_quotes(doc, "fr", mentions, fragment_model())
    assert len(quotes) == 1 and quotes[0].cue is None
    named = {mentions[c.mention].text: c.features for c in candidates(doc, quotes, mentions)[0] if c.mention != NOBODY}
    assert "clause_subject&span=none" in named["ministère de l'Intérieur"]


@pytest.mark.parametrize("text, subject, verb", [
    # corpus article 331: the family is described, not speaking
    ("Les Troadec sont décrits comme « des gens réservés, [qui] étaient là depuis au moins 10 ans ».", "Troadec",
     "passive"),
    # corpus article 205: the president goes somewhere for « … », he does not say it
    ("Après cette ultime cérémonie d'hommage, François Hollande a décidé de se rendre à la Grande mosquée de Paris "
     "pour « un moment d'échange, de convivialité et de fraternité autour d'un thé ».", "François Hollande", "other"),
])
def test_the_clause_subject_says_what_its_verb_does(text, subject, verb):
    doc = nlp_loader.load("fr")(text)
    mentions = extract_mentions(doc)
    quotes = extract_quotes(doc, "fr", mentions, fragment_model())
    assert len(quotes) == 1 and quotes[0].cue is None
    named = {mentions[c.mention].text: c.features for c in candidates(doc, quotes, mentions)[0] if c.mention != NOBODY}
    assert f"clause_subject&verb={verb}" in named[subject]


def test_nobody_knows_whether_the_quote_has_a_cue():
    """Corpus articles 331 and 098: a fragment with no cue and a quote after "a déclaré" give "nobody" different
    evidence, so the ranker can learn that a cue-less fragment is more often nobody's."""
    bare = ("Les Troadec sont décrits comme « des gens réservés, [qui] étaient là depuis au moins 10 ans ».")
    cued = ("La grève commencera lundi. Le PDG de la SNCF a déclaré que « la grève va beaucoup perturber la vie des "
            "Français ».")
    nobody = []
    for text in (bare, cued):
        doc = nlp_loader.load("fr")(text)
        mentions = extract_mentions(doc)
        quotes = extract_quotes(doc, "fr", mentions, fragment_model())
        nobody.append(next(c.features for c in candidates(doc, quotes, mentions)[0] if c.mention == NOBODY))
    assert "nobody&cue=False&kind=partial" in nobody[0]
    assert not any(f.startswith("nobody&cue=False") for f in nobody[1])


def _named_features(text: str) -> list[dict[str, tuple[str, ...]]]:
    """Each quote's candidate mentions by their text, with their features (the fragment model keeps fragments)."""
    doc = nlp_loader.load("fr")(text)
    mentions = extract_mentions(doc)
    quotes = extract_quotes(doc, "fr", mentions, fragment_model())
    return [{mentions[c.mention].text: c.features for c in cands if c.mention >= 0}
            for cands in candidates(doc, quotes, mentions)]


def test_a_name_in_the_words_of_another_quote_is_marked():
    """Corpus article 062: Bachar al-Assad is named inside the first quote, so for the second one he is a name from
    someone's words, not a speaker; for the first quote he is inside its own words."""
    first, second = _named_features(
        "Le porte-parole de la Maison blanche, Sean Spicer a dénoncé un « acte odieux du régime de Bachar al-Assad » "
        "qui a frappé « des innocents, y compris des femmes et des enfants ».")
    assert "inside_quote&kind=partial" in first["Bachar al-Assad"]
    assert "inside_other_quote" not in first["Bachar al-Assad"]
    assert "inside_other_quote" in second["Bachar al-Assad"]
    assert not any(f.startswith("inside") for f in second["Sean Spicer"])


@pytest.mark.parametrize("text, outlet, oblique", [
    # corpus article 320: the agency a witness spoke to, a prepositional argument of the speech verb
    ("Un témoin de la scène a déclaré à l'AFP avoir vu « une voiture se diriger à toute allure vers la zone ».",
     "AFP", True),
    # corpus article 160: the channel of the interview, a television channel of the gazetteer's outlets
    ("Zach Manoun, arrivé d'un vol en provenance de Genève, a été témoin des événements survenus à l'aéroport. En "
     "entrevue avec BFM TV, il a déclaré : « Il y avait du sang partout, des gens blessés, des sacs partout. »",
     "BFM TV", False),
])
def test_an_outlet_the_speaker_speaks_to_is_marked(text, outlet, oblique):
    feats = _named_features(text)[0][outlet]
    assert "outlet" in feats
    assert ("cue_oblique" in feats) == oblique


def test_according_to_names_the_speaker_not_a_venue():
    """Corpus article 154: the object of a source preposition is the speaker, not an oblique argument of a speech
    verb."""
    doc = nlp_loader.load("en")("The Polaroids were all donated by the Andy Warhol Photographic Legacy Program, "
                                "according to Kristen Wilkins, assistant professor of photography and curator of the "
                                "exhibit.")
    mentions = extract_mentions(doc)
    quotes = extract_quotes(doc, "en", mentions, fragment_model())
    named = {mentions[c.mention].text: c.features for c in candidates(doc, quotes, mentions)[0] if c.mention >= 0}
    assert "prep=to" in named["Kristen Wilkins"] and "cue_oblique" not in named["Kristen Wilkins"]


def test_a_surname_tagged_as_a_place_is_the_person_the_article_names():
    """Corpus article 202: the parse tags the lone "Chekatt" as a place; the article named Chérif Chekatt, a person,
    so the ranker reads it as a person."""
    doc = nlp_loader.load("fr")(
        "Chérif Chekatt, l'auteur présumé de l'attentat de mardi soir, est toujours en fuite. Plus de 700 policiers, "
        "gendarmes et militaires ont été mobilisés et sont à la chasse pour retrouver Chekatt.")
    mentions = extract_mentions(doc)
    assert [(m.text, label) for m, label in zip(mentions, _labels(mentions))] == \
        [("Chérif Chekatt", "PER"), ("Chekatt", "PER")]
