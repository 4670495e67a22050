"""The statement's version / last-updated date, from the lines Dutch statements state it on."""

from __future__ import annotations

import pytest

from analyser.extract.document_date import document_date


@pytest.mark.parametrize(("text", "expected"), [
    ("Privacyverklaring DirectCoDe\n\nLaatst bijgewerkt: 23-5-2018\n\nWij verwerken gegevens.", "2018-05-23"),
    ("Privacyverklaring\n\nVersie: 24-04-2022\n\nJe privacy is voor ons van groot belang.", "2022-04-24"),
    ("Rijksconnect\n\nDatum: 28 maart 2020\n\nDeze privacyverklaring gaat over de pilot.", "2020-03-28"),
    ("Privacyverklaring\n\n17 mei 2018\n\nVoor het uitvoeren van onze werkzaamheden slaan we gegevens op.",
     "2018-05-17"),
    ("Privacy\n\nDeze privacyverklaring is voor het laatst aangepast op 3 januari 2023.\n", "2023-01-03"),
    ("Privacy\n\nWij doen veel.\n\nHuidige versie is deze en is van toepassing vanaf 16 september 2021\n",
     "2021-09-16"),
    ("Privacyverklaring JoyFeli Coaching\n\nLaatst bijgewerkt: Februari 2025\n\nIk help cliënten.", "2025-02"),
    ("Privacy Policy\n\nDe laatste wijzigingen in deze Privacy Policy hebben plaatsgevonden op 24-05-2018.\n",
     "2018-05-24"),
    ("Privacy\n\nDeze privacyverklaring is opgesteld op: 18 november 2020.\n", "2020-11-18"),
    ("04-07-2022\n\nGoed dat je de privacyverklaring van Avans Hogeschool voor de dienst edubadges bekijkt!",
     "2022-07-04"),
])
def test_version_dates_as_dutch_statements_state_them(text, expected):
    assert document_date(text) == expected


def test_a_versie_heading_over_the_dated_closing_line():
    text = ("Privacyverklaring\n\nWij verwerken uw gegevens zorgvuldig.\n\nVersie\n\n"
            "Privacyverklaring Stichting HackNature, 2 februari 2021.\n")
    assert document_date(text) == "2021-02-02"


def test_the_newest_of_a_list_of_versions():
    text = ("Privacyverklaring\n\nDit is versie 0.3 van de privacyverklaring. Vorige versies waren:\n\n"
            "- V0.3 - 13/10/2023 - Een paar typ- en formuleringsfouten zijn aangepast.\n"
            "- V0.2 - 03/03/2021 - Een paar typ- en formuleringsfouten zijn aangepast.\n"
            "- V0.1 - 03/03/2021 - De eerste versie.\n\nMeer tekst volgt hier.\n")
    assert document_date(text) == "2023-10-13"


def test_a_cued_date_beats_a_bare_date_near_the_top():
    text = "Privacyverklaring\n\n1 januari 2024\n\nTekst.\n\nLaatst gewijzigd op 5 maart 2019.\n"
    assert document_date(text) == "2019-03-05"


@pytest.mark.parametrize("text", [
    "Trajecti Voces\n\nHet koor is opgericht te Utrecht op 5 maart 1989 als vereniging met rechtspersoonlijkheid.\n",
    "Privacy\n\nOp 16 juli 2020 heeft het Hof van Justitie het Privacy Shield ongeldig verklaard, daarom gebruiken "
    "wij modelcontracten.\n",
    "Privacy\n\nWij vragen uw geboortedatum (bijvoorbeeld 12-03-1990) bij de inschrijving.\n",
    "Privacyverklaring\n\nWij bewaren uw gegevens zeven jaar.\n",
    "Privacyverklaring\n\nDatum: 31-02-2020\n\nTekst.",
])
def test_no_version_date(text):
    assert document_date(text) is None


def test_the_component_sets_last_updated_and_remembers_where(bases_free_nlp):
    doc = bases_free_nlp("Privacyverklaring\n\nLaatst bijgewerkt: 14 februari 2026\n\nWij verwerken gegevens.")
    assert doc._.last_updated == "2026-02-14"
    start, end = doc.user_data["analyser_last_updated_at"]
    assert doc.text[start:end] == "14 februari 2026"


@pytest.fixture(scope="module")
def bases_free_nlp():
    import spacy

    nlp = spacy.blank("nl")
    for name in ("analyser_sentences", "analyser_sections", "analyser_document_date"):
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp
