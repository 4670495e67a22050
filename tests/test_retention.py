"""Retention periods on real Dutch privacy-statement sentences: values, qualifiers, criteria, triggers,
the categories a period applies to, and the durations that are not retention at all."""

from __future__ import annotations

import pytest
import spacy

from analyser.evaluate import Evaluation, score_document
from analyser.extract import retention as retention_module
from analyser.report import DataCategory, RetentionPeriod, Span


@pytest.fixture(scope="module")
def retention_nlp():
    """Sentences, lemmas, sections and retention only: the stage under test, without the stages that
    do not feed it (data categories are set by hand where a test needs them)."""
    from analyser import segment  # noqa: F401  (registers the factories)

    nlp = spacy.blank("nl")
    for name in ("analyser_sentences", "analyser_lemmas", "analyser_sections", "analyser_retention"):
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


@pytest.fixture(scope="module")
def periods(retention_nlp):
    def run(text: str) -> list[RetentionPeriod]:
        return retention_nlp(text)._.retention_periods

    return run


def durations(found: list[RetentionPeriod]) -> list[str]:
    out = []
    for r in found:
        if r.indefinite:
            out.append("indefinite")
        elif r.duration:
            out.append(r.duration)
    return out


def only(found: list[RetentionPeriod]) -> RetentionPeriod:
    timed = [r for r in found if r.duration or r.indefinite]
    assert len(timed) == 1, found
    return timed[0]


# ------------------------------------------------------------------ values


@pytest.mark.parametrize(("sentence", "iso"), [
    ("Wij bewaren je naam zeven jaar.", "P7Y"),
    ("Financiële gegevens worden minimaal zeven jaar bewaard, deze bewaartermijn is wettelijk verplicht.", "P7Y"),
    ("Wij bewaren deze informatie tot drie maanden na het einde van de dienstverlening aan jou.", "P3M"),
    ("De bewaartermijn voor jouw persoonsgegevens is tot maximaal een jaar na het beëindigen van het lidmaatschap.",
     "P1Y"),
    ("Uw gegevens worden twaalf maanden bewaard.", "P12M"),
    ("Camerabeelden worden dertig dagen bewaard.", "P30D"),
    ("De opnames worden twee weken bewaard en daarna gewist.", "P2W"),
    ("Het medisch dossier wordt vijftien jaar bewaard.", "P15Y"),
    ("Archiefstukken worden vijfentwintig jaar bewaard.", "P25Y"),
    ("Wij bewaren uw gegevens zeven (7) jaar.", "P7Y"),
])
def test_digits_and_dutch_number_words(periods, sentence, iso):
    assert durations(periods(sentence)) == [iso]


def test_anderhalf_jaar_is_eighteen_months(periods):
    assert durations(periods("Wij bewaren uw gegevens anderhalf jaar na het laatste contact.")) == ["P18M"]
    assert durations(periods("Wij bewaren uw gegevens 1,5 jaar.")) == ["P18M"]


def test_een_half_jaar_is_six_months(periods):
    assert durations(periods("De gegevens worden een half jaar bewaard.")) == ["P6M"]
    assert durations(periods("Het cv wordt tot een halfjaar na de sollicitatie bewaard.")) == ["P6M"]


def test_hours_weeks_and_days_keep_their_unit(periods):
    assert durations(periods("Camerabeelden worden na 24 uur automatisch overschreven en gewist.")) == ["PT24H"]
    assert durations(periods("Camerabeelden worden maximaal 4 weken bewaard.")) == ["P4W"]
    assert durations(periods("Logbestanden worden 30 dagen bewaard en daarna verwijderd.")) == ["P30D"]


def test_iso_duration_goes_one_unit_down_for_fractions():
    iso = retention_module.iso_duration
    assert (iso(7, "Y"), iso(1.5, "Y"), iso(0.5, "Y"), iso(24, "H"), iso(1.5, "D")) == (
        "P7Y", "P18M", "P6M", "PT24H", "PT36H")


# ------------------------------------------------------------------ ranges and qualifiers


def test_range_gives_lower_and_upper_bound(periods):
    r = only(periods("Wij bewaren de gegevens 6 tot 12 maanden."))
    assert (r.duration, r.duration_max, r.qualifier) == ("P6M", "P12M", "range")
    r = only(periods("Wij bewaren de gegevens tussen zes en twaalf maanden."))
    assert (r.duration, r.duration_max, r.qualifier) == ("P6M", "P12M", "range")
    r = only(periods("Gegevens worden 6-12 maanden bewaard."))
    assert (r.duration, r.duration_max) == ("P6M", "P12M")


@pytest.mark.parametrize(("sentence", "qualifier", "text"), [
    ("Facturen bewaren wij ten minste 7 jaar vanwege de fiscale bewaarplicht.", "min", "ten minste 7 jaar"),
    ("Financiële gegevens worden minimaal zeven jaar bewaard.", "min", "minimaal zeven jaar"),
    ("Deze bewaren we maximaal 8 jaar vanaf de eerste inschrijving.", "max", "maximaal 8 jaar"),
    ("Sollicitatiegegevens worden uiterlijk vier weken na afloop van de sollicitatieprocedure verwijderd.", "max",
     "uiterlijk vier weken"),
    ("Wij bewaren uw gegevens niet langer dan 30 dagen.", "max", "niet langer dan 30 dagen"),
    ("Wij bewaren de gegevens 5 jaar.", None, "5 jaar"),
])
def test_qualifiers_min_and_max(periods, sentence, qualifier, text):
    r = only(periods(sentence))
    assert (r.qualifier, r.text) == (qualifier, text)


# ------------------------------------------------------------------ indefinite and criteria


@pytest.mark.parametrize("sentence", [
    "We bewaren deze geaggregeerde gegevens op dit moment onbeperkt.",
    "De informatie wordt door Google voor onbepaalde tijd opgeslagen op servers in de Verenigde Staten.",
    "Foto's van evenementen worden permanent bewaard in ons archief.",
    "Gepubliceerde foto's en het aftermovie blijven voor onbepaalde tijd online staan.",
    "Onze artikels en het nieuwsarchief blijven onbeperkt online beschikbaar.",
    "Je wedstrijduitslagen blijven onbeperkt raadpleegbaar op onze website.",
])
def test_keeping_without_limit_is_indefinite(periods, sentence):
    r = only(periods(sentence))
    assert r.indefinite and r.duration is None


@pytest.mark.parametrize("sentence", [
    "Wij bewaren uw gegevens niet voor onbepaalde tijd.",
    "Uw gegevens worden na afloop permanent verwijderd.",
    "Abonnees hebben onbeperkt toegang tot het archief.",
    "Als abonnee lees je onbeperkt online artikels.",
    "Wij slaan uw gegevens op in een datacenter dat permanent wordt bewaakt.",
])
def test_negated_or_unrelated_limitless_words_are_not_indefinite(periods, sentence):
    assert not [r for r in periods(sentence) if r.indefinite]


@pytest.mark.parametrize(("sentence", "criterion"), [
    ("Wij bewaren je persoonsgegevens niet langer dan strikt nodig is.", "niet langer dan strikt nodig"),
    ("Persoonsgegevens worden niet langer bewaard dan noodzakelijk is voor het doel.",
     "niet langer bewaard dan noodzakelijk"),
    ("We bewaren je gegevens zolang je lid bent.", "zolang je lid bent"),
    ("Je e-mailadres bewaren we tot je je afmeldt voor de nieuwsbrief.", "tot je je afmeldt"),
    ("Voor de financiële administratie hanteren wij de wettelijke bewaartermijn.", "wettelijke bewaartermijn"),
    ("De ingeleverde vragenlijsten worden direct na afloop van de activiteit vernietigd.",
     "direct na afloop van de activiteit"),
])
def test_criteria_without_a_period_have_no_duration(periods, sentence, criterion):
    found = periods(sentence)
    assert [(r.text, r.duration, r.indefinite) for r in found] == [(criterion, None, False)]


def test_a_criterion_needs_a_word_of_keeping(periods):
    assert periods("Je kunt je afmelden zolang je lid bent van de vereniging.") == []
    assert periods("Je kunt je gegevens laten verwijderen nadat je je account hebt opgezegd.") == []


# ------------------------------------------------------------------ trigger, section and categories


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("De gegevens met een * worden tot 7 jaar na de beëindiging van onze overeenkomst bewaard.",
     "na de beëindiging van onze overeenkomst"),
    ("Met jouw toestemming bewaren wij je cv nog een jaar na afloop van de sollicitatieprocedure.",
     "na afloop van de sollicitatieprocedure"),
    ("We verwijderen deze informatie binnen 6 maanden nadat je geen klant meer bij ons bent.",
     "nadat je geen klant meer bij ons bent"),
    ("Wij bewaren uw gegevens twee jaar na het laatste contact.", "na het laatste contact"),
    ("We verwijderen je gegevens binnen 1 maand nadat je je account hebt verwijderd.",
     "nadat je je account hebt verwijderd"),
    ("Gegevens in het leerlingvolgsysteem worden 3 jaar nadat de leerling de school heeft verlaten verwijderd.",
     "nadat de leerling de school heeft verlaten"),
    ("Na beëindiging van het lidmaatschap bewaren we je gegevens nog 2 jaar.", "Na beëindiging van het lidmaatschap"),
    ("Medische dossiers worden 20 jaar bewaard, gerekend vanaf het einde van de behandeling.",
     "gerekend vanaf het einde van de behandeling"),
])
def test_trigger_is_the_event_the_period_runs_from(periods, sentence, trigger):
    assert only(periods(sentence)).trigger == trigger


def test_period_without_event_has_no_trigger(periods):
    assert only(periods("Na een jaar aggregeren we de gegevens verder.")).trigger is None


def test_section_is_the_heading_the_period_stands_under(periods):
    text = "Privacyverklaring\n\nHoe lang bewaren wij je gegevens?\n\nWij bewaren je gegevens twee jaar.\n"
    assert only(periods(text)).section == "Hoe lang bewaren wij je gegevens?"


def _with_categories(nlp, text: str, mentions: dict[str, list[str]]):
    """Run the stages before retention, give the Doc data categories as the categories stage would, run retention."""
    with nlp.select_pipes(disable=["analyser_retention"]):
        doc = nlp(text)
    categories = []
    for category, words in mentions.items():
        spans = []
        for word in words:
            start = text.index(word)
            spans.append(Span(word, start, start + len(word)))
        categories.append(DataCategory(category, False, spans))
    doc._.data_categories = categories
    return nlp.get_pipe("analyser_retention")(doc)


def test_applies_to_takes_categories_from_the_sentence_else_from_the_section(retention_nlp):
    text = ("Privacyverklaring\n\nSollicitaties\n\nWe vragen je cv en je telefoonnummer.\n"
            "Je naam en e-mailadres bewaren we tot vier weken na afloop van de sollicitatieprocedure.\n"
            "Met je toestemming bewaren we de gegevens een jaar.\n")
    doc = _with_categories(retention_nlp, text, {"name": ["naam"], "email": ["e-mailadres"],
                                                 "phone": ["telefoonnummer"], "employment": ["cv"]})
    four_weeks, one_year = [r for r in doc._.retention_periods if r.duration]
    assert (four_weeks.duration, sorted(four_weeks.applies_to)) == ("P4W", ["email", "name"])
    assert (one_year.duration, sorted(one_year.applies_to)) == ("P1Y", ["email", "employment", "name", "phone"])


def test_periods_are_spans_labelled_with_their_value(retention_nlp):
    doc = retention_nlp("Wij bewaren uw gegevens 7 jaar. Daarna bewaren we een samenvatting onbeperkt.")
    assert [(s.text, s.label_) for s in doc.spans["retention_periods"]] == [("7 jaar", "P7Y"),
                                                                             ("onbeperkt", "indefinite")]


# ------------------------------------------------------------------ layout: lists and tables


def test_list_items_under_a_retention_heading(periods):
    text = ("Privacyverklaring\n\nBewaartermijnen\n\n- Webserver logging: 3 maanden\n- Sollicitaties: 4 weken\n"
            "- Betaalgegevens: tot 7 jaar, zoals wettelijk vereist\n- Mailinglijsten: tot je je uitschrijft\n")
    assert durations(periods(text)) == ["P3M", "P4W", "P7Y"]
    assert any(r.duration is None and r.text == "tot je je uitschrijft" for r in periods(text))


def test_list_items_under_other_how_long_headings_are_not_retention(periods):
    text = ("Webshop\n\nHoe lang duurt de levering?\n\n- Pakketten: 2 werkdagen\n- Meubels: 3 weken\n\n"
            "Betalingstermijn\n\n- Facturen: 14 dagen\n")
    assert periods(text) == []


def test_list_items_under_an_introduction_that_speaks_of_keeping(periods):
    text = ("Verwerking van persoonsgegevens van oud-leden\n\n"
            "Uw persoonsgegevens worden door de vereniging opgeslagen voor de periode:\n\n- Maximaal 40 jaar.\n")
    r = only(periods(text))
    assert (r.duration, r.qualifier) == ("P40Y", "max")


def test_cookie_lifetimes_are_reported(periods):
    assert durations(periods("Deze cookie vervalt na 1 jaar.")) == ["P1Y"]
    table = "Cookies\n\nCookie | Doel | Bewaartermijn\n_ga | Analytics | 2 jaar\n_gid | Analytics | 24 uur\n"
    assert durations(periods(table)) == ["P2Y", "PT24H"]


# ------------------------------------------------------------------ durations that are not retention


@pytest.mark.parametrize("sentence", [
    # response times
    "Wij zullen binnen een week gehoor geven aan je verzoek.",
    "Wij zullen binnen vier weken reageren op je verzoek om je gegevens te verwijderen.",
    "Wij verwijderen je gegevens binnen 30 dagen na ontvangst van je verzoek.",
    "Verzoeken tot verwijdering worden binnen 4 weken afgehandeld.",
    "Deze termijn kan met twee maanden worden verlengd als het verzoek tot verwijdering complex is.",
    "Een datalek melden wij binnen 72 uur bij de Autoriteit Persoonsgegevens, zodat gegevens niet verloren gaan.",
    # ages
    "Wij verzamelen geen gegevens van personen jonger dan 16 jaar en bewaren deze dus niet.",
    "Onze diensten zijn niet bedoeld voor kinderen onder de 13 jaar; wij slaan hun gegevens niet op.",
    "Gegevens van kinderen tot 12 jaar worden niet opgeslagen.",
    "Jongeren van 12 tot 18 jaar worden alleen met toestemming van een ouder in ons systeem opgeslagen.",
    "U heeft 6 weken de tijd om bezwaar te maken tegen het bewaren van uw gegevens.",
    "In de eerste 3 maanden van het lidmaatschap bewaren wij ook je proefles-gegevens.",
    # validity, experience, frequency, notice periods, dates
    "Het uittreksel van de Kamer van Koophandel mag niet ouder zijn dan 3 maanden en wordt door ons bewaard.",
    "Wij hebben 10 jaar ervaring in het veilig opslaan van gegevens.",
    "Wij bestaan al 25 jaar en bewaren uw gegevens zorgvuldig.",
    "Wij verwijderen elke 6 maanden oude gegevens uit ons systeem.",
    "Uw gegevens worden 2 keer per jaar opgeschoond.",
    "Het lidmaatschap kan worden opgezegd met een opzegtermijn van een maand; daarna verwijderen wij je gegevens.",
    "U kunt binnen 14 dagen na ontvangst van uw bestelling de overeenkomst ontbinden; retouren worden bewaard.",
    "Op 1 januari 2024 hebben wij onze bewaartermijnen aangepast.",
])
def test_durations_that_are_not_retention_are_left_out(periods, sentence):
    assert durations(periods(sentence)) == []


def test_data_older_than_a_period_is_retention_but_people_older_than_an_age_are_not(periods):
    assert durations(periods("Logbestanden ouder dan 90 dagen worden automatisch verwijderd.")) == ["P90D"]
    assert durations(periods("Deelnemers ouder dan 16 jaar bewaren zelf hun gegevens in de app.")) == []


def test_clock_times_are_not_hours(periods):
    assert durations(periods("Wij bewaren uw gegevens en zijn bereikbaar van 9.00 tot 17.00 uur.")) == []


def test_explanations_in_a_retention_section_are_not_periods(periods):
    text = ("Hoe lang worden mijn gegevens bewaard?\n\nDeze bewaren we maximaal 8 jaar vanaf de eerste inschrijving. "
            "Denk hierbij aan op kamp gaan in het eerste schooljaar en vervolgens 6 jaar later examen doen. "
            "Of misschien een jaar blijven zitten.\n")
    assert durations(periods(text)) == ["P8Y"]


def test_a_deletion_some_time_later_is_retention_but_a_later_event_is_not(periods):
    text = "Een advertentie die je verwijdert, is meteen weg. Wij wissen haar 90 dagen later helemaal."
    assert durations(periods(text)) == ["P90D"]
    assert durations(periods("Drie jaar later verhuisden wij. Wij verwijderen uw gegevens als u daarom vraagt.")) == []


def test_keeping_in_plain_words_and_disappearing_from_back_ups_are_retention(periods):
    assert durations(periods("Facturen houden we zeven jaar, zoals de wet dat eist.")) == ["P7Y"]
    text = ("Zegt u uw abonnement op, dan wissen wij uw gegevens binnen 30 dagen; uit onze back-ups verdwijnen ze "
            "uiterlijk 60 dagen later.")
    assert durations(periods(text)) == ["P30D", "P60D"]


def test_terms_the_statement_says_are_no_retention_and_terms_of_a_loan_or_a_repair(periods):
    text = ("Let op: een aantal termijnen gaat niet over het bewaren van gegevens. Een abonnement loopt minimaal zes "
            "maanden; een klacht over een levering meldt u binnen twee weken.")
    assert durations(periods(text)) == []
    text = ("Begeleiding kan doorlopen tot de leeftijd van achttien jaar en soms tot eenentwintig jaar; deze "
            "leeftijden houden geen verband met de bewaartermijnen.")
    assert durations(periods(text)) == []
    assert durations(periods("De leentermijn bedraagt drie maanden en kan worden verlengd.")) == []
    assert durations(periods("De bewaartermijn bedraagt zeven jaar.")) == ["P7Y"]
    assert durations(periods("Een reparatie die na zes maanden niet is afgehaald, mogen wij verkopen.")) == []


def test_a_duration_needs_a_word_of_keeping(periods):
    assert periods("Je kunt de app 30 dagen gratis uitproberen.") == []
    assert periods("De routering duurt slechts enkele seconden.") == []


# ------------------------------------------------------------------ the corpus


def test_corpus_retention_f1_floor(corpus_reports, gold):
    """Reached 1.000 (21 of 21, no false positives) on the bundled corpus; allow one slip, not two."""
    evaluation = Evaluation()
    for doc_id, truth in gold.items():
        score_document(corpus_reports[doc_id], truth, evaluation)
    counts = evaluation.fields["retention"]
    assert counts.f1 >= 0.975, (counts.as_dict(), [d.errors.get("retention") for d in evaluation.documents])


@pytest.mark.parametrize("sentence", [
    "Een waardebepaling die wij voor u opstellen, is zes maanden geldig.",
    "Een identiteitsbewijs moet nog minstens zes maanden geldig zijn.",
])
def test_validity_is_no_retention(periods, sentence):
    assert [r for r in periods(sentence) if r.duration] == []


# ------------------------------------------------------------------ retention tables and deadlines (dev4 wordings)

_TABLE = ("Hoe lang bewaren we je gegevens?\n\nHieronder zie je de termijnen die we hanteren.\n\n"
          "| Gegevens | Bewaartermijn |\n|---|---|\n{row}\n| Facturen | zeven jaar |")


@pytest.mark.parametrize(("row", "expected"), [
    ("| Klant- en contractgegevens | zolang je klant bent en daarna twee jaar |", ["P2Y", "P7Y"]),
    ("| Gegevens van Vrienden | zolang u Vriend bent en daarna nog twee jaar |", ["P2Y", "P7Y"]),
    ("| Foto's van evenementen | voor onbepaalde tijd in ons beeldarchief |", ["indefinite", "P7Y"]),
])
def test_rows_of_a_retention_table_need_no_verb_of_keeping(periods, row, expected):
    assert sorted(durations(periods(_TABLE.format(row=row)))) == sorted(expected)


def test_payment_and_review_deadlines_in_a_retention_section_are_not_retention(periods):
    text = ("Hoe lang bewaren we je gegevens?\n\n- Logbestanden: zes maanden.\n\n"
            "Opdrachtgevers betalen een factuur binnen 14 dagen. De freelancer ontvangt zijn geld binnen twee "
            "werkdagen nadat de opdrachtgever heeft betaald.")
    assert durations(periods(text)) == ["P6M"]


def test_school_years_are_years(periods):
    assert durations(periods("Foto's op onze website verwijderen wij na drie schooljaren.")) == ["P3Y"]


@pytest.mark.parametrize("text", [
    "Hoe lang bewaren wij uw gegevens?\n\nEen annulering is kosteloos tot zes weken voor uw aankomst.",
    "Bewaartermijnen\n\nDe opzegtermijn van onze contracten bedraagt drie maanden.",
])
def test_cancellation_and_notice_terms_in_a_retention_section_are_not_retention(periods, text):
    assert durations(periods(text)) == []


@pytest.mark.parametrize("text", [
    "Hoe lang bewaren wij uw gegevens?\n\nBestel een rit naar het vliegveld minimaal 24 uur van tevoren.",
    "Bewaartermijnen\n\nGeef een wijziging van uw afspraak ten minste twee dagen vooraf door.",
    "Hoe lang bewaren wij je gegevens?\n\nDe gebruikelijke levertijd is 3 werkdagen.",
    "Bewaartermijnen\n\nDe hersteltijd bedraagt meestal vijf werkdagen.",
    "Bewaartermijnen\n\nTaarten bestel je minstens 48 uur op voorhand.",
    "Hoe lang bewaren wij uw gegevens?\n\nZuivel is bij levering nog ten minste vijf dagen houdbaar.",
    "Hoe lang bewaren wij uw gegevens?\n\nWij bezorgen in tijdvakken van een uur, en de bezorger wacht maximaal "
    "vijf minuten aan de deur.",
    "Bewaartermijnen\n\nDe pechbijstand is 24 uur op 24 bereikbaar.",
])
def test_advance_notice_and_delivery_times_in_a_retention_section_are_not_retention(periods, text):
    assert durations(periods(text)) == []


@pytest.mark.parametrize("text", [
    "Hoe lang bewaren wij uw gegevens?\n\nDe fabrikant geeft op de warmtewisselaar tot tien jaar garantie.",
    "Bewaartermijnen\n\nRuilen kan tot 14 dagen na aankoop met de kassabon.",
    "Hoe lang bewaren wij uw gegevens?\n\nEen woonkrediet heeft meestal een looptijd van 20 tot 25 jaar.",
])
def test_warranty_exchange_and_loan_terms_in_a_retention_section_are_not_retention(periods, text):
    assert durations(periods(text)) == []


@pytest.mark.parametrize("text", [
    "Hoe lang bewaren wij uw gegevens?\n\nSchade kunt u tot drie werkdagen na de beurt bij ons melden.",
    "Bewaartermijnen\n\nDe huurwaarborg bedraagt twee maanden huur.",
    "Hoe lang bewaren we je gegevens?\n\nJe certificaat blijft onbeperkt geldig.",
])
def test_report_deadlines_amounts_and_validity_are_not_retention(periods, text):
    assert durations(periods(text)) == []


def test_deadlines_before_an_event_clock_times_and_trial_days_are_not_retention(periods):
    text = ("Hoe lang bewaren wij uw gegevens?\n\n"
            "Inchecken kan vanaf 14 uur en uitchecken tot 11 uur. Annuleren kan tot 48 uur voor de afspraak. "
            "Een aanbetaling krijgt u terug tot 30 dagen voor aankomst. Nieuwe leden krijgen een proefles van een "
            "halve dag.\n\nCamerabeelden bewaren wij maximaal 72 uur.")
    assert durations(periods(text)) == ["PT72H"]


def test_keeping_animals_and_things_is_no_retention_of_data(periods):
    text = ("Hoe lang bewaren wij uw gegevens?\n\nEen gevonden dier blijft minstens 15 dagen bij ons, zodat de "
            "eigenaar het kan komen ophalen. Gevonden voorwerpen bewaren wij drie maanden. Spullen die na zes weken "
            "niet verkocht zijn, gaan naar een goed doel. Gegevens over uw hond bewaren wij twee jaar.")
    assert durations(periods(text)) == ["P2Y"]


@pytest.mark.parametrize(("text", "iso"), [
    ("Wij wachten maximaal 14 dagen met het verwijderen van je gegevens.", "P14D"),
    ("Wij bewaren de back-ups 30 dagen op 2 verschillende locaties.", "P30D"),
])
def test_waiting_before_deletion_and_copies_in_two_places_are_retention(periods, text, iso):
    assert durations(periods(text)) == [iso]


def test_the_lifetime_of_an_object_is_no_retention(periods):
    text = ("Hoe lang bewaren wij uw gegevens?\n\nEen rolcontainer gaat gemiddeld twaalf jaar mee. "
            "Uw adres en chipnummer bewaren wij vijf jaar.")
    assert durations(periods(text)) == ["P5Y"]


def test_a_list_of_data_labels_with_their_periods_is_retention_under_any_heading(periods):
    text = ("6. Hoe lang?\n\n- Boekhoudkundige stukken: tien jaar, zoals de wet vereist.\n"
            "- Gegevens van oud-leden: vijf jaar na het einde van het lidmaatschap.\n"
            "- Camerabeelden: 30 dagen, tenzij ze nodig zijn voor een aangifte.\n")
    assert durations(periods(text)) == ["P10Y", "P5Y", "P30D"]


def test_a_list_of_data_labels_with_letter_bullets_is_retention_too(periods):
    text = ("Artikel 7\n\na) Sollicitatiebrieven: vier weken na de afwijzing.\n"
            "b) Loonadministratie: zeven jaar.\n")
    assert durations(periods(text)) == ["P4W", "P7Y"]


@pytest.mark.parametrize("text", [
    "Onze tarieven\n\n- Abonnement: 12 maanden\n- Opzegtermijn: 1 maand\n",
    "Diensten\n\n- Camerabeelden: 30 dagen\n\nVerder doen wij niets.",
])
def test_terms_of_a_contract_or_a_lone_label_are_no_retention_list(periods, text):
    assert durations(periods(text)) == []


@pytest.mark.parametrize("text", [
    "Hoe lang bewaren wij uw gegevens?\n\nEen behandeling bestaat uit 8 sessies van 45 minuten.",
    "Hoe lang bewaren wij uw gegevens?\n\nEen ticket kunt u tot 24 uur voor de bezoekdatum omboeken.",
    "Hoe lang bewaren wij uw gegevens?\n\nDe korting geldt tot 8 weken voor het congres.",
])
def test_sessions_and_deadlines_before_a_visit_are_no_retention(periods, text):
    assert durations(periods(text)) == []


def test_photos_that_stay_on_the_website_for_a_period_are_retention(periods):
    assert durations(periods("Foto's van evenementen blijven maximaal drie jaar op onze website staan.")) == ["P3Y"]


def test_a_list_of_questions_and_complaints_with_their_periods(periods):
    text = ("Hoe lang?\n\n- Vragen en klachten: twee jaar nadat wij ze hebben afgehandeld.\n"
            "- Camerabeelden: 72 uur.\n")
    assert durations(periods(text)) == ["P2Y", "PT72H"]


@pytest.mark.parametrize("text", [
    "Hoe lang bewaren we je gegevens?\n\nAnnuleren kan tot 6 weken voor aankomst en de borg krijg je binnen 14 dagen "
    "terug. Dat zijn afspraken over je boeking, geen bewaartermijnen.",
    "Hoe lang bewaren wij uw gegevens?\n\nDe betaling binnen 10 dagen na de veiling en het ophalen van kavels binnen "
    "14 dagen gaan niet over uw persoonsgegevens.",
    "Hoe lang bewaren we?\n\nCadeaubonnen zijn 24 maanden geldig en een massage duurt 50 minuten, maar dat heeft met "
    "het bewaren van je gegevens niets te maken.",
    "9.4 De pensioenrichtleeftijd van 68 jaar en de termijn van zes maanden waarbinnen een waardeoverdracht wordt "
    "afgerond, betreffen geen bewaartermijnen.",
])
def test_periods_the_statement_itself_says_are_no_retention(periods, text):
    assert durations(periods(text)) == []


@pytest.mark.parametrize("text", [
    "Hoe lang?\n\nDe hoevekaas bewaart de klant best maximaal 10 dagen in de koelkast.",
    "Hoe lang bewaren we?\n\nEen schuldenaar krijgt een brief met een termijn van 14 dagen om te betalen, en een "
    "betalingsregeling duurt bij ons maximaal 12 maanden.",
])
def test_food_in_the_fridge_payment_terms_and_arrangements_are_no_retention(periods, text):
    assert durations(periods(text)) == []


def test_a_reminder_weeks_before_deletion_is_no_period_but_the_inactivity_is(periods):
    text = ("Hoe lang bewaren we?\n\nLog je twee jaar lang niet in, dan verwijderen we je account; vier weken voordat "
            "het zover is, sturen we je een herinnering.")
    assert durations(periods(text)) == ["P2Y"]


def test_bookings_and_reservations_label_a_list_of_periods(periods):
    text = "HOE LANG\n\n- Online boekingen: twee jaar na je bezoek.\n- Reserveringen: een jaar.\n"
    assert durations(periods(text)) == ["P2Y", "P1Y"]
