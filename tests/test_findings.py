"""Findings on realistic Dutch snippets. The stages the findings read (checklist, third parties,
categories, retention) are filled in by hand here, so each finding is tested on its own inputs."""

from __future__ import annotations

import pytest
import spacy

from analyser.data import load_data, vocabulary
from analyser.findings import find_findings
from analyser.report import ChecklistItem, DataCategory, RetentionPeriod, Span, ThirdParty


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("nl")
    for name in ("analyser_sentences", "analyser_lemmas", "analyser_sections", "analyser_document_date",
                 "analyser_legal_bases"):
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(phrase, start, start + len(phrase))


@pytest.fixture(scope="module")
def findings(nlp):
    """Findings for ``text`` with every checklist item present unless ``statuses`` says otherwise, and a
    concrete retention period unless ``periods`` says otherwise."""
    from analyser.api import _prepare, load

    def run(text: str, statuses: dict[str, str] | None = None, *, language: str = "nl", third_parties=(),
            categories=(), periods=None, evidence: dict[str, list[Span]] | None = None, checklist: bool = True):
        loaded = load(text)
        doc = nlp.make_doc(loaded.text)
        _prepare(doc, loaded)
        doc = nlp(doc)
        doc._.language = language
        statuses = statuses or {}
        evidence = evidence or {}
        doc._.checklist = [ChecklistItem(c["id"], c["article"], statuses.get(c["id"], "present"),
                                         evidence.get(c["id"], []))
                           for c in vocabulary()["checklist"]] if checklist else None
        doc._.third_parties = list(third_parties)
        doc._.data_categories = list(categories)
        doc._.retention_periods = [RetentionPeriod("7 jaar", "P7Y", False, 0, 0)] if periods is None else list(periods)
        return {f.code: f for f in find_findings(doc)}

    return run


PLAIN = "Privacyverklaring\n\nWij gaan zorgvuldig om met uw persoonsgegevens.\n"


def test_a_complete_statement_has_no_findings(findings):
    assert findings(PLAIN) == {}


def test_no_checklist_means_no_checklist_findings(findings):
    assert findings(PLAIN, checklist=False) == {}


def test_language_finding_in_dutch_and_english(findings):
    f = findings(PLAIN, language="en")["language_not_dutch"]
    assert f.severity == "high"
    assert "Engels" in f.message and "English" in f.message_en


# ------------------------------------------------------------------ transfers


GOOGLE_TEXT = ("Privacyverklaring\n\nAnalytics\n\nWij gebruiken Google Analytics om bij te houden hoe bezoekers de "
               "website gebruiken.\n")


def google(outside: bool | None = True, country: str | None = "US") -> ThirdParty:
    return ThirdParty("Google", ["Google Analytics"], country=country, outside_eea=outside,
                      mentions=[span(GOOGLE_TEXT, "Google Analytics")])


def test_party_outside_the_eea_without_a_word_on_transfers(findings):
    f = findings(GOOGLE_TEXT, {"international_transfers": "absent"}, third_parties=[google()])[
        "transfer_outside_eea_undisclosed"]
    assert f.severity == "high"
    assert "Google" in f.message and "Verenigde Staten" in f.message
    assert "United States" in f.message_en
    assert f.evidence[0].text.startswith("Wij gebruiken Google Analytics")


def test_party_outside_the_eea_with_transfers_addressed(findings):
    assert "transfer_outside_eea_undisclosed" not in findings(GOOGLE_TEXT, third_parties=[google()])


def test_party_inside_the_eea_needs_no_transfer_statement(findings):
    mollie = ThirdParty("Mollie", country="NL", outside_eea=False, mentions=[span(GOOGLE_TEXT, "Google")])
    assert findings(GOOGLE_TEXT, {"international_transfers": "absent"}, third_parties=[mollie]) == {}


def test_country_alone_decides_when_the_flag_is_unknown(findings):
    found = findings(GOOGLE_TEXT, {"international_transfers": "absent"}, third_parties=[google(None, "US")])
    assert "transfer_outside_eea_undisclosed" in found


# ------------------------------------------------------------------ Privacy Shield, Wbp, CBP


def test_privacy_shield_without_replacement(findings):
    text = ("Privacyverklaring\n\nMicrosoft is aangesloten bij het Europees-Amerikaans Privacy Shield register en "
            "stelt zich hieraan te houden.\n")
    f = findings(text)["privacy_shield_invalid"]
    assert f.severity == "high" and "16 juli 2020" in f.message
    assert f.evidence[0].text.startswith("Microsoft is aangesloten")


def test_privacy_shield_next_to_standard_contractual_clauses_is_only_outdated(findings):
    text = ("Privacyverklaring\n\nGoogle is gecertificeerd onder het EU-US Privacy Shield. Daarnaast hebben wij "
            "met Google standaardcontractbepalingen gesloten.\n")
    found = findings(text)
    assert "privacy_shield_invalid" not in found
    assert found["privacy_shield_outdated_reference"].severity == "low"


def test_privacy_shield_named_as_invalid_is_no_finding(findings):
    text = ("Privacyverklaring\n\nHet Privacy Shield is in 2020 ongeldig verklaard; wij baseren doorgifte nu op "
            "het EU-VS Data Privacy Framework.\n")
    assert findings(text) == {}


def test_reference_to_the_wbp(findings):
    text = "Privacyverklaring\n\nStichting HackNature verwerkt de Persoonsgegevens conform de Wet bescherming " \
           "persoonsgegevens.\n"
    f = findings(text)["outdated_law_reference"]
    assert "Wet bescherming persoonsgegevens (Wbp)" in f.message and "25 mei 2018" in f.message


@pytest.mark.parametrize("sentence", [
    "Sinds 25 mei 2018 is de Wet bescherming persoonsgegevens vervangen door de AVG.",
    "Voor Caribisch Nederland geldt de Wet bescherming persoonsgegevens BES.",
])
def test_wbp_named_as_replaced_or_the_bes_law_is_no_finding(findings, sentence):
    assert "outdated_law_reference" not in findings(f"Privacyverklaring\n\n{sentence}\n")


def test_reference_to_the_college_bescherming_persoonsgegevens(findings):
    text = "Privacyverklaring\n\nU kunt een klacht indienen bij het College bescherming persoonsgegevens.\n"
    f = findings(text)["outdated_authority_reference"]
    assert "Autoriteit Persoonsgegevens" in f.message and "1 januari 2016" in f.message


# ------------------------------------------------------------------ legal bases


CONSENT_TEXT = ("Privacyverklaring\n\nNieuwsbrief\n\nJe e-mailadres wordt alleen met je toestemming toegevoegd aan "
                "de lijst van abonnees.\n")


def test_consent_without_a_way_to_withdraw_it(findings):
    f = findings(CONSENT_TEXT, {"withdraw_consent": "absent"})["consent_without_withdrawal"]
    assert f.severity == "high"
    assert f.evidence[0].text.startswith("Je e-mailadres wordt alleen met je toestemming")


def test_consent_with_withdrawal_is_fine(findings):
    assert "consent_without_withdrawal" not in findings(CONSENT_TEXT)


def test_withdrawal_missing_but_no_consent_invoked(findings):
    assert "consent_without_withdrawal" not in findings(PLAIN, {"withdraw_consent": "absent"})


LI_TEXT = "Privacyverklaring\n\nWij verwerken uw gegevens op basis van ons gerechtvaardigd belang.\n"


@pytest.mark.parametrize("status", ["absent", "partial"])
def test_legitimate_interest_invoked_but_not_described(findings, status):
    f = findings(LI_TEXT, {"legitimate_interests": status})["legitimate_interest_not_described"]
    assert f.severity == "medium" and f.evidence


def test_legitimate_interest_described(findings):
    assert "legitimate_interest_not_described" not in findings(LI_TEXT)


# ------------------------------------------------------------------ special categories and the BSN


def health(text: str, phrase: str) -> DataCategory:
    return DataCategory("health", True, [span(text, phrase)])


def test_health_data_without_an_exception(findings):
    text = ("Privacyverklaring\n\nKampen\n\nVoor een kamp vragen wij naar allergieën en medicijngebruik van je "
            "kind.\n")
    f = findings(text, categories=[health(text, "allergieën")])["special_category_without_exception"]
    assert f.severity == "high" and "gezondheid" in f.message
    assert f.evidence[0].text.startswith("Voor een kamp vragen wij naar allergieën")


def test_health_data_with_explicit_consent_nearby(findings):
    text = ("Privacyverklaring\n\nKampen\n\nVoor een kamp vragen wij, met uw uitdrukkelijke toestemming, naar "
            "allergieën en medicijngebruik.\n")
    assert "special_category_without_exception" not in findings(text, categories=[health(text, "allergieën")])


def test_a_general_statement_on_special_data_covers_later_mentions(findings):
    text = ("Privacyverklaring\n\nBijzondere persoonsgegevens\n\nBijzondere persoonsgegevens verwerken wij alleen "
            "met uw uitdrukkelijke toestemming.\n\nActiviteiten\n\n" + "Wij organiseren veel activiteiten. " * 20
            + "Bij sportactiviteiten vragen wij naar blessures.\n")
    assert "special_category_without_exception" not in findings(text, categories=[health(text, "blessures")])


def test_bsn_without_a_law(findings):
    text = "Privacyverklaring\n\nBij de inschrijving vragen wij uw naam en uw burgerservicenummer.\n"
    bsn = DataCategory("national_id", False, [span(text, "burgerservicenummer")])
    f = findings(text, categories=[bsn])["national_id_without_legal_basis"]
    assert "Uitvoeringswet AVG" in f.message


def test_bsn_with_a_legal_duty(findings):
    text = ("Privacyverklaring\n\nWij zijn wettelijk verplicht uw burgerservicenummer door te geven aan de "
            "Belastingdienst.\n")
    bsn = DataCategory("national_id", False, [span(text, "burgerservicenummer")])
    assert "national_id_without_legal_basis" not in findings(text, categories=[bsn])


# ------------------------------------------------------------------ retention


RET_TEXT = ("Privacyverklaring\n\nBewaren\n\nWij bewaren uw gegevens niet langer dan noodzakelijk. Facturen bewaren "
            "wij zeven jaar. Geaggregeerde gegevens bewaren wij onbeperkt.\n")


def period(phrase: str, duration: str | None = None, indefinite: bool = False) -> RetentionPeriod:
    s = span(RET_TEXT, phrase)
    return RetentionPeriod(s.text, duration, indefinite, s.start, s.end)


def test_retention_only_a_criterion(findings):
    f = findings(RET_TEXT, periods=[period("niet langer dan noodzakelijk")])["retention_no_period"]
    assert f.evidence[0].text == "Wij bewaren uw gegevens niet langer dan noodzakelijk."


def test_retention_item_addressed_without_any_period(findings):
    assert "retention_no_period" in findings(RET_TEXT, periods=[])


def test_retention_with_a_period(findings):
    found = findings(RET_TEXT, periods=[period("niet langer dan noodzakelijk"), period("zeven jaar", "P7Y")])
    assert not {"retention_no_period", "retention_indefinite"} & set(found)


def test_retention_indefinite(findings):
    found = findings(RET_TEXT, periods=[period("zeven jaar", "P7Y"), period("onbeperkt", indefinite=True)])
    assert found["retention_indefinite"].evidence[0].text.startswith("Geaggregeerde gegevens")


def test_retention_absent_is_left_to_the_checklist(findings):
    assert "retention_no_period" not in findings(RET_TEXT, {"retention": "absent"}, periods=[])


# ------------------------------------------------------------------ rights, complaint


def test_incomplete_list_of_rights(findings):
    sentence = "Je hebt het recht om je persoonsgegevens in te zien, te corrigeren of te verwijderen."
    text = f"Privacyverklaring\n\n{sentence}\n"
    rights_span = span(text, sentence)
    found = findings(text, {"right_restriction": "absent", "right_objection": "absent", "right_portability": "absent"},
                     evidence={"right_access": [rights_span], "right_rectification": [rights_span]})
    f = found["rights_incomplete"]
    assert "recht op beperking van de verwerking" in f.message and "recht van bezwaar" in f.message
    assert "recht op inzage" not in f.message
    assert "right to object" in f.message_en
    assert f.evidence == [rights_span]  # the same sentence once


def test_no_rights_at_all(findings):
    statuses = {r: "absent" for r in ("right_access", "right_rectification", "right_erasure", "right_restriction",
                                      "right_objection", "right_portability")}
    found = findings(PLAIN, statuses)
    assert found["rights_missing"].severity == "high" and "rights_incomplete" not in found


def test_no_complaint_right(findings):
    assert "no_complaint_right" in findings(PLAIN, {"complaint_authority": "absent"})


# ------------------------------------------------------------------ children


def test_minors_data_without_parental_consent(findings):
    text = ("Privacyverklaring\n\nZwemles\n\nWij verwerken gegevens van kinderen jonger dan 16 jaar die deelnemen aan "
            "onze zwemlessen.\n")
    f = findings(text)["children_without_parental_consent"]
    assert f.evidence[0].text.startswith("Wij verwerken gegevens van kinderen")


def test_minors_data_with_parental_consent(findings):
    text = ("Privacyverklaring\n\nWij verwerken enkel en alleen persoonsgegevens van minderjarigen (personen jonger "
            "dan 16 jaar) indien daarvoor schriftelijke toestemming is gegeven door de ouder, verzorger of "
            "wettelijke vertegenwoordiger.\n")
    assert "children_without_parental_consent" not in findings(text)


def test_a_statement_that_does_not_target_children(findings):
    text = ("Privacyverklaring\n\nOnze website heeft niet de intentie gegevens te verzamelen over websitebezoekers "
            "die jonger zijn dan 16 jaar.\n")
    assert "children_without_parental_consent" not in findings(text)


# ------------------------------------------------------------------ version date


def test_statement_dated_before_the_gdpr(findings):
    text = "Privacyverklaring\n\nLaatst bijgewerkt: 23-5-2018\n\nWij gaan zorgvuldig om met uw gegevens.\n"
    f = findings(text)["statement_predates_gdpr"]
    assert "23 mei 2018" in f.message and "23 May 2018" in f.message_en
    assert f.evidence[0].text == "Laatst bijgewerkt: 23-5-2018"


@pytest.mark.parametrize("line", ["Laatst bijgewerkt: 25-5-2018", "Laatst bijgewerkt: mei 2018",
                                  "Versie: 1 maart 2024"])
def test_statement_dated_on_or_after_the_gdpr(findings, line):
    assert "statement_predates_gdpr" not in findings(f"Privacyverklaring\n\n{line}\n\nTekst.\n")


# ------------------------------------------------------------------ the whole list


def test_findings_sorted_by_severity_with_codes_from_the_data_file(findings):
    text = ("Privacyverklaring\n\nLaatst bijgewerkt: 1-3-2017\n\nWij verwerken persoonsgegevens conform de Wet "
            "bescherming persoonsgegevens. Je e-mailadres wordt alleen met je toestemming gebruikt.\n")
    found = list(findings(text, {"withdraw_consent": "absent", "complaint_authority": "absent"}).values())
    order = {"high": 0, "medium": 1, "low": 2}
    assert [order[f.severity] for f in found] == sorted(order[f.severity] for f in found)
    templates = load_data("findings")["findings"]
    for f in found:
        assert templates[f.code]["severity"] == f.severity
        assert f.message and f.message_en and f.message != f.message_en
    assert {"consent_without_withdrawal", "outdated_law_reference", "no_complaint_right",
            "statement_predates_gdpr"} <= {f.code for f in found}


def test_corpus_findings_are_well_formed(corpus_reports):
    templates = load_data("findings")["findings"]
    codes = {}
    for doc_id, report in corpus_reports.items():
        for f in report.findings:
            assert f.code in templates and f.severity == templates[f.code]["severity"]
            assert "{" not in f.message and "{" not in (f.message_en or "")
            for e in f.evidence:
                assert report.text[e.start:e.end] == e.text
            codes.setdefault(f.code, set()).add(doc_id)
    assert "seed-003" in codes.get("privacy_shield_invalid", set())
    assert "nl-016" in codes.get("outdated_law_reference", set())
    assert "nl-016" in codes.get("outdated_authority_reference", set())
    assert {"seed-001", "seed-003", "seed-004"} <= codes.get("statement_predates_gdpr", set())


def test_cue_sieve_reads_the_words_every_match_of_a_pattern_holds():
    from analyser.findings import _required_words
    from analyser.sieves import split_alternatives as _branches

    assert _branches(r"a(?:b|c)|d[|]e|f\|g") == ["a(?:b|c)", "d[|]e", r"f\|g"]
    assert _required_words(r"wet\s+bescherming\s+persoonsgegevens") == ["wet", "bescherming", "persoonsgegevens"]
    assert _required_words(r"ouders?\b[^.;]{0,80}\btoestemming") == ["ouder", "toestemming"]
    assert _required_words(r"kind(?:eren)?\b") == ["kind"]
    assert _required_words(r"scc'?s?\b") == ["scc"]
    assert _required_words(r"[a-z]+\s+(?:de\s+)?") == []


def test_cue_bits_say_which_sieve_words_a_docs_forms_hold_in_every_table(analyse_text):
    from analyser.findings import _FormCues
    from analyser.tokens import tokens

    words = [f"w{k:03d}" for k in range(70)] + ["bescherming", "kind"]
    cues = _FormCues(words)
    doc = analyse_text("De Wet bescherming persoonsgegevens geldt niet voor kinderen.", use_model=False)
    bits = cues.of(tokens(doc).lower_ids)
    assert bits == (1 << 70) | (1 << 71)  # both words sit in the second table of 64
    assert cues.of(tokens(doc).lower_ids[:0]) == 0
