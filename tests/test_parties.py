"""The third-parties stage on real Dutch privacy-statement sentences, its knowledge base, and its corpus accuracy."""

from __future__ import annotations

import copy
import json
from importlib import resources

import jsonschema
import pytest

from analyser.data import load_data
from analyser.evaluate import Evaluation, score_document

# The corpus F1 reached when this stage was written (1.000 on 25 statements, 34 organisations);
# one new mistake stays above the floor, two do not.
CORPUS_F1_FLOOR = 0.98
# The development set (corpus/dev: 12 statements of other genres, 71 organisations) checks that the rules generalise;
# it reached 1.000 after the knowledge base and cues were broadened in general (not phrase by phrase).
DEV_F1_FLOOR = 0.95


@pytest.fixture(scope="module")
def parties(analyse_text):
    """The ThirdParty records found in a snippet, by organisation name (rules only: this stage uses no model)."""

    def run(text: str) -> dict:
        return {t.organisation: t for t in analyse_text(text, use_model=False)._.third_parties}

    return run


@pytest.fixture(scope="module")
def names(parties):
    def run(text: str) -> set[str]:
        return set(parties(text))

    return run


# ------------------------------------------------------------------ products map to their organisation


def test_products_map_to_their_organisation(parties):
    found = parties("Via onze website wordt een cookie geplaatst van het Amerikaanse bedrijf Google, als deel van de "
                    "YouTube-dienst. Wij gebruiken ook Google Analytics en de Google Tag Manager.")
    assert set(found) == {"Google"}
    assert {"YouTube", "Google Analytics", "Google Tag Manager"} <= set(found["Google"].services)
    assert found["Google"].country == "US" and found["Google"].outside_eea is True


def test_office_365_sharepoint_and_teams_are_microsoft(names):
    text = ("Wij maken gebruik van de spamfilter van Microsoft voor de Office 365 mailboxen. Voor de archivering van "
            "documenten maken we gebruik van Sharepoint. Overleg met klanten voeren wij via Teams.")
    assert names(text) == {"Microsoft"}


def test_whatsapp_facebook_and_instagram_are_meta_linkedin_stays_linkedin(parties):
    found = parties("Onder andere WhatsApp, Facebook en LinkedIn zijn communicatiekanalen waar gebruik van wordt "
                    "gemaakt. Foto's plaatsen wij ook op onze Instagram-pagina.")
    assert set(found) == {"Meta", "LinkedIn"}
    assert {"WhatsApp", "Facebook", "Instagram"} <= set(found["Meta"].services)


def test_aws_behind_a_processor_is_amazon(names):
    assert names("Supabase (AWS) | Database, Authenticatie, Storage | EER/EU-projectregio") == {"Supabase", "Amazon"}


def test_hyphenated_and_glued_compounds(names):
    assert names("Wat Invicto Belgium betreft zijn dit back ups via google-Cloud.") == {"Google"}
    assert names("Alle servers en data bevinden zich in SURFdatacentra in Nederland.") == {"SURF"}
    assert names("Wij plaatsen foto's op onze Facebookpagina.") == {"Meta"}


# ------------------------------------------------------------------ spelling variants and ordinary words


@pytest.mark.parametrize("text", [
    "Wij versturen onze nieuwsbrief met MailChimp.",
    "Wij versturen onze nieuwsbrief met Mail Chimp.",
    "Wij versturen onze nieuwsbrief met Mailchim.",
])
def test_spelling_variants_of_mailchimp(names, text):
    assert names(text) == {"Mailchimp"}


def test_misspelled_google_is_still_google(names):
    assert names("Wij gebruiken Googel Analytics om het bezoek aan onze website te meten.") == {"Google"}


@pytest.mark.parametrize("text", [
    "Onze teams staan elke dag voor u klaar.",
    "Wij geven u binnen een week een exact antwoord op uw vraag.",
    "Zoom in op de kaart om de vestiging bij u in de buurt te vinden.",
    "In de Randstad hebben wij drie vestigingen.",
    "De intercom bij de voordeur maakt geen opnamen.",
    "Stel dat persoon X een verzoek indient, dan reageren wij binnen een maand.",
    "Een stripe op de muur en een square meter in het Engels.",
    "Instructeurs en docenten hebben inzage in de vorderingen.",
])
def test_ordinary_words_are_not_organisations(names, text):
    assert names(text) == set()


def test_context_words_count_when_the_sentence_speaks_of_the_service(names):
    assert names("Wij vergaderen online via Teams en Zoom.") == {"Microsoft", "Zoom"}
    assert names("Wij voeren onze administratie in het boekhoudpakket van Exact.") == {"Exact"}
    assert names("Volg ons op Facebook, Instagram, LinkedIn en X.") == {"Meta", "LinkedIn", "X"}


# ------------------------------------------------------------------ organisations outside the knowledge base


def test_unknown_company_from_nationality_and_legal_form(parties):
    found = parties("Wij werken samen met het Amerikaanse bedrijf Acme Analytics Inc. voor het analyseren van "
                    "bezoekersgedrag.")
    assert set(found) == {"Acme Analytics"}
    acme = found["Acme Analytics"]
    assert acme.in_knowledge_base is False and acme.country == "US" and acme.outside_eea is True


def test_unknown_company_after_a_role_has_no_country_unless_stated(parties):
    found = parties("De applicatie wordt ontwikkeld en beheerd door onze leverancier Brightbyte Solutions. "
                    "Met deze leverancier is een verwerkersovereenkomst gesloten.")
    assert set(found) == {"Brightbyte Solutions"}
    assert found["Brightbyte Solutions"].country is None and found["Brightbyte Solutions"].outside_eea is None


def test_website_builder_named_between_dashes(names):
    text = ("Wanneer bezoekers opwegdenhaag.nl raadplegen dan wordt enkel de bezoeker, Stichting Ozanam 's-Gravenhage "
            "en de bouwer en beheerder van de website -- Opinionated -- betrokken.")
    assert names(text) == {"Opinionated"}


def test_co_controllers_with_vzw_and_their_acronyms_are_one_organisation_each(names):
    text = ("Uw persoonsgegevens worden verwerkt door Invicto Belgium VZW, Broekelei 9, 3140 Keerbergen.\n\n"
            "De co-verwerkingsverantwoordelijke voor de verwerking van Uw persoonsgegevens is:\n\n"
            "Vlaamse Ju Jitsu Federatie VZW\nDrakenhoflaan 160\n2100 Deurne\n\n"
            "De co-verwerkingsverantwoordelijke voor de verwerking van Uw persoonsgegevens is ook:\n\n"
            "Grappling Vlaanderen\nPutse 3A\nB-9571 Lierde\n\n"
            "In het kader van onze activiteiten en deze van de VJJF VZW verwerken wij de volgende gegevens.")
    assert names(text) == {"Vlaamse Ju Jitsu Federatie", "Grappling Vlaanderen"}


def test_unknown_names_in_a_list_of_processors(names):
    text = ("Wij werken met de volgende verwerkers:\n- Brightbyte Solutions (hosting)\n- Mollie (betalingen)\n"
            "- Naam en adres van de klant\n")
    assert names(text) == {"Brightbyte Solutions", "Mollie"}


def test_label_before_a_colon_is_not_the_name(names):
    text = ("Wij werken met de volgende partijen:\n- Hostingprovider: Foo Hosting\n- Betaalprovider: Mollie\n")
    assert names(text) == {"Foo Hosting", "Mollie"}


def test_foundation_named_as_recipient(names):
    assert names("Wij delen uw gegevens met Stichting Vrienden van het Museum, die de ledenwerving verzorgt.") \
        == {"Stichting Vrienden van het Museum"}


# ------------------------------------------------------------------ what is not a third party


def test_organisation_the_statement_does_not_use_is_not_a_third_party(names):
    assert names("Wij maken geen gebruik van Google Analytics. Wij gebruiken geen Facebook pixel.") == set()


def test_parent_company_named_to_describe_a_processor_is_not_listed(names):
    text = "Voor onze nieuwsbrief gebruiken wij Mailchimp, een dienst van het Amerikaanse bedrijf Intuit."
    assert names(text) == {"Mailchimp"}


def test_controller_from_the_avg_template_is_not_a_third_party(names):
    text = ("Privacyverklaring Bakkerij Jansen\n\nBakkerij Jansen B.V., gevestigd aan Dorpsstraat 12, 1234 AB Ergens, "
            "is verantwoordelijk voor de verwerking van persoonsgegevens zoals weergegeven in deze "
            "privacyverklaring.\n\n"
            "Jan de Vries is de Functionaris Gegevensbescherming van Bakkerij Jansen B.V. Hij is te bereiken via "
            "privacy@bakkerijjansen.nl\n\nBetalingen in onze webshop worden verwerkt via Mollie.")
    assert names(text) == {"Mollie"}


def test_controller_in_a_contact_block_is_not_a_third_party(names):
    text = ("Handelsnaam: Klusbedrijf Hendriks B.V.\nAdres: Dorpsstraat 1, 1234 AB Ergens\n\n"
            "Wij gebruiken Mollie voor betalingen. Vragen? Neem contact op met Klusbedrijf Hendriks B.V., "
            "Dorpsstraat 1, 1234 AB Ergens.")
    assert names(text) == {"Mollie"}


def test_controller_in_the_knowledge_base_is_not_its_own_third_party(names):
    text = ("Privacyverklaring Mollie\n\nMollie B.V. is verantwoordelijk voor de verwerking van persoonsgegevens. "
            "Voor de klantenservice gebruiken wij Zendesk.")
    assert names(text) == {"Zendesk"}


def test_controller_named_as_verwerkingsverantwoordelijke_is_not_a_third_party(names):
    text = ("VNG Realisatie BV verwerkt persoonsgegevens op een zorgvuldige en veilige manier.\n\n"
            "VNG Realisatie BV is de verwerkingsverantwoordelijke van de volgende verwerkingen.")
    assert names(text) == set()


def test_supervisory_authority_as_complaint_address_is_not_a_third_party(names):
    assert names("Dan heeft u het recht om een klacht in te dienen bij de toezichthouder, de Autoriteit "
                 "Persoonsgegevens.") == set()
    assert names("Recht om klacht in te dienen bij de Gegevensbeschermingsautoriteit – Drukpersstraat 35 – "
                 "1000 Brussel") == set()


def test_browsers_in_cookie_instructions_are_not_third_parties(names):
    text = ("U kunt cookies uitschakelen in de instellingen van uw browser, bijvoorbeeld in Google Chrome, "
            "Mozilla Firefox, Safari, Microsoft Edge of Internet Explorer.")
    assert names(text) == set()


def test_organisations_only_in_e_mail_addresses_are_not_third_parties(names):
    assert names("Vragen kunt u sturen naar secretaris.vereniging@gmail.com of info@outlook.com.") == set()


def test_unnamed_categories_are_not_third_parties(names):
    text = ("Als er na meerdere herinneringen geen betaling is verricht, delen wij persoonsgegevens met het "
            "incassobureau waar we mee samenwerken. Betaalgegevens worden verstrekt door onze payment provider.")
    assert names(text) == set()


def test_government_body_counts_only_as_a_named_recipient(names):
    assert names("Wij verstrekken uw gegevens aan de Belastingdienst als wij daartoe wettelijk verplicht zijn.") \
        == {"Belastingdienst"}
    assert names("De gegevens worden zeven jaar bewaard om te voldoen aan de eisen van de belastingdienst.") == set()


def test_municipality_that_receives_the_member_list(parties):
    text = ("Jaarlijks vraagt de penningmeester subsidie aan bij de gemeente ’s-Hertogenbosch. Als bewijs hiervoor "
            "eist de gemeente ’s-Hertogenbosch een actuele ledenlijst. Met de gemeente wordt voor de verstrekking "
            "van de gegevens een verwerkersovereenkomst afgesloten.")
    found = parties(text)
    assert set(found) == {"Gemeente 's-Hertogenbosch"}
    assert found["Gemeente 's-Hertogenbosch"].in_knowledge_base is False


# ------------------------------------------------------------------ records and spans


def test_mentions_and_spans_point_into_the_text(analyse_text):
    text = "Wij gebruiken Hotjar en Google Analytics. Betalingen verwerken wij via Mollie B.V. in Amsterdam."
    doc = analyse_text(text, use_model=False)
    parties = {t.organisation: t for t in doc._.third_parties}
    assert list(parties) == ["Hotjar", "Google", "Mollie"]  # in order of first mention
    for party in parties.values():
        for m in party.mentions:
            assert text[m.start:m.end] == m.text
    assert parties["Mollie"].outside_eea is False and parties["Hotjar"].country == "MT"
    assert sorted(span.label_ for span in doc.spans["third_parties"]) == ["Google", "Hotjar", "Mollie"]


# ------------------------------------------------------------------ the knowledge base


def _schema() -> dict:
    path = resources.files("analyser.data").joinpath("schemas", "third_parties.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_knowledge_base_follows_its_schema_and_is_broad():
    data = load_data("third_parties")  # validated against the schema on load
    orgs = data["organisations"]
    assert len(orgs) >= 200
    codes = {c["code"] for c in load_data("countries")["countries"]}
    assert len(codes) == 249
    assert all(o["country"] in codes for o in orgs)
    assert all(o["kind"] in data["kinds"] for o in orgs)
    assert len({o["name"] for o in orgs}) == len(orgs)


def test_no_alias_names_two_organisations():
    owner: dict[str, str] = {}
    for org in load_data("third_parties")["organisations"]:
        items = list(org["aliases"]) + [a for s in org.get("services", []) for a in s["aliases"]]
        for item in items:
            text = (item if isinstance(item, str) else item["text"]).lower()
            assert owner.setdefault(text, org["name"]) == org["name"], text


def test_schema_rejects_a_bad_country_code():
    data = copy.deepcopy(load_data("third_parties"))
    data["organisations"][0]["country"] = "usa"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _schema())


def test_eea_is_eu27_plus_iceland_liechtenstein_norway():
    eea = {c["code"] for c in load_data("countries")["countries"] if c["eea"]}
    assert len(eea) == 30 and {"NL", "BE", "IE", "IS", "LI", "NO"} <= eea and not {"GB", "CH", "US"} & eea


# ------------------------------------------------------------------ corpus accuracy


def test_corpus_third_parties_f1_floor(corpus_reports, gold):
    evaluation = Evaluation()
    for doc_id, report in corpus_reports.items():
        if doc_id in gold:
            score_document(report, gold[doc_id], evaluation)
    counts = evaluation.fields["third_parties"]
    errors = [(d.id, d.errors["third_parties"]) for d in evaluation.documents if "third_parties" in d.errors]
    assert counts.f1 >= CORPUS_F1_FLOOR, (counts.as_dict(), errors)


# ------------------------------------------------------------------ sectors beyond the corpus (knowledge base)


@pytest.mark.parametrize(("text", "expected"), [
    ("Declaraties bij uw zorgverzekeraar verlopen via VECOZO; verwijzingen naar het ziekenhuis via ZorgDomein.",
     {"Vecozo", "ZorgDomein"}),
    ("Met uw toestemming is een samenvatting van uw dossier via het Landelijk Schakelpunt (LSP) beschikbaar voor "
     "de huisartsenpost.", {"Landelijk Schakelpunt"}),
    ("Ons huisartsinformatiesysteem is Medicom van PharmaPartners.", {"PharmaPartners"}),
    ("Een deel van het risico dragen herverzekeraars, zoals Swiss Re en Munich Re.", {"Swiss Re", "Munich Re"}),
    ("Wij gebruiken ParnasSys voor de leerlingadministratie en Parro voor de communicatie met ouders.", {"Topicus"}),
    ("Boekt u via Booking.com of Airbnb, dan ontvangen wij uw naam en uw aankomstdatum.", {"Booking.com", "Airbnb"}),
    ("Tafelreserveringen lopen via Zenchef; uw kamerreservering staat in het hotelsysteem van Mews.",
     {"Zenchef", "Mews"}),
    ("Sollicitaties ontvangen wij via Indeed en Werkzoeken.nl en verwerken wij in Recruitee.",
     {"Indeed", "Werkzoeken.nl", "Recruitee"}),
    ("Voor je pensioenopbouw geven wij je gegevens door aan StiPP.", {"StiPP"}),
    ("Wordt de contributie betaald door het Jeugdfonds Sport & Cultuur, dan ontvangen wij van het Jeugdfonds de "
     "naam van je kind.", {"Jeugdfonds Sport & Cultuur"}),
    ("De foto's van je shoot ontvang je in een online galerie van Pic-Time.", {"Pic-Time"}),
    ("Bij een ongeval geven wij de gegevens van het kind door aan onze verzekeraar Ethias.", {"Ethias"}),
    ("De software voor burgerzaken wordt geleverd door Centric.", {"Centric"}),
    ("Via Carenzorgt kunnen uw naasten het zorgplan inzien.", {"Nedap"}),
    ("Bestellingen worden verzonden vanuit het magazijn van Montapacking.", {"Montapacking"}),
    ("De ouderbijdrage betaalt u via WIS Collect.", {"WIS Collect"}),
    ("Sollicitaties verwerken wij in Teamtailor.", {"Teamtailor"}),
    ("Pushberichten in de app versturen wij via OneSignal.", {"OneSignal"}),
    ("Voor de aansluiting geven wij je adres en meterstanden door aan je netbeheerder (Stedin, Liander of Enexis).",
     {"Stedin", "Liander", "Enexis"}),
    ("Een ongebruikelijke transactie melden wij, zoals de Wwft voorschrijft, bij FIU-Nederland.", {"FIU-Nederland"}),
    ("Om je praktijkexamen aan te vragen, geven wij je naam en geboortedatum door aan het CBR.", {"CBR"}),
])
def test_organisations_of_other_sectors_are_known(names, text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Uw CODA-bankafschriften komen via Codabox rechtstreeks bij uw accountant terecht; facturen ontvangt u ook "
     "via Zoomit van Isabel Group.", {"Codabox", "Isabel Group"}),
    ("Bij een betalingsachterstand dragen wij de vordering over aan Vesting Finance of aan GGN.",
     {"Vesting Finance", "GGN"}),
    ("Bloedonderzoek laten wij uitvoeren door Atal Medial; uw beoordeling kunt u plaatsen op ZorgkaartNederland.",
     {"Atal Medial", "Patiëntenfederatie Nederland"}),
    ("Wij geven uw gegevens door aan uw ziekenfonds (HZIV) en, bij een arbeidsongeval, aan Fedris.",
     {"HZIV", "Fedris"}),
    ("De leerlingen oefenen thuis met Diddit van die Keure en met Scoodle van Plantyn.", {"die Keure", "Plantyn"}),
    ("Voor de communicatie met ouders gebruikt onze school Gimme.", {"Gimme"}),
    ("Sollicitaties verwerken wij in Jobtoolz; onze tijdsregistratie loopt via Protime.", {"Jobtoolz", "Protime"}),
    ("Uw maaltijdcheques worden geleverd door Pluxee, Edenred of Monizze.", {"Pluxee", "Edenred", "Monizze"}),
    ("Pakketten in Amsterdam worden bezorgd door Cycloon; grote zendingen door Dynalogic.",
     {"Cycloon", "Dynalogic"}),
    ("Onze website en database draaien bij Openminds in Gent.", {"Openminds"}),
    ("Tickets verkopen wij via Active Tickets; tafelreserveringen lopen via Tablebooker.",
     {"Active Tickets", "Tablebooker"}),
    ("De zaak is verzekerd bij Athora; uw pensioen bouwt u op bij Zwitserleven.", {"Athora Netherlands"}),
    ("Wij verstrekken uw gegevens aan de Vlaamse Belastingdienst en aan de Federale Pensioendienst.",
     {"Vlaamse Belastingdienst", "Federale Pensioendienst"}),
    ("Wij zijn wettelijk verplicht gegevens te verstrekken aan het LBIO en aan de FIOD.", {"LBIO", "FIOD"}),
    ("Onze klantenservice werkt met TOPdesk; telefoongesprekken lopen via Xelion.", {"TOPdesk", "Xelion"}),
])
def test_organisations_named_in_more_sectors_are_known(names, text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Tijdens de excursie leerden de leerlingen hoe een cycloon ontstaat.",
    "De nucleus van ons team bestaat uit vrijwilligers die de website bijhouden.",
    "Touring door Europa met de fiets is in de zomer populair bij onze leden.",
])
def test_ordinary_words_that_are_also_organisation_names_do_not_fire(names, text):
    assert names(text) == set()


def test_social_insurance_bank_is_reported_by_its_full_name(names):
    text = "Wij verstrekken gegevens uit de BRP aan de Sociale Verzekeringsbank (SVB) en aan het UWV."
    assert names(text) == {"Sociale Verzekeringsbank", "UWV"}


def test_government_bodies_in_a_list_under_a_recipients_heading(names):
    text = ("6. Met wie delen wij je gegevens?\n\n"
            "- Opdrachtgevers: als wij je voorstellen voor een functie.\n"
            "- De Belastingdienst en het UWV: voor de loonaangifte en bij ziekte of werkloosheid.\n")
    assert names(text) == {"Belastingdienst", "UWV"}


def test_a_negated_disclosure_to_a_government_body_is_none(names):
    assert names("Wij geven uw giften niet door aan de Belastingdienst; u voert uw giften zelf op in uw "
                 "aangifte.") == set()
    assert names("Wij verstrekken uw gegevens niet aan derden, tenzij wij daartoe wettelijk verplicht zijn, "
                 "bijvoorbeeld aan de Belastingdienst.") == {"Belastingdienst"}


def test_a_negation_earlier_in_the_clause_rules_out_any_named_company(names):
    assert names("We verkopen je gegevens niet, ook niet aan datahandelaren, en we werken niet samen met "
                 "advertentienetwerken als Criteo.") == set()
    assert names("We verkopen je gegevens niet, en we geven niets door aan Facebook of andere "
                 "advertentieplatforms.") == set()
    assert names("Achteraf betalen via Klarna of een andere achteraf-betaalpartij bieden wij niet aan.") == set()


def test_a_negation_lifted_by_maar_or_wel_leaves_the_company_a_recipient(names):
    assert names("Wij verkopen je gegevens niet maar delen ze met Mailchimp voor onze nieuwsbrief.") == {"Mailchimp"}
    assert names("Wij maken geen profielen van je en sturen wel een nieuwsbrief via Mailchimp.") == {"Mailchimp"}
    assert names("We delen je gegevens niet met derden, behalve met Mailchimp voor de nieuwsbrief.") == {"Mailchimp"}


def test_a_register_is_not_an_organisation(names):
    assert names("Wij verstrekken gegevens uit de Basisregistratie Personen (BRP) aan andere overheden.") == set()


def test_payment_methods_are_not_organisations_the_payment_provider_is(names):
    text = ("Wij delen uw gegevens alleen met partijen die ons helpen bij ons werk:\n\n"
            "- Mollie, voor online giften via iDEAL of creditcard;\n- Triodos Bank, voor de automatische incasso;\n")
    assert names(text) == {"Mollie", "Triodos Bank"}
    text = "Je betaalt via iDEAL, creditcard of Apple Pay. De betalingen worden verwerkt door Mollie."
    assert names(text) == {"Mollie"}
    assert names("Betalen in de winkel kan met Payconiq by Bancontact of cash. De nieuwsbrief versturen we met "
                 "Flexmail.") == {"Flexmail"}


def test_teams_at_the_start_of_a_sentence_is_the_word_teams(names):
    assert names("Teams gebruiken WhatsApp-groepen om afspraken te maken.") == {"Meta"}
    assert names("Teams gebruiken wij voor online vergaderingen met ouders.") == {"Microsoft"}


def test_the_privacy_statement_of_a_platform_is_not_the_controllers(names):
    text = ("Privacyverklaring Hotel De Zeemeeuw\n\nReserveert u via Booking.com of Expedia, dan ontvangen wij uw "
            "gegevens van dat platform. Voor de verwerking door het platform zelf verwijzen wij naar de "
            "privacyverklaring van Booking.com of Expedia.")
    assert names(text) == {"Booking.com", "Expedia"}


def test_the_title_word_is_not_part_of_the_controllers_name(names):
    text = ("Privacyverklaring Speelpleinwerking De Linde vzw\n\nSpeelpleinwerking De Linde vzw organiseert "
            "speelpleinwerking voor kinderen. Bij een ongeval geven wij gegevens door aan onze verzekeraar Ethias.")
    assert names(text) == {"Ethias"}


def test_a_municipality_in_the_title_is_the_controller(names):
    text = ("Privacyverklaring gemeente Dommelvoort\n\nDe gemeente Dommelvoort verwerkt persoonsgegevens van "
            "inwoners. Gegevens uit de BRP verstrekt de gemeente Dommelvoort aan het UWV.")
    assert names(text) == {"UWV"}


# ------------------------------------------------------------------ unknown organisations from their role or use


@pytest.mark.parametrize(("text", "expected"), [
    ("Onze verzekeraar Vivara ontvangt uw gegevens als er schade is.", {"Vivara"}),
    ("Uw reservering beheren wij in het boekingssysteem van Bookerly.", {"Bookerly"}),
    ("Voor de boekhouding gebruiken wij Boekhoudgemak.", {"Boekhoudgemak"}),
    ("Online betalingen verlopen via Payflux.", {"Payflux"}),
    ("Wij gebruiken Sitescope Analytics om te meten hoe onze website wordt gebruikt.", {"Sitescope"}),
    ("Wij werken met leveranciers die in onze opdracht gegevens verwerken, zoals Kadenza (software voor "
     "burgerzaken), Microsoft (Office 365) en Webmeter (website-analyse).", {"Kadenza", "Microsoft", "Webmeter"}),
    ("Met wie delen wij uw gegevens?\n\n- Opdrachtgevers: als wij u voorstellen.\n"
     "- Flexsys Payroll: onze salarisverwerker.\n", {"Flexsys Payroll"}),
])
def test_unknown_organisations_from_their_role_or_use(names, text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Wij gebruiken Cookies om de website te verbeteren.",
    "Wij maken gebruik van Artificial Intelligence om uw vragen sneller te beantwoorden.",
    "Wij werken met ISO-gecertificeerde partners.",
    "We gebruiken SSL-versleuteling voor alle verbindingen.",
    "Wij werken met Nederlandse leveranciers.",
    "Zoals de wet voorschrijft, bewaren wij uw gegevens zeven jaar. Zoals Jan al zei, is dat lang.",
    "Het is een platform voor Rijksambtenaren.",
])
def test_words_after_use_and_role_cues_that_are_no_names(names, text):
    assert names(text) == set()


# ------------------------------------------------------------------ the form table


def test_form_table_classifies_each_form_once(nlp):
    from analyser.extract.parties import form_table
    from analyser.tokens import tokens

    doc = nlp.make_doc("Wij delen gegevens met Mollie, Googel en onze YouTube-dienst via het hotelsysteem van Mews. "
                       "Wij delen ook gegevens met Facebookpagina's.")
    table = form_table()
    ids = tokens(doc).orth_ids
    capital, result_ids = table.capital.of(ids), table.result_ids.of(ids)
    classified = len(table.results)
    assert table.result_ids.of(ids).tolist() == result_ids.tolist()
    assert len(table.results) == classified  # known forms are not analysed again
    capitals = {t.text for t, c in zip(doc, capital.tolist()) if c}
    assert {"Mollie", "Mews", "Googel"} <= capitals and not {"gegevens", "Wij"} & capitals
    kb = table.kb
    found = {t.text: table.result(r) for t, r in zip(doc, result_ids.tolist()) if r}
    assert kb.aliases[found["Googel"][0]].text.lower() == "google" and found["Googel"][1] == "fuzzy"
    assert kb.aliases[found["YouTube-dienst"][0]].text == "YouTube" and found["YouTube-dienst"][1] == "compound"
    assert found["hotelsysteem"] == (-1, "role")


def test_phrase_index_gives_the_phrase_matchers_matches(nlp):
    """Overlapping patterns, one span with two labels ("doorgeven": a recipient verb and a list introduction),
    a pattern that ends the text, and words that only start longer patterns ("de", "wij")."""
    from analyser.tokens import tokens

    comp = nlp.get_pipe("analyser_third_parties")
    for text in ["Wij gebruiken Google Analytics en Google Maps API. De Autoriteit Persoonsgegevens.",
                 "Wij doorgeven gegevens aan de gezamenlijke verwerkingsverantwoordelijke. Google",
                 "de van wij we", "Mollie B.V.", ""]:
        doc = nlp.make_doc(text)
        assert comp.phrases(tokens(doc)) == comp.matcher(doc)
    doc = nlp.make_doc("Wij doorgeven het")
    labels = [nlp.vocab.strings[m] for m, s, e in comp.phrases(tokens(doc)) if (s, e) == (1, 2)]
    assert sorted(labels) == ["tp_cue_intro", "tp_cue_recip"]


def test_phrase_sieve_rejects_only_phrases_the_text_cannot_hold(nlp):
    """A controller phrase is searched only when the Doc's token forms can hold it: never skipped where the text
    has it (inside longer words, after punctuation, at the head's edge), skipped where a word of it is missing or
    only part of another word ("contactopname met" holds no "contact op met")."""
    from analyser.extract.parties import PhraseSieve
    from analyser.tokens import tokens

    phrases = ["contact op met", "handelsnaam:", " hecht ", ", kvk", "(hierna", "wij zijn ", "brief naar"]
    sieve = PhraseSieve(phrases)
    texts = ["Neem (contact op met Foo B.V.), e-mailcontact op met ons.", "Bedrijfshandelsnaam:Acme",
             "Acme hecht waarde aan uw privacy", "Acme B.V., KvK 1234 (hierna: Acme). Wij zijn Acme.",
             "Stuur een brief naar ons", "contactopname met ons; handelsnamen; hechten; wij zijnde", ""]
    for text in texts:
        view = tokens(nlp.make_doc(text))
        for head in (len(text), 20):
            in_head, everywhere = sieve.present(view, head)
            low = text.lower()
            for phrase in phrases:
                if phrase in low[:head]:
                    assert sieve.can(phrase, in_head), (text, phrase, head)
                if phrase in low:
                    assert sieve.can(phrase, everywhere), (text, phrase)
    in_head, everywhere = sieve.present(tokens(nlp.make_doc(texts[5])), len(texts[5]))
    assert not any(sieve.can(phrase, everywhere) for phrase in phrases)
    assert all(sieve.can(phrase, -1) for phrase in phrases)


def test_development_set_third_parties_f1_floor():
    """The statements in corpus/dev were written independently of these rules (rules only: no model needed)."""
    from pathlib import Path

    from analyser.api import analyse

    dev = Path(__file__).resolve().parents[1] / "corpus" / "dev"
    evaluation = Evaluation()
    for gold_path in sorted((dev / "gold").glob("*.json")):
        report = analyse(dev / "texts" / f"{gold_path.stem}.txt", use_model=False)
        score_document(report, json.loads(gold_path.read_text(encoding="utf-8")), evaluation)
    counts = evaluation.fields["third_parties"]
    errors = [(d.id, d.errors["third_parties"]) for d in evaluation.documents if "third_parties" in d.errors]
    assert len(evaluation.documents) == 12
    assert counts.f1 >= DEV_F1_FLOOR, (counts.as_dict(), errors)


# ------------------------------------------------------------------ found on a fresh development set


@pytest.mark.parametrize("text", [
    "Privacyverklaring\n\nHet festival wordt georganiseerd door Dijkdrift Events B.V. Wij zijn verantwoordelijk voor "
    "de verwerking van je gegevens.",
    "Privacyverklaring\n\nDe praktijk wordt uitgebaat door Vanhaverbeke Kine bv, die verantwoordelijk is voor de "
    "verwerking van uw persoonsgegevens.",
    "Administratiekantoor Jansen-Mulder\n\nPrivacyverklaring\n\nIk ben Ria Jansen-Mulder. Ik verzorg de boekhouding "
    "van zzp'ers.",
])
def test_the_organisation_that_runs_the_statement_is_no_third_party(names, text):
    assert names(text) == set()


def test_the_controllers_own_portal_is_no_third_party(names):
    text = ("Privacyverklaring Woonstichting Amstelwaard\n\nWoonstichting Amstelwaard is verantwoordelijk voor de "
            "verwerking van uw gegevens. In het klantportaal Mijn Amstelwaard logt u in met uw e-mailadres.")
    assert "Mijn Amstelwaard" not in names(text)


def test_a_role_compound_before_a_name_is_no_part_of_it(names):
    assert names("Privacyverklaring\n\nWij werken met onze ICT-beheerder Bitwerf B.V., die ons netwerk beheert.") \
        == {"Bitwerf"}


@pytest.mark.parametrize(("text", "body"), [
    ("Na de keuring zijn we wettelijk verplicht het resultaat aan de RDW door te geven.", "RDW"),
    ("Aangiften gaan naar de Belastingdienst.", "Belastingdienst"),
    ("Bij een geschil over de huurprijs kunnen wij de zaak aan de Huurcommissie voorleggen.", "Huurcommissie"),
])
def test_a_government_body_counts_when_the_sentence_passes_data_on(names, text, body):
    assert body in names("Privacyverklaring\n\n" + text)


def test_a_government_body_that_only_sets_rules_is_no_recipient(names):
    assert names("Privacyverklaring\n\nWij bewaren facturen zeven jaar, omdat de Belastingdienst dat eist.") == set()


def test_zoom_counts_where_the_sentence_speaks_of_webinars(names):
    assert "Zoom" in names("Privacyverklaring\n\nWebinars organiseren wij via Zoom.")


def test_a_legal_form_ends_a_name_before_the_next_sentence(names):
    text = ("Privacyverklaring\n\nDe Actie Kerkbalans wordt voor ons verwerkt door ons administratiekantoor "
            "Rentmeester & Co B.V. De Arkbode wordt gedrukt door drukkerij Van der Wal B.V.")
    assert names(text) == {"Rentmeester & Co", "Van der Wal"}


@pytest.mark.parametrize(("text", "body"), [
    ("Als erkende federatie bezorgen wij de gegevens over onze leden aan Sport Vlaanderen.", "Sport Vlaanderen"),
    ("Sta je op de lijst van topsporters, dan geven we je naam en contactgegevens aan NADO Vlaanderen.",
     "NADO Vlaanderen"),
])
def test_flemish_wording_passes_data_to_a_government_body(names, text, body):
    assert body in names("Privacyverklaring\n\n" + text)


# ------------------------------------------------------------------ the controller under other spellings (dev4)


def test_a_controller_spelt_like_a_known_organisation_is_not_that_organisation(names):
    text = ("Privacyverklaring Klusbord\n\nKlusbord B.V. is verantwoordelijk voor de verwerking van je gegevens. "
            "Op Klusbord vinden opdrachtgevers en freelancers elkaar.\n\nWe gebruiken HubSpot als CRM-systeem.")
    assert names(text) == {"HubSpot"}


def test_the_firm_that_runs_the_controllers_office_is_the_controller(names):
    text = ("PRIVACYVERKLARING NOTARISKANTOOR BRINKHORST\n\nHet kantoor wordt gevoerd door Brinkhorst Notarissen B.V. "
            "Notariskantoor Brinkhorst is verantwoordelijk voor de verwerking van uw persoonsgegevens.\n\n"
            "Onze e-mail verloopt via Zivver.")
    assert names(text) == {"Zivver"}


def test_a_ministry_as_the_postal_address_of_a_request_is_no_recipient(names):
    text = ("Privacyverklaring\n\nDe Minister van Binnenlandse Zaken en Koninkrijksrelaties is verantwoordelijk. "
            "U kunt uw verzoek toesturen per post aan:\n\nMinisterie van Binnenlandse Zaken en Koninkrijksrelaties\n\n"
            "T.a.v. Servicedesk\n\nPostbus 20011\n\n2500 EA Den Haag")
    assert names(text) == set()


def test_a_ministry_that_receives_a_report_is_a_recipient(names):
    text = ("Privacyverklaring\n\nGiften boven het grensbedrag maken wij openbaar en wij melden ze aan het ministerie "
            "van Binnenlandse Zaken en Koninkrijksrelaties. De kandidatenlijst leveren wij in bij de Kiesraad.")
    assert names(text) == {"Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "Kiesraad"}


def test_a_trade_name_of_the_controller_is_not_a_third_party(names):
    text = ("Privacystatement Vinkveld Executive Search\n\nVinkveld Executive Search is de handelsnaam van Vinkveld & "
            "Partners B.V., gevestigd in Utrecht. Vinkveld & Partners B.V. is verantwoordelijk voor de verwerking.\n\n"
            "Kandidaten beheren wij in Recruitee.")
    assert names(text) == {"Recruitee"}


def test_the_controllers_name_with_a_product_word_is_its_own_product(names):
    text = ("Privacybeleid NetVeld\n\nNetveld Solutions BV (\"NetVeld\", \"wij\") is een IT-dienstverlener. NetVeld is "
            "verantwoordelijk voor de verwerking.\n\nWe verwerken je inloggegevens voor ons klantenportaal NetVeld "
            "Control. Onze servers staan bij Combell.")
    assert names(text) == {"Combell"}


def test_the_body_a_named_department_belongs_to_is_not_listed_again(names):
    text = ("Privacyverklaring\n\nHet Departement Onderwijs en Vorming van de Vlaamse overheid ontvangt de "
            "inschrijvingsgegevens van elke leerling.")
    assert names(text) == {"Departement Onderwijs en Vorming"}


def test_funeral_insurers_and_campsite_platforms_are_known(names):
    assert names("Wij melden het overlijden aan de uitvaartverzekeraar, bijvoorbeeld DELA, Monuta of Ardanta.") == {
        "DELA", "Monuta", "Ardanta"}
    assert names("Reserveert u via Pitchup.com, dan ontvangen wij uw gegevens van die partij.") == {"Pitchup"}


def test_the_legal_entity_that_runs_the_business_is_the_controller(names):
    text = ("Privacyverklaring Bakkerij Het Korenhuis\n\nBakkerij Het Korenhuis wordt gedreven door Korenhuis & "
            "Zonen B.V. Wij zijn verantwoordelijk voor de verwerking van uw gegevens.\n\nOnze webshop draait op "
            "Shopify.")
    assert names(text) == {"Shopify"}


def test_a_legal_entity_with_its_kvk_number_in_brackets_is_the_controller(names):
    text = ("Privacyverklaring\n\nRestaurant De Zilte Zoen is van Smit & Dochter Horeca B.V. (KvK 12345678). In deze "
            "verklaring lees je wat we met je gegevens doen.\n\nOnze partner Keukenwerk Noord V.O.F. levert de "
            "catering.")
    assert names(text) == {"Keukenwerk Noord"}


def test_names_listed_after_bijvoorbeeld_or_zoals_are_organisations(names):
    assert names("Bij een garantieclaim sturen wij uw aankoopbewijs naar de fabrikant, bijvoorbeeld Miele, Bosch "
                 "of Siemens.") == {"Miele", "Bosch", "Siemens"}
    # one capitalised word that is also Dutch is a name when it is a whole item of the list
    assert names("Rijdt u een leasefiets, dan krijgt de leasemaatschappij, bijvoorbeeld Lease a Bike of Wolk, een "
                 "overzicht van de reparaties.") == {"Lease a Bike", "Wolk"}


def test_a_capitalised_adjective_in_a_list_of_examples_is_no_name(names):
    assert names("Wij delen gegevens met financiële instellingen, zoals Nederlandse banken en verzekeraars.") == set()


def test_the_name_right_after_our_photographer_is_a_third_party(names):
    assert names("Op de open dag maakt onze fotograaf Beeldbank Zonnebloem foto's van de bezoekers.") == {
        "Beeldbank Zonnebloem"}


def test_the_first_cell_of_a_processor_table_names_the_processor(names):
    text = ("Verwerkers\n\nWij werken met de volgende verwerkers:\n\n| Verwerker | Doel | Land |\n"
            "| Plannera | roosters van medewerkers | Nederland |\n| Stripe | betalingen | Ierland |\n")
    assert names(text) == {"Plannera", "Stripe"}


def test_a_register_the_reader_updates_themself_is_no_recipient(names):
    assert names("Verhuist u, dan moet u uw nieuwe adres zelf aan de Kamer van Koophandel doorgeven.") == set()
    assert names("Wij geven uw nieuwe adres door aan de Kamer van Koophandel.") == {"Kamer van Koophandel"}


def test_messagebird_is_known_by_its_new_name_bird(names):
    assert names("Herinneringen per sms verstuurt Bird voor ons.") == {"Bird"}
    assert names("Wij gebruiken MessageBird voor sms-berichten.") == {"Bird"}


def test_lens_makers_and_bicycle_makers_are_known(names):
    assert names("Uw glazen bestellen wij bij Hoya of Zeiss; zij krijgen alleen uw brilsterkte.") == {"Hoya", "Zeiss"}
    assert names("Garantieclaims sturen wij naar Shimano of Accell.") == {"Shimano", "Accell Group"}


def test_brands_known_under_their_own_name_are_organisations_of_their_own(names):
    assert names("De salarisadministratie loopt via Nmbrs en de boekhouding doen we in Twinfield.") == {
        "Nmbrs", "Twinfield"}
    assert names("Betaalverzoeken sturen we met Tikkie; meubels verkopen we ook via Marktplaats.") == {
        "Tikkie", "Marktplaats"}


def test_a_body_the_controller_sends_nothing_is_no_recipient(names):
    assert names("Subsidie vraagt u zelf aan bij de RVO; wij sturen zelf niets naar de RVO.") == set()


def test_the_name_after_our_vet_and_a_comma_is_a_third_party(names):
    assert names("Onze vaste dierenarts, Dierenkliniek Het Anker, zet het dierenpaspoort op jouw naam.") == {
        "Dierenkliniek Het Anker"}


def test_a_name_in_the_title_line_is_the_controller(names):
    text = ("Dierenartsenpraktijk De Linde\n\nIk ben Anne de Linde, dierenarts. Afspraken plannen we in "
            "Calendly.")
    assert names(text) == {"Calendly"}


def test_the_organisation_heading_the_first_address_block_is_the_controller(names):
    text = ("Privacyverklaring voor vrijwilligers\n\nWie is verantwoordelijk?\n\nHospice De Lindeboom vzw biedt "
            "palliatieve zorg in Gent.\n\nHospice De Lindeboom vzw\nKerkstraat 12\n9000 Gent\n\n"
            "Je gegevens bewaren we in Google Drive.")
    assert names(text) == {"Google"}


def test_a_messaging_group_named_by_a_compound_is_the_app(names):
    assert names("De wekelijkse planning delen we in een Signal-groep.") == {"Signal"}
    assert names("Het signal-systeem van de brandmelder gaat af bij rook.") == set()


def test_a_body_that_one_is_registered_with_is_a_recipient(names):
    assert names("Voor de opleiding schrijven we je met je naam in bij de Federatie Vrijwilligerswerk Limburg.") == {
        "Federatie Vrijwilligerswerk Limburg"}
    assert names("Lukt een regeling niet, dan dienen wij een verzoek in bij de Rechtbank Gelderland.") == {
        "Rechtbank Gelderland"}


def test_a_department_is_named_instead_of_the_government_it_belongs_to(names):
    assert names("De dienst Burgerzaken van de Vlaamse overheid kan ons register bij een controle inkijken.") == {
        "Dienst Burgerzaken"}


def test_a_product_named_before_its_maker_is_reported_as_the_maker(names):
    text = ("Wie krijgt uw gegevens?\n\n- Dossierflow, de kantoorsoftware van onze softwarepartner Kantoorlink BV, "
            "voor uw dossier;\n- Combell, voor de website.\n")
    assert names(text) == {"Kantoorlink", "Combell"}


def test_the_principal_a_body_acts_for_is_no_recipient(names):
    assert names("De GGD, die namens de gemeente Apeldoorn toezicht houdt en daarbij onze dossiers kan inzien.") == {
        "GGD"}


def test_the_controller_passing_the_readers_data_is_still_a_disclosure(names):
    assert names("Wij moeten je loongegevens doorgeven aan de Belastingdienst.") == {"Belastingdienst"}
    assert names("Wij verstrekken de gegevens die u zelf heeft opgegeven aan het UWV.") == {"UWV"}


def test_the_purpose_column_of_a_processor_table_is_no_organisation(names):
    text = "Wij schakelen de volgende verwerkers in:\n\n| Analytics | Google | VS |\n| Webinars | Zoom | VS |\n"
    assert names(text) == {"Google", "Zoom"}
    assert names("Wij delen met de volgende partijen:\n\n| Gegevens | Termijn |\n| NAW | 7 jaar |\n") == set()


def test_ordinary_words_and_places_spelt_like_known_organisations_are_not_them(names):
    assert names("Onze winkel in Den Bosch verzorgt de reparatie en bestelling van onderdelen.") == set()
    assert names("Koop je een Early Bird ticket, dan sturen wij je een herinnering per sms.") == set()
    assert names("Wij verkopen kamerplanten zoals Hoya en Monstera.") == set()
    assert names("Dit jaar werken we samen met andere onderdelen van RWS.") == set()


def test_capitalised_words_in_a_list_of_examples_need_a_name_among_them(names):
    assert names("Wij delen gegevens met derden, waaronder Opdrachtgever, Sub-verwerkers en toezichthouders.") == set()
    assert names("Op feestdagen, bijvoorbeeld Koningsdag, Pasen of Kerst, is de winkel gesloten.") == set()


def test_a_suppliers_seat_is_not_the_controllers(names):
    assert names("Welkom bij Fietsenmaker Jansen. Onze webshop draait op Kassakoning B.V. (KvK 12345678), die je "
                 "bestellingen verwerkt.") == {"Kassakoning"}
    assert names("Onze webwinkel wordt aangedreven door Kassakoning, een Nederlands platform.") == {"Kassakoning"}
    assert names("Op de Open Dag a.s. zaterdag maken wij foto's.") == set()


def test_the_legal_entity_trading_under_the_statements_name_is_the_controller(names):
    text = ("Privacyreglement Wachters Security\n\nArtikel 1 - Begrippen\n\na. Wachters: Wachters Beveiliging B.V., "
            "handelend onder de naam Wachters Security, gevestigd aan Ringbaan 2 in Tilburg;\n\n"
            "Alarmmeldingen komen binnen in de software van Alarmsoft B.V.")
    assert names(text) == {"Alarmsoft"}


def test_an_imperative_at_the_start_of_a_sentence_is_no_misspelt_organisation(names):
    assert names("Vertel ons welke lessen je wilt volgen; we plannen ze in Google Agenda.") == {"Google"}


def test_names_with_aan_de_a_department_and_a_role_suffix_before_a_legal_form(names):
    assert names("Onze aangifte verzorgt ons administratiekantoor Cijfers aan de IJssel B.V.") == {
        "Cijfers aan de IJssel"}
    assert names("De inspecteurs van het Departement Omgeving van de Vlaamse overheid kunnen ons register "
                 "inkijken.") == {"Departement Omgeving"}
    assert names("Voor de wasservice werken wij met ons facilitair bedrijf Hofdiensten B.V.") == {"Hofdiensten"}


def test_a_government_body_known_by_an_acronym_is_reported_under_the_name_the_text_uses_first(names):
    assert "Dienst Uitvoering Onderwijs" in names(
        "Wij geven uw studievoortgang door aan de Dienst Uitvoering Onderwijs (DUO).")
    assert "DUO" in names("Wij geven uw studievoortgang door aan DUO.")
    # the acronym first, the full name as its gloss
    assert "DUO" in names("Wij geven uw studievoortgang door aan DUO (Dienst Uitvoering Onderwijs).")


def test_an_organisation_said_not_to_be_used_is_no_third_party(names):
    assert "Google" not in names("Onze website gebruikt alleen functionele cookies; Google Analytics of andere "
                                 "trackers gebruiken wij niet.")
    assert "Iddink" not in names("Wij hebben geen toegang tot Magister of een ander systeem van de school.")
    assert "Google" in names("Wij gebruiken Google Analytics om het websitebezoek te meten.")


def test_a_product_named_with_its_maker_is_not_a_second_party(names):
    found = names("Wij plannen afspraken in Roosterkoning van onze leverancier Planwerk B.V. Verder delen wij "
                  "niets.\n\nOnze verwerkers:\n- Planwerk B.V., voor de planningssoftware Roosterkoning;")
    assert "Planwerk" in found
    assert "Roosterkoning" not in found


def test_developer_platforms_that_small_statements_name_are_known(names):
    assert names("Onze app draait op Railway en de database staat bij Neon.") == {"Railway", "Neon"}
    assert names("We meten het gebruik met PostHog; foutmeldingen gaan naar Rollbar.") == {"PostHog", "Rollbar"}
    assert not names("De Railway was die dag gesloten. Het Neon licht brandde de hele nacht.")


def test_municipalities_named_together_are_one_party_each(names):
    assert names("Wij geven uw gegevens door aan de gemeenten Venlo, Horst en Beesel.") == {
        "Gemeente Venlo", "Gemeente Horst", "Gemeente Beesel"}


def test_a_municipality_that_sends_us_data_is_a_third_party(names):
    assert "Gemeente Deventer" in names("Je klantmanager van de gemeente Deventer meldt je bij ons aan. We krijgen "
                                        "dan je naam en je contactgegevens.")
    assert "Gemeente Barendrecht" in names("Voor Wmo-vervoer krijgen wij uw naam en adres van de gemeente "
                                           "Barendrecht.")


def test_a_legal_form_that_ends_the_sentence_still_marks_a_name(names):
    assert "Sociaal Soft" in names("Uw dossier beheren wij in ProSocio van Sociaal Soft BV. Voor e-mail gebruiken "
                                   "wij Microsoft 365.")
    assert "Bakker van Dijk" in names("Wij werken met onze leverancier Bakker van Dijk B.V.")


def test_an_identity_service_whose_data_the_controller_never_sees_is_no_third_party(names):
    assert "DigiD" not in names("Je logt zelf in. We kijken niet mee met je wachtwoord en we slaan geen gegevens van "
                                "je DigiD op.")
    assert "DigiD" not in names("Je machtigt ons in Mijn CBR; wij krijgen je DigiD-gegevens nooit te zien.")


def test_a_body_that_archives_or_is_entrusted_with_a_task_is_a_recipient(names):
    assert names("Stukken die blijvend bewaard moeten worden, worden na twintig jaar overgebracht naar het "
                 "Regionaal Archief Zutphen.") == {"Regionaal Archief Zutphen"}
    assert names("De heffing en invordering zijn opgedragen aan de Belastingsamenwerking Gouwe-Rijnland, die daarvoor "
                 "uw gegevens ontvangt.") == {"Belastingsamenwerking Gouwe-Rijnland"}


def test_a_capitalised_article_mid_sentence_belongs_to_the_name(names):
    assert names("Wij werken met verwerkers, waaronder Het Waterschapshuis voor de gezamenlijke informatievoorziening "
                 "en Centric voor de belastingapplicatie.") == {"Het Waterschapshuis", "Centric"}
    assert names("Het Waterschapshuis verwerkt geen gegevens voor ons.") == set()


def test_a_regional_body_is_named_with_its_region(names):
    text = ("Wij verstrekken gegevens aan de GGD Hollands Noorden als u een infectieziekte heeft die wij volgens de "
            "Wet publieke gezondheid moeten melden.")
    assert names(text) == {"GGD Hollands Noorden"}
    assert names("Bij zorgen over de veiligheid van een kind delen wij gegevens met de GGD.") == {"GGD"}


def test_a_service_known_under_its_own_name_is_reported_so_unless_its_operator_is_named(names):
    assert names("Met uw toestemming zijn uw gegevens via het Landelijk Schakelpunt beschikbaar voor andere "
                 "zorgverleners.") == {"Landelijk Schakelpunt"}
    assert names("Met uw toestemming delen wij uw medicatiegegevens via het Landelijk Schakelpunt (LSP), dat wordt "
                 "beheerd door VZVZ.") == {"VZVZ"}


def test_the_controllers_own_portal_is_not_a_third_party(names):
    text = ("Rijnstate Ziekenhuis is verantwoordelijk voor de verwerking van uw gegevens. Berichten die u ons "
            "stuurt via het patiëntenportaal MijnRijnstate bewaren wij in uw dossier. "
            "Wij delen uw gegevens met Vecozo.")
    assert names(text) == {"Vecozo"}


def test_a_list_item_may_open_with_an_article_before_the_name(names):
    text = ("5. Met wie delen we je gegevens?\n\nDaarnaast geven we gegevens aan:\n\n"
            "- de Stichting Nummerportabiliteit Nederland, als je je nummer meeneemt;\n"
            "- een incassobureau, als je facturen onbetaald blijven.\n")
    assert names(text) == {"Stichting Nummerportabiliteit Nederland"}


def test_a_name_of_dictionary_words_counts_when_its_acronym_follows(names):
    text = ("Met wie delen we je gegevens?\n\n- het Landelijk Bureau Inning Onderhoudsbijdragen (LBIO), dat de "
            "alimentatie int;\n- een incassobureau, als je facturen onbetaald blijven.\n")
    assert names(text) == {"Landelijk Bureau Inning Onderhoudsbijdragen"}


def test_a_flemish_welfare_centre_is_named_with_its_region_and_a_partner_firm_after_its_role(names):
    text = ("Met wie delen wij uw gegevens?\n\n- Het CAW Oost-Vlaanderen, als wij u met uw toestemming "
            "doorverwijzen.\n")
    assert names(text) == {"CAW Oost-Vlaanderen"}
    assert names("Als uw zaak daarom vraagt, schakelen wij ons partnerkantoor Van Dijk Arbeidsrecht Advocaten in; "
                 "dat kantoor ontvangt dan uw dossier.") == {"Van Dijk Arbeidsrecht Advocaten"}


def test_a_public_body_that_gets_no_names_is_no_recipient(names):
    assert names("Voor de toeristenbelasting geven wij het aantal overnachtingen door aan de gemeente Veere, zonder "
                 "namen.") == set()
    assert names("Voor de toeristenbelasting geven wij uw naam en het aantal overnachtingen door aan de gemeente "
                 "Veere.") == {"Gemeente Veere"}


def test_a_registration_number_after_a_public_body_is_no_disclosure(names):
    text = ("Met wie delen wij je gegevens?\n\nVoltvlak Laadpassen B.V., Stationsplein 31, Amersfoort, KvK 80554312, "
            "deelt je gegevens met Greenchoice als je slim laden koppelt aan je energiecontract.")
    assert names(text) == {"Greenchoice"}


def test_reservations_a_restaurant_does_not_take_are_no_recipient(names):
    assert names("Reserveringen via TheFork of andere reserveringsplatforms nemen wij niet aan, en wij geven daar "
                 "ook geen gegevens aan door.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Wij verkopen uw gegevens niet en gebruiken Mailchimp voor het versturen van de nieuwsbrief.", {"Mailchimp"}),
    ("We bewaren niet langer dan nodig en gebruiken daarvoor de servers van TransIP.", {"TransIP"}),
    ("Wij verstrekken niet meer gegevens aan PostNL dan nodig is voor de bezorging.", {"PostNL"}),
    ("Wij geven geen gegevens door aan andere partijen dan Mollie.", {"Mollie"}),
    ("Wil je niet dat Google Analytics je bezoek meet? Zet dan de cookies uit.", {"Google"}),
    ("Wij geven je gegevens door aan de GGD Hollands Noorden en Veilig Thuis als dat nodig is.",
     {"GGD Hollands Noorden", "Veilig Thuis"}),
    ("Wij geven je gegevens door aan de Belastingdienst; geanonimiseerde overzichten gaan naar onze accountant.",
     {"Belastingdienst"}),
    ("Wij verstrekken je adresgegevens aan de gemeente Veere en geanonimiseerde cijfers aan onderzoekers.",
     {"Gemeente Veere"}),
    ("Wij sturen anonieme cijfers naar het CBS en geven uw naam en adres door aan de gemeente Utrecht.",
     {"Gemeente Utrecht"}),
    ("Persoonsgegevens kunnen worden overgebracht naar Zwitserland, een land met een passend beschermingsniveau.",
     set()),
])
def test_what_is_not_a_negation_a_region_or_an_anonymous_recipient(names, text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Onze hoofdsponsor, het Antwerpse ingenieursbureau Stelwerk NV, krijgt nooit onze ledenlijst.",
    "Ons zusterbedrijf Bolderik B.V. ontvangt geen gegevens van klanten.",
    "Wij werken niet samen met marketingbureau Datakraan B.V.",
])
def test_an_unknown_company_said_to_receive_nothing_is_no_recipient(names, text):
    assert not names(text) - {"Autoriteit Persoonsgegevens"}


@pytest.mark.parametrize("text", [
    "Veel verhuurders bieden hun huisje ook aan op Airbnb of Booking.com. Met die platforms wisselen wij geen "
    "gegevens uit.",
    "Op onze website staan knoppen van Facebook en LinkedIn. Deze partijen ontvangen van ons geen persoonsgegevens.",
])
def test_organisations_the_next_sentence_says_get_nothing_are_no_recipients(names, text):
    assert names(text) == set()


@pytest.mark.parametrize("text", [
    "Wij gebruiken Mailchimp en Mollie. Deze partijen mogen uw gegevens niet aan anderen geven.",
    "Wij gebruiken Mailchimp en Mollie. Deze partijen krijgen van ons geen andere gegevens dan nodig.",
    "Wij gebruiken Mailchimp en Mollie. Deze partijen verwerken uw gegevens niet buiten de EU.",
])
def test_a_next_sentence_that_binds_or_limits_the_processors_keeps_them(names, text):
    assert names(text) == {"Mailchimp", "Mollie"}


def test_a_known_company_said_to_receive_nothing_is_no_recipient(names):
    assert "Mailchimp" not in names("Mailchimp krijgt geen toegang tot uw betaalgegevens.")


def test_receiving_not_only_something_is_still_receiving(names):
    assert "Mailchimp" in names("Mailchimp krijgt niet alleen uw naam, maar ook uw e-mailadres.")


def test_companies_we_do_not_work_with_are_no_recipients(names):
    assert not names("Met advertentienetwerken zoals Criteo of TikTok werken we niet samen.") & {"Criteo", "TikTok"}


def test_the_letters_of_a_dutch_postcode_are_no_organisation(names):
    assert "NS" not in names("Ons kantoor is gevestigd aan de Stationsweg 12, 3511 NS Utrecht. Wij verwerken je "
                             "naam en je e-mailadres.")


def test_a_public_body_that_is_the_subject_of_receiving_is_a_recipient(names):
    assert "Politie" in names("Beelden wissen we na vier weken, tenzij er aangifte wordt gedaan; dan krijgt de "
                              "politie ze.")
    assert "Belastingdienst" not in names("Wij krijgen van de Belastingdienst een aanslag.")


def test_an_ordinary_word_alias_heading_a_list_of_names_counts(names):
    assert "Piano" in names("Piano, Chartbeat en Google zijn in de Verenigde Staten gevestigd en verwerken "
                            "gegevens van lezers.")
    assert "Piano" not in names("Piano en gitaar geven wij op dinsdag.")


def test_a_capitalised_verb_at_the_start_of_a_question_is_no_shop(names):
    assert "Beslist.nl" not in names("Beslist een computer over jou? Nee, dat doet altijd een medewerker.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Je betaalpas is een Debit Mastercard. Voor elke betaling met je pas verstrekken we de noodzakelijke gegevens "
     "aan Mastercard.", {"Mastercard"}),
    ("Uw kaartgegevens delen wij met American Express om de betaling af te ronden.", {"American Express"}),
    ("Mastercard ontvangt de gegevens van elke betaling met uw pas.", {"Mastercard"}),
])
def test_a_card_scheme_a_clause_passes_data_to_is_a_recipient(names, text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "Betalen kan via iDEAL, Mastercard of Visa.",
    "Met wie delen wij uw gegevens?\n\nWij delen uw gegevens met onze betaalprovider. U kunt betalen met Maestro, "
    "Visa of American Express.",
    "Betaalmethoden: iDEAL, VISA, Mastercard, AMEX.",
])
def test_a_card_scheme_named_as_a_way_to_pay_is_no_recipient(names, text):
    assert names(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Wie krijgt uw gegevens?\n\nWij geven uw gegevens enkel door als de wet dat vraagt:\n- het Agentschap Vlaamse "
     "Sociale Bescherming, voor het zorgbudget;\n- het Intermutualistisch Agentschap, voor studies.",
     {"Agentschap Vlaamse Sociale Bescherming", "Intermutualistisch Agentschap"}),
    ("5. Aan wie geeft het kantoor gegevens door?\n\n- Aan het Centraal Digitaal Beslagregister, waarin beslagen "
     "te zien zijn.", {"Centraal Digitaal Beslagregister"}),
])
def test_public_bodies_listed_under_a_who_receives_heading_are_recipients(names, text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Voor onze klantenservice gebruiken wij Freshdesk.", {"Freshworks"}),
    ("Braze verstuurt onze pushberichten; Genesys levert ons contactcenter.", {"Braze", "Genesys"}),
    ("Uw documenten kunt u digitaal ontvangen via Doccle.", {"Doccle"}),
])
def test_products_and_vendors_of_the_knowledge_base(names, text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Bij een lening toetsen wij bij het Bureau Krediet Registratie (BKR) of u al schulden hebt. Het BKR krijgt een "
     "melding van de lening.", {"Bureau Krediet Registratie"}),
    ("Wij melden een achterstand bij het BKR (Bureau Krediet Registratie) in Tiel.", {"BKR"}),
    ("Ongebruikelijke transacties melden wij aan de Financial Intelligence Unit-Nederland.",
     {"Financial Intelligence Unit-Nederland"}),
    ("Wij verkopen via Koninklijke KPN abonnementen; KPN ontvangt uw naam.", {"KPN"}),
])
def test_an_organisation_known_by_an_acronym_gets_the_name_the_statement_uses_first(names, text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Onze vacatures verschijnen ook op Indeed, maar daar gaan alleen de vacatures heen: die sites krijgen geen "
     "gegevens van werkzoekenden.", set()),
    ("Wij werken met deze leveranciers:\n\n- Sentry, dat crashmeldingen van de app verzamelt.\n", {"Sentry"}),
    ("Sentry is een Amerikaans bedrijf; met Sentry hebben we standaardcontractbepalingen afgesproken.", {"Sentry"}),
    ("- SITA, met het systeem WorldTracer waarmee we zoekgeraakte bagage opsporen;", {"SITA"}),
    ("UK law requires us to send your passport details to the Home Office before departure.", {"Home Office"}),
])
def test_a_colon_denial_a_foreign_company_products_and_english_disclosures(names, text, expected):
    assert names(text) == expected


def test_a_disciplinary_body_named_only_to_complain_to_is_no_recipient(names):
    assert names("Een klacht over een gerechtsdeurwaarder hoort thuis bij de Kamer voor Gerechtsdeurwaarders.") == set()
    assert names("Loopt er een tuchtklacht tegen een medewerker, dan verstrekken wij het dossier aan de Kamer voor "
                 "Gerechtsdeurwaarders.") == {"Kamer voor Gerechtsdeurwaarders"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Met vergelijkingssites delen we geen namen, en TikTok en Snapchat gebruiken we helemaal niet.", set()),
    ("Onze klantenlijst staat in Bouwdesk, een Amerikaans programma.", {"Bouwdesk"}),
    ("Wij melden uw brevet aan bij Divecert. Divecert is een Amerikaanse organisatie.", {"Divecert"}),
    ("Dat is een Duits programma.", set()),
    ("Wij geven uw gegevens voor onderzoek aan de Universiteit van Amsterdam.", {"Universiteit van Amsterdam"}),
    ("Valt je toestel onder de garantie, dan sturen we het met je naam naar het herstelcentrum van Samsung.",
     {"Samsung"}),
    ("Ongewone verrichtingen moet hij melden aan de Cel voor Financiële Informatieverwerking (CFI).",
     {"Cel voor Financiële Informatieverwerking"}),
])
def test_a_denial_with_helemaal_foreign_software_universities_and_manufacturers(names, text, expected):
    assert names(text) == expected


def test_the_controllers_legal_name_with_a_lower_case_legal_form_is_not_a_third_party(names):
    text = ("Privacy bij Brouwerij De Hop\n\nBrouwerij De Hop brouwt bier in Sneek. De brouwerij is van Hop Brouwers "
            "v.o.f. (KvK 12345678). Onze webshop draait bij Shopify.\n")
    assert names(text) == {"Shopify"}


def test_an_organisation_named_only_for_what_might_ever_happen_is_no_recipient(names):
    assert names("Mocht de winkel ooit foto's van klanten op Instagram willen zetten, dan vraagt zij eerst "
                 "toestemming.") == set()
    assert names("Mocht u vragen hebben, mail ons. Wij delen uw e-mailadres met Mailchimp voor de nieuwsbrief.") \
        == {"Mailchimp"}


def test_a_body_that_may_demand_to_see_the_records_is_a_recipient(names):
    assert names("Ambtenaren van de gemeente Utrecht kunnen inzage verlangen in onze administratie.") \
        == {"Gemeente Utrecht"}
