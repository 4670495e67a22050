"""Segmentation on real statement layouts: headings, levels, table of contents, sentences."""

from __future__ import annotations

import itertools

import spacy

from analyser.evaluate import Evaluation, score_document
from analyser.report import Section
from analyser.segment import _is_contact_or_date, detect_headings, nested_topics, own_or_parent_topics


def headings(text: str) -> list[str]:
    return [h.text for h in detect_headings(text).headings]


def test_numbered_and_unnumbered_headings_with_levels():
    text = ("Privacy policy\nBij het gebruik van onze diensten laat je gegevens bij ons achter.\n"
            "1.1. Het creëren van een account\nWe verzamelen de volgende gegevens wanneer je klant wordt:\n"
            "- Naam en achternaam, zodat we weten met wie we zaken doen\n"
            "2. Het gebruik van persoonsgegevens\nWe gebruiken je gegevens voor het leveren van de dienst.\n"
            "Herstellen van account toegang\nAls je de toegang tot je account kwijt bent, vragen we om legitimatie.\n")
    found = detect_headings(text).headings
    assert [(h.text, h.level) for h in found] == [
        ("Privacy policy", 0), ("1.1. Het creëren van een account", 2), ("2. Het gebruik van persoonsgegevens", 1),
        ("Herstellen van account toegang", 2)]
    assert found[1].number == "1.1"


def test_question_headings_and_artikel_numbering():
    text = ("Privacyverklaring\n\nHoe lang bewaren wij je gegevens?\n\n"
            "Wij bewaren je gegevens niet langer dan nodig.\n\nArtikel 3 Rechten\n\n"
            "Je hebt recht op inzage in je gegevens.\n")
    assert headings(text) == ["Privacyverklaring", "Hoe lang bewaren wij je gegevens?", "Artikel 3 Rechten"]


def test_roman_numbered_headings():
    text = ("Privacybeleid Leieland Verzekeringen\n\nI. Verwerkingsverantwoordelijke\n\n"
            "Leieland Verzekeringen is verantwoordelijk voor de verwerking van de persoonsgegevens.\n\n"
            "II. Welke gegevens Leieland verwerkt\n\nAfhankelijk van de verzekering verwerkt Leieland:\n\n"
            "- identificatiegegevens: naam en adres;\n\nV. Ontvangers\n\nLeieland deelt gegevens met Datassur.\n")
    found = detect_headings(text).headings
    assert [h.text for h in found] == ["Privacybeleid Leieland Verzekeringen", "I. Verwerkingsverantwoordelijke",
                                       "II. Welke gegevens Leieland verwerkt", "V. Ontvangers"]
    assert [h.number for h in found[1:]] == ["I", "II", "V"]


def test_list_label_ending_in_colon_is_not_a_heading():
    text = ("Privacyverklaring\n\nWij verwerken de volgende gegevens:\n\n- Naam\n- E-mailadres\n\n"
            "Je hebt de volgende rechten:\n\nHet recht op inzage\nHet recht op correctie\n")
    assert headings(text) == ["Privacyverklaring"]


def test_sentence_without_full_stop_is_not_a_heading():
    text = ("Matomo gehost door ons\n\nWat we bewaren is hetzelfde op de volgende twee zaken na:\n\n"
            "We verwijderen de data binnen 6 maanden als de overeenkomst is gestopt\n\n"
            "Naast de klant zelf analyseren wij ook de data in opdracht van de klant.\n")
    assert headings(text) == ["Matomo gehost door ons"]


def test_contact_block_lines_are_not_headings_but_its_title_is():
    text = ("Privacyverklaring\n\nWij zijn een vereniging.\n\nContactgegevens\n\nMuziekvereniging De Volharding\n"
            "Rulakker 26\n5525 DH Duizel\ninfo@devolhardingduizel.nl\n06-25437761\n")
    assert headings(text) == ["Privacyverklaring", "Contactgegevens"]


def test_title_above_its_version_date():
    text = "Privacyverklaring\n\nVersie: 24-04-2022\n\nJe privacy is voor ons van groot belang.\n"
    assert headings(text) == ["Privacyverklaring"]


def test_table_of_contents_is_kept_out_of_the_sections(analyse_text):
    text = ("Privacyverklaring\n\nInhoud\n\nGegevens die wij bewaren van onze klanten\t3\n"
            "Gegevens die bewaard worden als je contact met ons opneemt.....\t4\n"
            "Doeleinden van de verwerking.....\t5\n\n"
            "Gegevens die wij bewaren van onze klanten\n\nOm de overeenkomst uit te voeren hebben we je naam nodig.\n\n"
            "Doeleinden van de verwerking\n\nWij verwerken je gegevens om je te helpen.\n")
    seg = detect_headings(text)
    assert seg.toc is not None
    assert "Inhoud" not in [h.text for h in seg.headings]
    doc = analyse_text(text)
    toc_start, toc_end = doc._.toc
    for section in doc._.sections:
        assert section.end <= toc_start or section.start >= toc_end
    assert [s.heading for s in doc._.sections] == ["Privacyverklaring", "Gegevens die wij bewaren van onze klanten",
                                                   "Doeleinden van de verwerking"]


def test_numbered_list_item_closing_a_list_is_not_a_heading():
    text = ("Deze doeleinden vallen onder de volgende rechtsgronden:\n1. Noodzakelijk voor de overeenkomst;\n"
            "2. Wettelijke verplichtingen;\n4. Gerechtvaardigde marketingbelangen van Mailkoning.\n")
    assert headings(text) == []


def test_capital_letter_numbering_gives_headings_and_levels():
    from analyser.segment import detect_headings

    text = ("Privacyverklaring\n\nA. Wie zijn wij\n\nWij zijn een advocatenkantoor in Haarlem.\n\n"
            "B. Welke gegevens wij verwerken\n\nC.1 Behandeling van uw zaak\n\nWij verwerken uw naam en adres.\n\n"
            "C.2 Facturering\n\nWij verwerken uw rekeningnummer.\n")
    found = [(h.text, h.number, h.level) for h in detect_headings(text).headings]
    assert found == [("Privacyverklaring", None, 0), ("A. Wie zijn wij", "A", 1),
                     ("B. Welke gegevens wij verwerken", "B", 1), ("C.1 Behandeling van uw zaak", "C.1", 2),
                     ("C.2 Facturering", "C.2", 2)]


def test_article_headings_with_a_dash_after_the_number():
    text = ("Privacyverklaring\n\nArtikel 1 - Wie wij zijn\n\nWij zijn een makelaarskantoor.\n\n"
            "Artikel 2 - Welke gegevens wij verwerken\n\nWij verwerken uw naam.\n")
    assert headings(text) == ["Privacyverklaring", "Artikel 1 - Wie wij zijn",
                              "Artikel 2 - Welke gegevens wij verwerken"]


def test_a_name_with_an_initial_is_no_lettered_heading():
    text = "Contact\n\nJ. Jansen\nKerkstraat 1\n1234 AB Haarlem\n\nB.V. Jansen is verantwoordelijk voor uw gegevens.\n"
    found = headings(text)
    assert "J. Jansen" not in found and "B.V. Jansen is verantwoordelijk voor uw gegevens." not in found


def test_bare_list_after_colon_is_not_a_heading_but_a_heading_after_it_is():
    text = ("Uw gegevens worden verwerkt ten behoeve van:\n\nU te informeren over activiteiten van de stichting\n"
            "Het voldoen aan wettelijke verplichtingen\n\nToepasselijkheid\n\n"
            "Deze verklaring is van toepassing op bezoek aan en gebruik van de website van de stichting.\n")
    assert headings(text) == ["Toepasselijkheid"]



def test_the_same_line_is_a_list_item_after_a_colon_and_a_heading_above_content():
    text = ("Privacyverklaring\n\nWij verwerken de volgende gegevens:\n\nContactgegevens\nBetaalgegevens\n\n"
            "Contactgegevens\n\nU kunt ons bereiken via de post of via ons kantoor in Utrecht.\n")
    found = detect_headings(text).headings
    assert [h.text for h in found] == ["Privacyverklaring", "Contactgegevens"]
    assert found[1].start == text.rindex("Contactgegevens")


def test_contact_and_date_lines_with_and_without_digits():
    contact = ["info(at)bakkerijdekorrel.nl", "www.bakkerijdekorrel.nl", "Adres: zie hieronder", "Postbus 1234",
               "12-03-2024", "Kerkstraat 12", "3941 AL Doorn", "06-12345678", "---",
               "Goedgekeurd door de raad voor maatschappelijk welzijn op 24 juni 2024"]
    assert [line for line in contact if not _is_contact_or_date(line)] == []
    assert not any(_is_contact_or_date(line) for line in ["Onze bakkerij", "Bewaartermijnen", "Bewaartermijn 7 jaar"])

def test_sections_cover_the_text_in_order_with_topics(analyse_text):
    doc = analyse_text("Privacyverklaring\n\nWij zijn Bakkerij De Korrel.\n\nBewaartermijn\n\n"
                       "Wij bewaren uw gegevens zeven jaar.\n\nUw rechten\n\nU heeft recht op inzage.\n")
    sections = doc._.sections
    assert [s.heading for s in sections] == ["Privacyverklaring", "Bewaartermijn", "Uw rechten"]
    assert "retention" in sections[1].topics
    assert all(a.end <= b.start for a, b in itertools.pairwise(sections))
    text = doc.text
    assert text[sections[1].start:sections[1].end].startswith("Bewaartermijn")


def test_markup_hints_decide_headings(analyse_text):
    from analyser.api import make_doc
    from analyser.loading import load_text

    loaded = load_text("<h1>Privacy</h1><p>Wij zijn een club.</p><h2>Rechten</h2><p>Inzage kan altijd.</p>"
                       "<p>Korte regel</p><p>Nog een alinea.</p>", fmt="html")
    doc = make_doc(loaded)
    assert [(s.heading, s.level) for s in doc._.sections] == [("Privacy", 0), ("Rechten", 1)]


def test_sentences_respect_lines_abbreviations_and_heading_numbers(analyse_text):
    doc = analyse_text("Wij slaan o.a. je naam op. Dat doen we bijv. voor 2 jaar.\n1.1. Het creëren van een account\n"
                       "- Naam en achternaam\n- E-mailadres")
    assert [s.text.strip() for s in doc.sents] == [
        "Wij slaan o.a. je naam op.", "Dat doen we bijv. voor 2 jaar.", "1.1. Het creëren van een account",
        "- Naam en achternaam", "- E-mailadres"]



def sentences(text: str) -> list[str]:
    """Sentences from the sentence component alone, in a pipeline with a vocabulary of its own."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("analyser_sentences")
    return [s.text.strip() for s in nlp(text).sents]


def test_a_capital_after_an_abbreviation_does_not_start_a_sentence():
    assert sentences("Wij delen je gegevens met o.a. Google en Microsoft. Zij verwerken ze binnen de EU.") == [
        "Wij delen je gegevens met o.a. Google en Microsoft.", "Zij verwerken ze binnen de EU."]


def test_a_line_break_always_starts_a_sentence():
    assert sentences("Wij bewaren o.a.\nje naam en adres\nen je e-mailadres") == [
        "Wij bewaren o.a.", "je naam en adres", "en je e-mailadres"]


def test_a_heading_number_does_not_end_a_sentence_but_a_question_mark_does():
    assert sentences("2. Wie zijn wij? Wij zijn Bakkerij De Korrel.\n3.1. Uw rechten") == [
        "2. Wie zijn wij?", "Wij zijn Bakkerij De Korrel.", "3.1. Uw rechten"]
    assert sentences("XI. Cookies\nVoor het gebruik van cookies verwijst Leieland naar haar cookiebeleid.") == [
        "XI. Cookies", "Voor het gebruik van cookies verwijst Leieland naar haar cookiebeleid."]

def test_lookup_lemmas_are_dutch(analyse_text):
    doc = analyse_text("Wij bewaarden de e-mailadressen zeven jaren.")
    assert [t.lemma_ for t in doc if t.is_alpha or "-" in t.text][:6] == [
        "wij", "bewaren", "de", "e-mailadres", "zeven", "jaar"]


HEADINGS_F1_FLOOR = 0.99  # measured 1.000 on the 25 corpus statements


def test_corpus_headings_f1_floor(corpus_reports, gold):
    evaluation = Evaluation()
    for doc_id, truth in gold.items():
        score_document(corpus_reports[doc_id], truth, evaluation)
    assert evaluation.fields["headings"].f1 >= HEADINGS_F1_FLOOR


def test_table_of_contents_without_page_numbers_is_recognised_by_repetition():
    text = ("Privacyverklaring gemeente Dommelvoort\n\nInhoudsopgave\n\n1. Inleiding\n2. Wie is verantwoordelijk?\n"
            "3. Uw rechten\n\n1. Inleiding\n\nDe gemeente verwerkt dagelijks persoonsgegevens van inwoners.\n\n"
            "2. Wie is verantwoordelijk?\n\nHet college van burgemeester en wethouders is verantwoordelijk.\n\n"
            "3. Uw rechten\n\nU heeft het recht op inzage in uw gegevens.\n")
    seg = detect_headings(text)
    assert [h.text for h in seg.headings] == ["Privacyverklaring gemeente Dommelvoort", "1. Inleiding",
                                              "2. Wie is verantwoordelijk?", "3. Uw rechten"]
    assert text[seg.toc[0]:seg.toc[1]].startswith("Inhoudsopgave")
    assert seg.headings[1].start > seg.toc[1]


def test_an_all_caps_title_with_an_exclamation_mark_is_a_heading():
    from analyser import analyse

    report = analyse("PRIVACY BIJ ONTSNAPT! ESCAPE ROOMS\n\nOntsnapt! Escape Rooms is een eenmanszaak. Wij verwerken "
                     "je naam.\n\nWAT WE VAN JE WETEN\n\nJe naam en e-mailadres.", use_model=False)
    assert [s.heading for s in report.sections if s.heading][:2] == ["PRIVACY BIJ ONTSNAPT! ESCAPE ROOMS",
                                                                     "WAT WE VAN JE WETEN"]


def test_toc_title_first_letters_are_those_the_title_pattern_matches():
    import re
    import sys

    from analyser.segment import _TOC_TITLE_FIRST

    first = re.compile("[itc]", re.I)
    assert {c for c in map(chr, range(sys.maxunicode + 1)) if first.fullmatch(c)} == _TOC_TITLE_FIRST


def test_line_caches_keep_nothing_from_an_earlier_statement():
    """The benchmark analyses the same texts twice; what a cache learnt about one statement's lines must not make
    the next statement cheaper."""
    from analyser import analyse
    from analyser.segment import _WORD_TOPICS, _heading_candidate, _is_contact_or_date

    analyse("Privacyverklaring Bakkerij\n\nWelke gegevens?\n\nUw naam.\n\nHoe lang bewaren wij ze?\n\nTwee jaar.",
            use_model=False)
    second = "Privacyverklaring\n\nCookies\n\nWij gebruiken geen cookies."
    report = analyse(second, use_model=False)
    lines = {line for line in second.split("\n") if line}
    assert _heading_candidate.cache_info().currsize <= len(lines)
    assert not any(any(c.isspace() for c in word) for word in _WORD_TOPICS)  # heading topics: kept per word only
    assert _is_contact_or_date.cache_info().currsize <= len(lines)
    assert report.to_json() == analyse(second, use_model=False).to_json()


def test_headings_topics_match_each_heading_alone():
    """Screening all of a statement's headings at once gives each heading the topics it has on its own."""
    from analyser.segment import _topic_patterns, headings_topics

    headings = ["Privacyverklaring", "Wie zijn wij?", "Met wie delen wij je gegevens?", "Hoe lang bewaren wij ze?",
                "Uw rechten", "Cookies", "1. Gegevens", "Wijzigingen", "Delen", "Contact", "İnzage",
                "Gegevens\u00a0van derden", "Data protection officer", "Bijzondere\tgegevens", "Laatst bijgewerkt:",
                "Wijziging van deze privacyverklaring", "Persoonsgegevens", ""]
    together = headings_topics(headings)
    assert together == [tuple(t for t, p in _topic_patterns() if p.search(h.lower())) for h in headings]
    assert "recipients" in together[2] and "retention" in together[3] and "cookies" in together[5]
    assert together[-1] == () and headings_topics([]) == []


def test_contact_lines_past_each_shortcut_are_found():
    """The contact and date test skips patterns a line cannot match (no digit, "@", "[at]", web address, ...);
    a line that only one pattern recognises is still found."""
    from analyser.segment import _is_contact_or_date

    contact = ["info [at] bakkerij.nl", "info (AT) bakkerij.nl", "WWW.BAKKERIJ.NL", "Https://bakkerij.nl", "--",
               "12 34", "1400", "020 123 45 67", "12-03-2024", "10 mei 2024", "Versie: mei", "Datum 1 mei 2024",
               "Postbus 12", "KvK 12345678", "Kerkstraat 1", "1234 AB Utrecht", "B-1000 Brussel", "2024"]
    assert [line for line in contact if not _is_contact_or_date(line)] == []
    assert not any(_is_contact_or_date(line) for line in ["2. Wie zijn wij", "10. Uw rechten", "Onze (nieuwe) site",
                                                          "Let op: cookies", "Fase 1: Voorbereiding"])


def _nest() -> list[Section]:
    return [Section("Privacyverklaring Reisbureau Zonnig", 0, 0, 10, []),
            Section("3. Welke gegevens verwerken wij?", 1, 10, 20, ["data_categories"]),
            Section("3.1 Als u een reis boekt", 2, 20, 30, []),
            Section("3.2 Bewaartermijnen", 2, 30, 40, ["retention"]),
            Section("4. Uw rechten", 1, 40, 50, ["rights"])]


def test_the_checklist_reads_a_section_as_about_everything_above_it():
    topics = nested_topics(_nest())
    assert topics[2] == {"data_categories"}
    assert topics[3] == {"data_categories", "retention"}
    assert topics[4] == {"rights"}


def test_a_sub_section_without_topics_takes_its_nearest_parents_for_data_lists():
    sections = _nest()
    assert own_or_parent_topics(sections, 2) == ["data_categories"]
    assert own_or_parent_topics(sections, 3) == ["retention"]
    assert own_or_parent_topics(sections, 0) == []


def test_a_heading_above_a_pipe_table_is_a_heading():
    text = ("Gegevens buiten de EER\n\nWij geven gegevens door aan partijen in de Verenigde Staten.\n\n"
            "Hoe lang bewaren we wat?\n\nGegevens | Bewaartermijn\nBoeking | drie jaar\n")
    assert [h.text for h in detect_headings(text).headings] == ["Gegevens buiten de EER", "Hoe lang bewaren we wat?"]


def test_a_short_numbered_sentence_after_numbered_sentences_is_a_list_item():
    text = ("Artikel 5. Gegevens\n\n1. Van betrokkene worden naam en adres vastgelegd in het dossier van de "
            "opdrachtgever.\n2. Bedreiging van een medewerker wordt vastgelegd in een intern register.\n"
            "3. Telefoongesprekken worden niet opgenomen.\n\nArtikel 6. Herkomst\n\nDe gegevens komen van de "
            "opdrachtgever.\n")
    assert [h.text for h in detect_headings(text).headings] == ["Artikel 5. Gegevens", "Artikel 6. Herkomst"]


def test_a_label_with_running_text_after_its_colon_is_no_heading():
    text = ("Bewaartermijnen\n\nHieronder staat hoe lang wij gegevens bewaren.\n\n"
            "Reisgegevens > Bewaartermijn: wij wissen ze een maand na de reis\n"
            "Nieuwsbrief > Bewaartermijn: tot u zich afmeldt\n\n"
            "Artikel 3: Doeleinden\n\nWij gebruiken uw gegevens voor de les.\n")
    assert headings(text) == ["Bewaartermijnen", "Artikel 3: Doeleinden"]
