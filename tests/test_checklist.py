"""The GDPR completeness checklist and the score: real Dutch sentences per item, the traps, the formula,
and floors on the corpus gold (rules only)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analyser.checklist import compute_score, rules
from analyser.data import checklist_ids, load_data
from analyser.report import ChecklistItem

ADDRESSED = {"present", "partial"}


@pytest.fixture(scope="module")
def check(analyse_text):
    """Status of one checklist item for a Dutch text, rules only."""

    def run(text: str, item: str) -> str:
        doc = analyse_text(text, use_model=False)
        return next(c.status for c in doc._.checklist if c.item == item)

    return run


# ------------------------------------------------------------------ shape of the result


def test_every_checklist_id_in_vocabulary_order_with_notes(analyse_text):
    doc = analyse_text("Privacyverklaring\n\nWij gebruiken je e-mailadres om je de nieuwsbrief te sturen.",
                       use_model=False)
    assert [c.item for c in doc._.checklist] == checklist_ids()
    for c in doc._.checklist:
        assert c.status in {"present", "partial", "absent", "not_applicable"}
        assert c.note and c.note_en and c.source == "rules"
        assert len(c.evidence) <= 3
    spans = doc.spans["checklist"]
    assert {s.label_ for s in spans} <= set(checklist_ids())


def test_evidence_spans_point_into_the_text(analyse_text):
    text = ("Uw rechten\n\nU heeft het recht om uw gegevens in te zien. U kunt ook bezwaar maken tegen de "
            "verwerking van uw gegevens.")
    doc = analyse_text(text, use_model=False)
    objection = next(c for c in doc._.checklist if c.item == "right_objection")
    assert objection.status == "present"
    assert all(text[e.start:e.end] == e.text for e in objection.evidence)
    assert "bezwaar" in objection.evidence[0].text


# ------------------------------------------------------------------ positive sentences per item

POSITIVE = [
    ("controller_identity", "Gemeente Utrecht is verantwoordelijk voor de verwerking van uw persoonsgegevens."),
    ("controller_identity", "Fietsenwinkel De Spaak B.V., gevestigd te Zwolle, verwerkt persoonsgegevens."),
    ("controller_contact", "Heeft u vragen? Mail ons via privacy@voorbeeldschool.nl of bel 030 - 123 45 67."),
    ("controller_contact", "Ons postadres is Postbus 1234, 3500 AB Utrecht."),
    ("dpo_contact", "Onze functionaris gegevensbescherming is bereikbaar via fg@utrecht.nl."),
    ("dpo_contact", "Wij hebben geen functionaris gegevensbescherming aangesteld, omdat dit voor ons niet "
                    "verplicht is."),
    ("purposes", "Wij gebruiken uw adres om uw bestelling te kunnen bezorgen."),
    ("legal_basis", "Wij verwerken deze gegevens op basis van uw toestemming."),
    ("legal_basis", "De verwerking is noodzakelijk voor de uitvoering van de overeenkomst die u met ons sluit."),
    ("legal_basis", "Wij zijn wettelijk verplicht om uw facturen zeven jaar te bewaren."),
    ("recipients", "Wij delen uw gegevens met onze verwerkers, zoals onze hostingpartij en ons boekhoudpakket."),
    ("recipients", "Wij verstrekken uw persoonsgegevens niet aan derden."),
    ("international_transfers", "Uw gegevens worden opgeslagen op servers binnen de Europese Unie."),
    ("international_transfers", "Wij geven geen persoonsgegevens door aan landen buiten de EER."),
    ("retention", "Wij bewaren uw gegevens zeven jaar vanwege de fiscale bewaarplicht."),
    ("right_access", "U heeft het recht om uw persoonsgegevens in te zien."),
    ("right_rectification", "Kloppen uw gegevens niet? Dan kunt u ons vragen uw gegevens te corrigeren."),
    ("right_erasure", "U kunt ons vragen uw gegevens te laten verwijderen."),
    ("right_restriction", "U heeft het recht om de verwerking van uw gegevens te laten beperken."),
    ("right_objection", "U kunt bezwaar maken tegen het gebruik van uw gegevens voor direct marketing."),
    ("right_portability", "U heeft recht op dataportabiliteit: wij sturen uw gegevens dan naar een andere partij."),
    ("withdraw_consent", "Heeft u toestemming gegeven? Dan kunt u die toestemming altijd weer intrekken."),
    ("complaint_authority", "U heeft het recht een klacht in te dienen bij de Autoriteit Persoonsgegevens."),
    ("provision_requirement", "Het verstrekken van uw gegevens is niet verplicht, maar zonder deze gegevens kunnen "
                              "wij uw bestelling niet afhandelen."),
    ("provision_requirement", "Om de overeenkomst uit te voeren hebben wij uw naam en adres nodig."),
    ("automated_decisions", "Wij nemen geen besluiten op basis van geautomatiseerde verwerkingen."),
    ("automated_decisions", "Wij maken geen gebruik van profilering."),
    ("data_categories", "Wij verwerken de volgende persoonsgegevens:\n- Voor- en achternaam\n- E-mailadres"),
    ("data_source", "Wij ontvangen uw gegevens van uw werkgever."),
    ("data_source", "Wij verwerken alleen de gegevens die u zelf aan ons verstrekt."),
    ("security", "Wij hebben passende technische en organisatorische maatregelen genomen om uw gegevens te "
                 "beschermen."),
    ("security", "Onze website maakt gebruik van een beveiligde verbinding (SSL)."),
    ("cookies", "Op onze website gebruiken wij alleen functionele cookies."),
    ("policy_changes", "Wij kunnen deze privacyverklaring aanpassen. De laatste versie vindt u altijd op onze "
                       "website."),
    ("children", "Wij verwerken geen gegevens van kinderen jonger dan 16 jaar zonder toestemming van een ouder of "
                 "voogd."),
]


@pytest.mark.parametrize(("item", "text"), POSITIVE)
def test_real_sentence_addresses_its_item(check, item, text):
    assert check(text, item) in ADDRESSED


MORE_PHRASINGS = [
    ("controller_identity", True, "Deze privacyverklaring is van toepassing op de diensten van Tandartspraktijk "
     "Smile."),
    ("controller_identity", True, "Huisartsenpraktijk De Linde verwerkt uw gegevens zorgvuldig."),
    ("controller_contact", True, "E-mail: info [at] voorbeeld.nl"),
    ("controller_contact", True, "Telefoonnummer: +31 (0)20 123 4567"),
    ("controller_contact", True, "Bezoekadres: Dorpsstraat 12, 1234 AB Ergenshuizen"),
    ("dpo_contact", True, "Wij hebben een Functionaris Gegevensbescherming (FG) aangesteld. U kunt de FG bereiken "
     "via fg@x.nl."),
    ("international_transfers", True, "Wij slaan uw gegevens op in Nederland."),
    ("international_transfers", True, "Google kan deze gegevens overbrengen naar de Verenigde Staten."),
    ("international_transfers", False, "Wij zijn gevestigd in Nederland en werken voor klanten in heel Europa."),
    ("international_transfers", False, "De AVG geldt in de hele EU."),
    ("retention", True, "Wij bewaren uw gegevens tot twee jaar na uw laatste bestelling."),
    ("retention", True, "De camerabeelden worden na 4 weken automatisch overschreven."),
    ("retention", True, "Uw gegevens worden bewaard conform de wettelijke bewaartermijn."),
    ("retention", False, "Wij reageren binnen vier weken op uw verzoek."),
    ("retention", False, "Analytische cookies hebben een bewaartermijn van 1 jaar."),
    ("right_erasure", True, "U heeft het recht om te vragen uw gegevens te wissen."),
    ("right_access", True, "U heeft recht op een kopie van uw gegevens."),
    ("right_access", True, "U mag ons vragen welke gegevens wij van u hebben."),
    ("right_rectification", True, "U kunt onjuiste gegevens laten aanpassen."),
    ("right_portability", True, "U heeft het recht uw gegevens in een gangbaar formaat te ontvangen."),
    ("right_objection", True, "U kunt zich verzetten tegen het gebruik van uw gegevens."),
    ("withdraw_consent", True, "U kunt uw toestemming op elk moment intrekken."),
    ("withdraw_consent", True, "U kunt zich altijd uitschrijven voor onze nieuwsbrief."),
    ("withdraw_consent", False, "Als u toestemming geeft, mogen wij uw foto op de website plaatsen."),
    ("complaint_authority", True, "U kunt ook een klacht indienen bij de toezichthoudende autoriteit."),
    ("complaint_authority", True, "U kunt klacht indienen bij de Gegevensbeschermingsautoriteit (GBA)."),
    ("complaint_authority", False, "Heeft u een klacht? Neem dan contact met ons op."),
    ("provision_requirement", True, "Velden met een * zijn verplicht."),
    ("provision_requirement", True, "U bent niet verplicht om ons gegevens te verstrekken."),
    ("provision_requirement", True, "Als u deze gegevens niet verstrekt, kunnen wij u niet helpen."),
    ("provision_requirement", True, "Het invullen van de vragenlijst is vrijwillig."),
    ("provision_requirement", False, "Wij zijn verplicht om gegevens te verstrekken aan de Belastingdienst."),
    ("provision_requirement", False, "Wij zijn wettelijk verplicht uw gegevens zeven jaar te bewaren."),
    ("automated_decisions", True, "Er vindt geen profilering plaats."),
    ("automated_decisions", True, "Wij gebruiken uw surfgedrag om u gepersonaliseerde advertenties te tonen."),
    ("automated_decisions", False, "Onze systemen versturen automatisch een bevestiging van uw bestelling."),
    ("data_categories", True, "Wij verwerken uw naam, adres en telefoonnummer."),
    ("data_source", True, "De gegevens ontvangen wij van de gemeente."),
    ("data_source", True, "Wij krijgen uw gegevens via uw school."),
    ("data_source", False, "Wij ontvangen graag uw vragen en opmerkingen."),
    ("security", True, "Onze medewerkers hebben een geheimhoudingsplicht."),
    ("security", True, "Wij maken gebruik van versleutelde verbindingen."),
    ("security", False, "Uw privacy is bij ons in goede handen."),
    ("policy_changes", True, "Deze privacyverklaring is voor het laatst gewijzigd op 1 januari 2024."),
    ("children", True, "Onze diensten zijn niet bedoeld voor kinderen onder de 16 jaar."),
    ("children", False, "Wij verwerken gegevens van leerlingen in ons leerlingvolgsysteem."),
    ("legal_basis", True, "De rechtsgrond voor deze verwerking is artikel 6 lid 1 sub b AVG."),
    ("legal_basis", True, "Wij verwerken uw gegevens omdat dit nodig is om de overeenkomst met u uit te voeren."),
    ("legal_basis", False, "Je kunt je toestemming altijd intrekken."),
    ("recipients", True, "Voor het versturen van pakketten delen wij uw adres met PostNL."),
    ("recipients", True, "Uw gegevens worden gedeeld met de zorgverzekeraar."),
    ("recipients", False, "Wij respecteren de privacy van alle gebruikers van onze website."),
    ("purposes", True, "Uw gegevens worden gebruikt voor de ledenadministratie."),
    ("dpo_contact", False, "Heeft u vragen, neem dan contact op met onze privacy officer via privacy@x.nl."),
    ("right_restriction", False, "Wij beperken de toegang tot uw gegevens tot medewerkers die ze nodig hebben."),
    ("right_objection", False, "Heeft u bezwaar tegen cookies, verwijder ze dan via uw browser."),
    # a minimum age alone says nothing about how minors' data is handled (every gold set since dev9; the age limits
    # of dev4, dev6 and dev8 come with what happens to younger people's data)
    ("children", False, "Onze diensten zijn uitsluitend bedoeld voor personen van 18 jaar en ouder."),
    ("children", True, "Onze diensten zijn uitsluitend bedoeld voor personen van 18 jaar en ouder. Is een gebruiker "
                       "jonger, dan wissen wij zijn gegevens."),
    ("automated_decisions", True, "Wij nemen geen beslissingen die uitsluitend gebaseerd zijn op geautomatiseerde "
     "verwerking."),
    ("security", True, "Wij doen er alles aan om uw gegevens te beschermen."),
    ("security", False, "Uw gegevens zijn bij ons veilig en wij gebruiken ze netjes."),
    ("retention", True, "Wij bewaren uw gegevens zolang u klant bij ons bent."),
    ("data_source", False, "Wij verzamelen gegevens via onze website."),
    ("legitimate_interests", "present", "Wij verwerken uw camerabeelden op grond van ons gerechtvaardigd belang "
     "bij de beveiliging van ons pand."),
    ("legitimate_interests", "absent", "Rechtsgronden: toestemming, uitvoering van een overeenkomst en "
     "gerechtvaardigd belang."),
    # provision requirement: what is required, optional, or what happens without the data
    ("provision_requirement", True, "Zonder deze gegevens kunnen wij uw kind niet inschrijven."),
    ("provision_requirement", True, "Zonder een geldig identiteitsbewijs kunnen wij u helaas niet laten "
     "inchecken."),
    ("provision_requirement", True, "Zonder uw bankrekeningnummer is het niet mogelijk om de contributie te innen."),
    ("provision_requirement", True, "Geeft u deze gegevens niet, dan kunnen wij uw aanvraag niet behandelen."),
    ("provision_requirement", True, "Voor een aanvraag bijzondere bijstand hebben wij gegevens over uw inkomen, uw "
     "vermogen en uw woonsituatie nodig."),
    ("provision_requirement", True, "Voor een periodieke gift zijn uw BSN en handtekening nodig, omdat de "
     "Belastingdienst die gegevens in de overeenkomst verplicht stelt."),
    ("provision_requirement", True, "Je bent niet verplicht om ons je geboortedatum te geven."),
    ("provision_requirement", True, "U bent wettelijk verplicht om uw BSN te verstrekken."),
    ("provision_requirement", True, "Uw e-mailadres is noodzakelijk om u de bevestiging te kunnen sturen."),
    ("provision_requirement", True, "Velden die met een sterretje zijn gemarkeerd, zijn verplicht."),
    ("provision_requirement", True, "Voor een lidmaatschap zijn je naam, geboortedatum en pasfoto daarvoor "
     "verplicht."),
    ("provision_requirement", False, "Zonder uw toestemming delen wij uw gegevens niet met derden."),
    ("provision_requirement", False, "Zonder functionele cookies kan de website niet goed werken."),
    ("provision_requirement", False, "Zonder de steun van onze donateurs kunnen wij ons werk niet doen."),
    ("provision_requirement", False, "Wij verwerken uw gegevens omdat dat noodzakelijk is voor de uitvoering van de "
     "overeenkomst."),
    # automated decisions: profiling and segments count without the legal words
    ("automated_decisions", True, "Hieraan zijn geen besluiten met rechtsgevolgen verbonden; een medewerker beslist "
     "altijd zelf."),
    ("automated_decisions", True, "Met ons CRM-systeem kennen wij een score toe aan leads op basis van hun "
     "websitebezoek en hun reacties op onze e-mails."),
    ("automated_decisions", True, "Wij delen onze klanten op basis van hun aankopen in segmenten in."),
    ("automated_decisions", True, "Op basis van uw klikgedrag in onze nieuwsbrief tonen wij u aanbiedingen die bij u "
     "passen."),
    ("automated_decisions", True, "Wij maken een profiel van uw interesses om u relevante aanbiedingen te doen."),
    ("automated_decisions", False, "Het college van burgemeester en wethouders neemt een besluit op uw aanvraag."),
    ("automated_decisions", False, "Een besluit van de gemeente kan rechtsgevolgen voor u hebben."),
    ("automated_decisions", False, "De score wordt berekend op basis van de antwoorden van de leerling."),
    # a computer or an automated system that decides, in plain words; audiences built for targeted ads
    ("automated_decisions", True, "Wij nemen geen besluiten die alleen door een computer worden genomen."),
    ("automated_decisions", True, "De leasemaatschappij beoordeelt je kredietwaardigheid met een geautomatiseerd "
     "systeem."),
    ("automated_decisions", True, "Op basis van je eerdere aankopen maken we doelgroepen, zodat we je gerichte "
     "advertenties kunnen laten zien."),
    ("automated_decisions", False, "Onze geautomatiseerde systemen worden dagelijks bijgewerkt en beveiligd."),
    ("automated_decisions", False, "Wij slaan uw gegevens op in een computer die met een wachtwoord is beveiligd."),
    # where the data comes from, with the object first (Dutch verb-second order)
    ("data_source", True, "De meeste gegevens krijgen wij van u zelf, bijvoorbeeld via het inschrijfformulier."),
    ("data_source", True, "Gegevens over de wederpartij ontvangen wij meestal van onze cliënt."),
    ("data_source", False, "Uw vragen ontvangen wij graag via het contactformulier."),
    ("data_source", True, "Voor uw aangifte haal ik uw vooraf ingevulde gegevens op bij de Belastingdienst."),
    ("data_source", True, "Bij een doorverkoop ontvangen wij de naam en het e-mailadres van de nieuwe eigenaar."),
    ("data_source", True, "TicketSwap zet het ticket op naam van de koper en wij ontvangen de naam van de nieuwe "
     "eigenaar."),
    ("data_source", False, "Wij ontvangen graag uw reactie via het contactformulier."),
    # separable verbs and plain wording
    ("legitimate_interests", True, "Om nepaccounts te bestrijden. Dat is ons gerechtvaardigd belang: we willen dat "
     "de app veilig is."),
    ("right_portability", True, "Je download kun je meenemen naar een andere dienst."),
    ("data_source", True, "Als je lid wordt van een club, geeft de club je gegevens aan ons door."),
    ("withdraw_consent", True, "Uw toestemming voor de sms-herinneringen trekt u in door STOP te antwoorden."),
    ("withdraw_consent", True, "Je toestemming voor het verwerken van je geloof trek je in door die gegevens te "
     "wissen."),
    ("right_rectification", True, "U kunt ons vragen feitelijke fouten in uw dossier te verbeteren."),
    ("right_erasure", True, "U kunt ons vragen het dossier te vernietigen."),
    # rights and interests in plain wording
    ("right_access", True, "Je mag je gegevens bekijken, laten aanpassen of laten verwijderen."),
    ("right_access", False, "Op onze website kun je onze openingstijden bekijken."),
    ("right_portability", True, "Je kunt je trainingsgegevens downloaden als bestand."),
    ("right_portability", True, "Je kunt ons vragen je gegevens naar een andere aanbieder over te zetten."),
    ("right_portability", False, "Onze folder kunt u downloaden als pdf-bestand."),
    ("legitimate_interests", True, "Wij verwerken deze gegevens op grond van ons gerechtvaardigd belang (artikel 6 lid "
     "1 sub f AVG): het belang om de rechten van onze cliënt te verdedigen."),
    ("legitimate_interests", True, "- Ons gerechtvaardigd belang (artikel 6 lid 1 sub f AVG).\n- Dat belang is het "
     "voorkomen van woonfraude en overlast."),
    # rights in Belgian, legal and plain wording
    ("right_rectification", True, "Kloppen je gegevens niet, dan passen we ze aan."),
    ("right_rectification", True, "U kunt uw gegevens laten rechtzetten."),
    ("right_rectification", True, "Op uw verzoek passen wij uw gegevens aan."),
    ("right_rectification", False, "Wij passen deze privacyverklaring af en toe aan."),
    ("right_erasure", True, "U hebt het recht op inzage, verbetering en wissing van uw persoonsgegevens."),
    ("right_erasure", True, "U heeft het recht op vergetelheid."),
    ("right_access", True, "U heeft recht op inzage in uw gegevens."),
    ("right_access", False, "Alleen onze medewerkers hebben inzage in uw dossier."),
    ("withdraw_consent", True, "Heb je toestemming gegeven, bijvoorbeeld voor de nieuwsbrief of de talentpool, dan "
     "kun je die altijd intrekken."),
    ("security", True, "Alleen de ledenadministrateur, de penningmeester en de secretaris hebben toegang tot de "
     "ledenadministratie."),
    ("cookies", True, "Wij plaatsen alleen functionele cookies; meer informatie vindt u in onze cookieverklaring."),
    ("cookies", False, "Voor meer informatie over cookies verwijzen wij naar onze cookieverklaring."),
    # from a fresh development set (dev4)
    ("withdraw_consent", True, "Je kunt je toestemming voor de nieuwsbrief, de kwartierwaarden of de cookies op elk "
     "moment intrekken."),
    ("withdraw_consent", True, "Uw toestemming kunt u op ieder moment intrekken via de cookie-instellingen."),
    ("right_portability", True, "Je hebt ook het recht om je gegevens te krijgen in een vorm waarmee je ze aan een "
     "andere organisatie kunt geven."),
    ("right_portability", False, "Wij geven je gegevens niet aan een andere organisatie."),
    ("complaint_authority", True, "U kan ook een klacht indienen bij de Vlaamse Toezichtcommissie voor de verwerking "
     "van persoonsgegevens."),
    ("data_source", True, "We ontvangen je meterstanden van je netbeheerder of je geeft ze zelf door."),
    ("data_source", True, "Na je examen krijgen we de uitslag van het CBR."),
    ("data_source", True, "Wil je een verjaardagskorting, dan kan je ons je verjaardag (dag en maand) geven."),
    ("data_source", False, "Met deze statistieken krijgen we inzicht in het gebruik van de website."),
    ("security", True, "Afdelingsbesturen zien alleen de gegevens van de leden in hun eigen afdeling."),
    ("children", False, "Kinderen tot en met 12 jaar hebben gratis toegang."),
    ("children", True, "Ben je jonger dan 16 jaar, dan heb je toestemming van je ouders nodig."),
    # from a fifth fresh development set (dev5)
    ("children", True, "Wij behandelen jongeren vanaf 16 jaar. Vanaf die leeftijd beslist een jongere zelf over de "
     "behandeling."),
    ("right_rectification", True, "U heeft het recht op inzage, verbetering, wissing en beperking van de verwerking."),
    ("security", True, "De medische fiches zitten in een afgesloten map bij de groepsleiding."),
    ("automated_decisions", True, "Zakt je score onder een bepaalde grens, dan blokkeert ons systeem je account "
     "automatisch voor 24 uur."),
    ("provision_requirement", True, "U bent bij het aanvragen van een verzekering verplicht de vragen van de "
     "verzekeraar juist en volledig te beantwoorden."),
    ("provision_requirement", False, "Na de keuring zijn we wettelijk verplicht het resultaat aan de RDW door te "
     "geven."),
    ("data_source", True, "Je studiepunten vragen we aan jou zelf; we halen ze niet op uit het studievolgsysteem."),
    ("data_source", True, "We zoeken actief naar kandidaten op LinkedIn en op openbare websites."),
    ("data_source", True, "Heeft uw kind een leerstoornis, dan kunt u dat aan ons melden."),
    ("data_source", True, "Verenigingen die een zaal huren, geven ons de naam en het telefoonnummer van een "
                          "contactpersoon."),
    ("data_source", True, "In de app bewaren wij de foto's van de schade die je zelf uploadt."),
    ("legitimate_interests", "present", "Wij sturen klanten aanbiedingen. Dit doen we op basis van ons gerechtvaardigd "
                                        "belang; ons belang is dat we de juiste producten in de winkel hebben."),
    ("policy_changes", True, "Privacyverklaring Sportdienst\n\nGoedgekeurd door het college van burgemeester en "
                             "schepenen op 20 januari 2025\n\n1. Wie is verantwoordelijk?\n\nDe sportdienst."),
    ("children", True, "Kinderen\n\nOnze website is niet bedoeld voor kinderen jonger dan 16 jaar."),
    ("children", True, "Jonger dan 16?\n\nBen je jonger dan 16 jaar? Dan tekent je vader of moeder mee."),
    ("children", False, "Boeken\n\nJe boekt een kamer voor een groep. Spelers moeten minimaal 10 jaar oud zijn en "
                        "kinderen tot 14 jaar spelen alleen met een volwassene in het team."),
    ("right_restriction", False, "Heb je dyslexie, een visuele beperking of iets anders waar de docent rekening mee "
                                 "kan houden? Vertel het ons."),
    ("withdraw_consent", True, "Wil je achteraf toch niet meer op onze Instagram staan? Stuur een berichtje, dan "
                               "halen we de foto weg."),
    ("right_portability", True, "U heeft recht op inzage en op overdracht van uw parkeerhistorie in een CSV-bestand."),
    ("legitimate_interests", "present", "- De camera's: ons gerechtvaardigd belang (art. 6.1.f AVG), namelijk het "
                                        "voorkomen van fietsdiefstal."),
    ("purposes", True, "C. Waarom en op welke grond?\n\n- Het sluiten en uitvoeren van het huurcontract: uitvoering "
                       "van de overeenkomst (art. 6.1.b AVG).\n- Het bijhouden van de boekhouding: wettelijke "
                       "verplichting (art. 6.1.c AVG)."),
    ("children", False, "Kinderen\n\nKinderen tot 12 jaar reizen alleen met een volwassen begeleider. Meer "
                        "informatie vind je op onze website."),
    ("controller_identity", False, "Privacyverklaring\n\nHet festival vindt dit jaar plaats op:\nMarktplein 3"),
    ("children", True, "Blijkt bij de identificatie dat u jonger bent dan 18 jaar, dan verwijderen wij uw "
                       "registratie."),
    ("children", False, "Gezin\n\nVoor de kredietaanvraag noteren wij uw burgerlijke staat en het aantal kinderen "
                        "ten laste."),
    ("legitimate_interests", "present", "Camera's hangen er op grond van ons gerechtvaardigd belang, namelijk het "
                                        "voorkomen van diefstal uit de winkel."),
    ("legitimate_interests", "present", "Dat doen wij op grond van ons gerechtvaardigd belang (artikel 6.1.f AVG): wij "
                                        "willen onze klanten goed blijven adviseren."),
    ("provision_requirement", True, "Zonder het adres van de installatie kunnen onze monteurs niet bij u langskomen."),
    ("provision_requirement", True, "Zonder loonfiches kan geen enkele kredietgever uw aanvraag beoordelen."),
    ("data_source", True, "Je klantmanager van de gemeente meldt je bij ons aan."),
    ("data_source", True, "Je stelt je kandidaat via het formulier op onze website."),
    ("complaint_authority", True, "Ben je het niet eens met hoe we met je gegevens omgaan, dan kun je terecht bij de "
                                  "Gegevensbeschermingsautoriteit."),
    ("automated_decisions", True, "Een medewerker beslist over de adoptie; we gebruiken geen scoresysteem of andere "
                                  "automatische beoordeling."),
    ("right_portability", True, "Stapt u over naar een andere audicien, dan sturen wij uw audiogram op uw verzoek naar "
                                "die audicien."),
    ("children", False, "Artikel 8. Kinderen\n\nKinderen tot 12 jaar reizen alleen met een volwassen begeleider. Wij "
                        "zorgen voor een kinderzitje als u dat bij het bestellen aangeeft."),
    ("right_erasure", True, "U heeft recht op inzage, correctie en wissing van uw gegevens en op een kopie van uw "
                            "aankoopgeschiedenis; uw toestemming trekt u in via de cookiebanner."),
    ("right_rectification", True, "U heeft het recht op inzage in uw dossier, op verbetering en op wissing."),
    ("right_access", True, "Jullie mogen altijd vragen welke gegevens we van jullie bewaren."),
    ("data_source", True, "Cijferlijsten geef je ons zelf."),
    ("data_source", True, "Voor de tafelschikking krijgen we van jullie de namen van jullie gasten."),
    ("data_source", False, "Je kunt ons toestemming geven voor foto's."),
    ("provision_requirement", True, "Zonder een geldig legitimatiebewijs mogen wij u geen kamer geven."),
    ("provision_requirement", True, "Zonder geldige toegangspas wordt u niet tot het recyclingstation toegelaten."),
    ("provision_requirement", False, "Zonder afspraak wordt u niet geholpen."),
    ("legitimate_interests", False, "De gegevens van bezoekers verwerken we op grond van ons gerechtvaardigd belang."),
]


@pytest.mark.parametrize(("item", "want", "text"), MORE_PHRASINGS)
def test_more_phrasings_from_other_templates(check, item, want, text):
    status = check(text, item)
    if isinstance(want, bool):
        assert (status in ADDRESSED) == want, status
    else:
        assert status == want


WEBSHOP = """Privacyverklaring

Webwinkel Groenvinger, gevestigd aan Kerkstraat 8, 9711 AB Groningen, is verantwoordelijk voor de verwerking van \
persoonsgegevens zoals weergegeven in deze privacyverklaring.

Persoonsgegevens die wij verwerken
Groenvinger verwerkt je persoonsgegevens doordat je gebruik maakt van onze diensten en/of omdat je deze gegevens \
zelf aan ons verstrekt. Hieronder vind je een overzicht van de persoonsgegevens die wij verwerken:
- Voor- en achternaam
- E-mailadres

Bijzondere en/of gevoelige persoonsgegevens die wij verwerken
Onze website heeft niet de intentie gegevens te verzamelen over websitebezoekers die jonger zijn dan 16 jaar.

Met welk doel en op basis van welke grondslag wij persoonsgegevens verwerken
Groenvinger verwerkt ook persoonsgegevens als wij hier wettelijk toe verplicht zijn, zoals gegevens die wij nodig \
hebben voor onze belastingaangifte.

Geautomatiseerde besluitvorming
Groenvinger neemt niet op basis van geautomatiseerde verwerkingen besluiten over zaken die (aanzienlijke) gevolgen \
kunnen hebben voor personen.

Hoe lang we persoonsgegevens bewaren
Groenvinger bewaart je persoonsgegevens niet langer dan strikt nodig is om de doelen te realiseren.

Delen van persoonsgegevens met derden
Groenvinger verkoopt jouw gegevens niet aan derden en zal deze uitsluitend verstrekken indien dit nodig is voor de \
uitvoering van onze overeenkomst met jou. Met bedrijven die jouw gegevens verwerken in onze opdracht, sluiten wij \
een bewerkersovereenkomst.

Cookies, of vergelijkbare technieken, die wij gebruiken
Groenvinger gebruikt alleen technische en functionele cookies.

Gegevens inzien, aanpassen of verwijderen
Je hebt het recht om je persoonsgegevens in te zien, te corrigeren of te verwijderen. Daarnaast heb je het recht \
om je eventuele toestemming voor de gegevensverwerking in te trekken of bezwaar te maken tegen de verwerking van \
jouw persoonsgegevens en heb je het recht op gegevensoverdraagbaarheid. Je kunt een klacht indienen bij de \
nationale toezichthouder, de Autoriteit Persoonsgegevens.

Hoe wij persoonsgegevens beveiligen
Groenvinger neemt passende maatregelen om misbruik, verlies en onbevoegde toegang tegen te gaan. Mail ons via \
info@groenvinger.nl.
"""

PRACTICE = """Privacyreglement Fysiotherapie Beweegwel

Voor een goede behandeling is het noodzakelijk dat wij een dossier aanleggen. Dit is een wettelijke verplichting \
op grond van de WGBO. In uw dossier staan aantekeningen over uw gezondheidstoestand. Ook gegevens die wij van \
andere zorgverleners ontvangen, zoals van uw huisarts, worden opgenomen.

Uw gegevens zijn alleen toegankelijk voor de behandelend fysiotherapeut. Wij bewaren uw dossier twintig jaar.

U heeft het recht uw dossier in te zien en een kopie te ontvangen. Ook kunt u verzoeken uw dossier te laten \
vernietigen. Wij verstrekken gegevens alleen aan derden, zoals uw zorgverzekeraar, als de wet dat vereist.

Onze praktijk is gevestigd aan de Laan van Nieuw Oosteinde 10, 2274 EG Voorburg, telefoon 070 - 386 00 00.
"""

COOKIES_ONLY = """Cookieverklaring

Deze website maakt gebruik van cookies. Wij gebruiken functionele cookies en analytische cookies van Google \
Analytics. Google kan deze informatie aan derden verschaffen indien Google hiertoe wettelijk wordt verplicht. Je \
kunt cookies verwijderen of blokkeren via de instellingen van je browser. Deze cookies worden na twee jaar \
automatisch verwijderd. Heb je bezwaar tegen cookies? Stel dan je browser zo in dat hij geen cookies accepteert.
"""


@pytest.mark.parametrize(("text", "addressed", "not_addressed"), [
    (WEBSHOP, {"controller_identity", "controller_contact", "purposes", "legal_basis", "recipients", "retention",
               "right_access", "right_rectification", "right_erasure", "right_objection", "right_portability",
               "withdraw_consent", "complaint_authority", "automated_decisions", "data_categories", "data_source",
               "security", "cookies", "children"},
     {"dpo_contact", "international_transfers", "right_restriction", "provision_requirement", "policy_changes"}),
    (PRACTICE, {"controller_identity", "controller_contact", "purposes", "legal_basis", "recipients", "retention",
                "right_access", "right_erasure", "data_categories", "data_source", "security"},
     {"dpo_contact", "international_transfers", "right_rectification", "right_restriction", "right_objection",
      "right_portability", "withdraw_consent", "complaint_authority", "automated_decisions", "cookies", "children"}),
    (COOKIES_ONLY, {"cookies"},
     {"legal_basis", "retention", "right_erasure", "right_objection", "withdraw_consent", "international_transfers",
      "security", "dpo_contact", "complaint_authority", "provision_requirement", "data_source"}),
], ids=["webshop-template", "healthcare-practice", "cookie-statement"])
def test_whole_statements_from_other_templates(analyse_text, text, addressed, not_addressed):
    doc = analyse_text(text, use_model=False)
    status = {c.item: c.status for c in doc._.checklist}
    assert {i for i in addressed if status[i] not in ADDRESSED} == set()
    assert {i for i in not_addressed if status[i] in ADDRESSED} == set()


# ------------------------------------------------------------------ traps


def test_cookies_verwijderen_in_a_cookie_paragraph_is_not_the_right_to_erasure(check):
    text = ("Cookies\n\nWij gebruiken analytische cookies. Je kunt cookies verwijderen via de instellingen van je "
            "browser. Daarnaast kun je ook alle informatie die eerder is opgeslagen verwijderen.")
    assert check(text, "right_erasure") == "absent"
    assert check(text, "cookies") == "present"


def test_deletion_by_the_organisation_is_retention_not_the_right_to_erasure(check):
    text = "Wij verwijderen uw gegevens binnen drie maanden nadat uw account is opgeheven."
    assert check(text, "right_erasure") == "absent"
    assert check(text, "retention") == "present"


def test_a_right_listed_under_a_rights_heading_counts(check):
    text = "Jouw rechten\n\nJe hebt de volgende rechten:\n- Inzage\n- Beperking van de verwerking\n- Bezwaar"
    assert check(text, "right_access") == "present"
    assert check(text, "right_restriction") == "present"
    assert check(text, "right_objection") == "present"


def test_a_rights_paragraph_naming_some_rights_leaves_the_others_absent(check):
    text = "Uw rechten\n\nU heeft het recht om uw gegevens in te zien, te corrigeren of te laten verwijderen."
    assert check(text, "right_access") == "present"
    assert check(text, "right_rectification") == "present"
    assert check(text, "right_erasure") == "present"
    assert check(text, "right_restriction") == "absent"
    assert check(text, "right_portability") == "absent"
    assert check(text, "right_objection") == "absent"


def test_exercising_your_rights_without_naming_one_addresses_none(check):
    text = ("Uw rechten uitoefenen\n\nU kunt uw rechten uitoefenen door contact met ons op te nemen via "
            "privacy@voorbeeld.nl.")
    for item in ("right_access", "right_rectification", "right_erasure", "right_restriction", "right_objection",
                 "right_portability"):
        assert check(text, item) == "absent", item


def test_an_introduction_announcing_the_topics_addresses_none_of_them(check):
    text = ("In deze privacyverklaring leggen we uit welke persoonsgegevens we verzamelen, waarvoor we ze gebruiken "
            "en met welke ontvangers we ze delen.")
    for item in ("recipients", "data_categories", "purposes"):
        assert check(text, item) == "absent", item


def test_sharing_a_link_with_others_is_not_a_recipient(check):
    assert check("Je kunt de link naar je videokamer delen met anderen.", "recipients") == "absent"


def test_negative_statements_address_their_item(check):
    assert check("Wij maken geen gebruik van geautomatiseerde besluitvorming.", "automated_decisions") == "present"
    assert check("Deze website gebruikt geen cookies.", "cookies") == "present"
    assert check("Wij delen uw gegevens niet met derden.", "recipients") == "present"
    assert check("Wij verzamelen geen persoonsgegevens.", "data_categories") == "present"
    assert check("Trajecti Voces heeft geen functionaris gegevensbescherming.", "dpo_contact") == "present"


def test_vague_retention_criterion_is_partial(check):
    text = "Wij bewaren uw persoonsgegevens niet langer dan strikt noodzakelijk is voor de doelen van de verwerking."
    assert check(text, "retention") == "partial"


def test_retention_with_a_period_is_present(check):
    assert check("De gegevens worden na afloop van het contract nog twee jaar bewaard.", "retention") == "present"


def test_derden_without_names_or_categories_is_partial(check):
    text = "Wij kunnen uw gegevens aan derden verstrekken als dat nodig is voor onze dienstverlening."
    assert check(text, "recipients") == "partial"


def test_named_recipient_categories_are_present(check):
    text = "Wij delen uw gegevens met derden, zoals onze betaalprovider en het incassobureau waarmee wij werken."
    assert check(text, "recipients") == "present"


def test_transfer_outside_the_eu_without_safeguards_is_partial(check):
    text = "Sommige van onze dienstverleners verwerken gegevens buiten de Europese Economische Ruimte."
    assert check(text, "international_transfers") == "partial"
    text += " Daarvoor sluiten wij standaardcontractbepalingen van de Europese Commissie af."
    assert check(text, "international_transfers") == "present"


def test_legitimate_interest_not_invoked_is_not_applicable(check):
    text = "Wij verwerken uw e-mailadres op basis van uw toestemming om u de nieuwsbrief te sturen."
    assert check(text, "legitimate_interests") == "not_applicable"


def test_legitimate_interest_in_the_objection_right_only_is_not_applicable(check):
    text = ("Je kunt bezwaar maken tegen verwerking van je gegevens, als we je gegevens verwerken op basis van een "
            "eigen gerechtvaardigd belang.")
    assert check(text, "legitimate_interests") == "not_applicable"


def test_legitimate_interest_with_the_interest_described_is_present(check):
    text = ("Wij verwerken uw gegevens op basis van ons gerechtvaardigd belang om onze dienstverlening te "
            "verbeteren.")
    assert check(text, "legitimate_interests") == "present"


def test_legitimate_interest_named_without_the_interest_is_absent(check):
    text = 'Voor docenten kan de grondslag "Gerechtvaardigd belang" of "Uitvoering overeenkomst" van toepassing zijn.'
    assert check(text, "legitimate_interests") == "absent"


def test_newsletter_opt_out_addresses_withdrawal_of_consent_partly(check):
    text = "Iedere nieuwsbrief bevat een afmeldlink waarmee u zich kunt afmelden."
    assert check(text, "withdraw_consent") == "partial"


def test_service_messages_you_cannot_unsubscribe_from_do_not_count(check):
    text = "Voor serviceberichten kun je je niet afmelden."
    assert check(text, "withdraw_consent") == "absent"


def test_autoriteit_persoonsgegevens_without_a_complaint_is_not_the_complaint_right(check):
    text = "Meer informatie over privacy vindt u op de website van de Autoriteit Persoonsgegevens."
    assert check(text, "complaint_authority") == "absent"


def test_careful_handling_is_not_a_security_measure(check):
    text = "Wij gaan zorgvuldig om met uw persoonsgegevens en behandelen ze vertrouwelijk."
    assert check(text, "security") == "absent"


def test_ip_addresses_collected_for_security_are_not_a_security_measure(check):
    text = "Onze hostingpartij verzamelt de IP-adressen van bezoekers ten behoeve van beveiliging."
    assert check(text, "security") == "absent"


def test_automatic_technical_processing_is_not_automated_decision_making(check):
    text = "Daarnaast voeren we geautomatiseerd tellingen uit van het aantal gebruikers ten behoeve van facturatie."
    assert check(text, "automated_decisions") == "absent"


def test_interest_profiles_address_automated_decisions_partly(check):
    text = "Met uw toestemming gebruiken wij uw klikgedrag om onze aanbiedingen af te stemmen op uw interesses."
    assert check(text, "automated_decisions") == "partial"


def test_asking_for_data_is_not_a_provision_requirement(check):
    text = "Wanneer je je registreert, vragen wij je om je persoonlijke gegevens in te vullen."
    assert check(text, "provision_requirement") == "absent"


def test_no_dpo_because_not_obliged_is_not_a_provision_requirement(check):
    text = ("Functionaris gegevensbescherming\n\nDe vereniging heeft geen functionaris gegevensbescherming "
            "aangesteld; dat is voor een vereniging als de onze niet verplicht.")
    assert check(text, "provision_requirement") == "absent"
    assert check(text, "dpo_contact") == "present"


def test_a_cookie_heading_over_a_referral_only_does_not_explain_cookies(check):
    text = ("Privacyverklaring\n\n10. Cookies\n\nVoor informatie over cookies op onze website verwijzen wij naar "
            "onze cookieverklaring.")
    assert check(text, "cookies") == "absent"
    explained = text.replace("Voor informatie", "Wij gebruiken alleen functionele cookies. Voor informatie")
    assert check(explained, "cookies") == "present"
    roman = "Privacybeleid\n\nXI. Cookies\n\nVoor het gebruik van cookies verwijst Leieland naar haar cookiebeleid."
    assert check(roman, "cookies") == "absent"


def test_data_minimisation_is_not_the_right_to_restriction(check):
    text = "Verwerking van uw persoonsgegevens is beperkt tot enkel die gegevens die minimaal nodig zijn."
    assert check(text, "right_restriction") == "absent"


def test_changing_the_privacy_statement_is_not_the_right_to_rectification(check):
    text = "Wij behouden ons het recht voor om wijzigingen aan te brengen in deze privacyverklaring."
    assert check(text, "right_rectification") == "absent"
    assert check(text, "policy_changes") == "present"


def test_a_contact_form_only_is_partial_contact(check):
    text = "Voor vragen kunt u gebruikmaken van het contactformulier op onze website."
    assert check(text, "controller_contact") == "partial"


def test_the_supervisory_authority_phone_number_is_not_the_controller_contact(check):
    text = "U kunt een klacht indienen bij de Autoriteit Persoonsgegevens, telefoon 088 - 180 52 50."
    assert check(text, "controller_contact") == "absent"


def test_a_topic_only_in_a_heading_is_partial(check):
    text = "Privacyverklaring\n\nGeautomatiseerde besluitvorming\n\nHierover later meer."
    assert check(text, "automated_decisions") == "partial"


# ------------------------------------------------------------------ the model seam


def test_model_evidence_is_merged_when_a_model_is_available(analyse_text, monkeypatch):
    from analyser import model

    def predict_spans(doc, offsets):
        text = doc.text
        return [{"dpo_contact": 0.9} if "privacyteam" in text[a:b] else {} for a, b in offsets]

    text = "Vragen over privacy? Ons privacyteam denkt graag met u mee."
    assert next(c for c in analyse_text(text, use_model=False)._.checklist if c.item == "dpo_contact").status == \
        "absent"
    monkeypatch.setattr(model, "model_available", lambda: True)
    monkeypatch.setattr(model, "predict_spans", predict_spans)
    item = next(c for c in analyse_text(text, use_model=True)._.checklist if c.item == "dpo_contact")
    assert item.status == "present" and item.source == "model"
    assert "privacyteam" in item.evidence[0].text


# ------------------------------------------------------------------ score


def _items(statuses: dict[str, str]) -> list[ChecklistItem]:
    out = []
    for spec in load_data("vocabulary")["checklist"]:
        out.append(ChecklistItem(spec["id"], spec["article"], statuses.get(spec["id"], "present"),
                                 required=spec["required"]))
    return out


def test_score_counts_required_items_that_apply_with_half_points_for_partial():
    required = [c["id"] for c in load_data("vocabulary")["checklist"] if c["required"]]
    statuses = {required[0]: "absent", required[1]: "partial", "legitimate_interests": "not_applicable",
                "security": "absent"}  # security is optional: not counted
    score = compute_score(_items(statuses))
    applicable = len(required) - 1
    assert score.applicable == applicable
    assert (score.present, score.partial, score.absent) == (applicable - 2, 1, 1)
    assert score.value == round(100 * (applicable - 2 + 0.5) / applicable, 1)


@pytest.mark.parametrize(("absent", "band"),
                         [(0, "goed"), (4, "goed"), (5, "matig"), (9, "matig"), (10, "onvoldoende")])
def test_score_bands(absent, band):
    required = [c["id"] for c in load_data("vocabulary")["checklist"] if c["required"]]
    score = compute_score(_items({item: "absent" for item in required[:absent]}))
    assert score.band == band
    assert score.value == round(100 * (len(required) - absent) / len(required), 1)


def test_score_is_in_the_report(analyse_text):
    doc = analyse_text("Privacyverklaring\n\nWij gebruiken geen cookies.", use_model=False)
    assert 0 <= doc._.score.value <= 100 and doc._.score.band in {"goed", "matig", "onvoldoende"}


# ------------------------------------------------------------------ data files


def _fast_start(pattern: re.Pattern[str]) -> bool:
    """Every alternative starts with a literal character (or the pattern is ^-anchored): Python's re then
    skips most positions with a cheap first-character test."""
    from re import _constants as C
    from re import _parser

    def first_ok(seq) -> bool:
        for op, av in seq:
            if op in (C.LITERAL, C.IN):
                return True
            if op is C.SUBPATTERN:
                return first_ok(av[-1])
            if op is C.BRANCH:
                return all(first_ok(b) for b in av[1])
            if op in (C.MAX_REPEAT, C.MIN_REPEAT):
                return av[0] >= 1 and first_ok(av[2])
            if op is C.AT:
                return av is C.AT_BEGINNING
            return False
        return False

    return first_ok(_parser.parse(pattern.pattern, pattern.flags))


def test_every_checklist_item_has_cues_and_patterns_start_cheaply():
    r = rules()
    assert [i.id for i in r.items] == checklist_ids()
    for item in r.items:
        assert item.cues, item.id
        for cue in item.cues:
            if cue.pattern is not None:
                assert _fast_start(cue.pattern), (item.id, cue.pattern.pattern[:80])


def _sentences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [f" {part.strip().lower()} " for line in text.splitlines() for part in re.split(r"(?<=[.?!])\s+", line)
            if part.strip()]


def test_a_matcher_answers_as_its_pattern_on_corpus_sentences(corpus_texts):
    from analyser.sieves import Matcher

    sentences = [s for path in corpus_texts[::3] for s in _sentences(path)]
    sentences += [s.strip() for s in sentences[:200]]  # unpadded too, as case-sensitive patterns see them
    r = rules()
    patterns = [p for cue in r.cues for p in (cue.pattern, cue.context, cue.exclude,
                                              cue.upgrade.pattern if cue.upgrade else None) if p is not None]
    patterns += [p for item in r.items for p in (item.exclude, item.fact_exclude) if p is not None]
    assert len(patterns) > 150
    for pattern in patterns:
        matcher = Matcher(pattern)
        for sentence in sentences:
            assert matcher.search(sentence) == bool(pattern.search(sentence)), (pattern.pattern[:60], sentence)


def test_the_rules_quick_tests_answer_as_their_patterns_on_corpus_sentences(corpus_texts):
    sentences = [s for path in corpus_texts[::3] for s in _sentences(path)]
    sentences += [s.strip() for s in sentences[:200]]
    r = rules()
    tests = [(p, t) for cue in r.cues for p, t in (
        (cue.pattern, cue.match), (cue.context, cue.context_match), (cue.exclude, cue.exclude_match),
        (cue.upgrade.pattern, cue.upgrade.match) if cue.upgrade else (None, None)) if p is not None]
    tests += [(p, t) for item in r.items for p, t in ((item.exclude, item.exclude_match),
                                                      (item.fact_exclude, item.fact_exclude_match)) if p is not None]
    assert len(tests) > 150
    for pattern, test in tests:
        for sentence in sentences:
            assert test.search(sentence) is bool(pattern.search(sentence)), (pattern.pattern[:60], sentence)


def test_a_quick_test_is_its_matcher_written_out_as_one_expression():
    from analyser.quicktest import QuickTest
    from analyser.sieves import Matcher

    test = QuickTest(Matcher(re.compile(r"nadat|(?:(?:\d+|een) (?:dag|jaar)\b|[a|b]x)")))
    assert test.source == "'nadat' in t or (('dag' in t or 'jaar' in t) and p0(t) is not None) or (p1(t) is not None)"
    assert test.search(" nadat ") is True and test.search(" binnen 2 jaar ") is True
    assert test.search(" 2 jaarlijks ") is False and test.search("|x") is True
    assert QuickTest(Matcher(re.compile("(?i:Stichting) [A-Z]"))).search("de stichting X") is True


def test_a_matcher_splits_alternatives_and_tests_plain_strings_with_in():
    from analyser.sieves import Matcher

    matcher = Matcher(re.compile(r"nadat|na afloop|(?:(?:\d+|een) (?:dag|jaar)\b|[a|b]x)|(?:zolang)"))
    assert matcher.literals == ("nadat", "na afloop", "zolang")
    assert [p.pattern for _, p in matcher.parts] == [r"(?:\d+|een) (?:dag|jaar)\b", "[a|b]x"]
    assert matcher.parts[0][0] == (("dag", "jaar"),)  # one of these is in every match
    assert matcher.search(" binnen 2 jaar ") and matcher.search("|x") and not matcher.search(" 2 jaarlijks ")
    whole = Matcher(re.compile("(?i:Stichting) [A-Z]"))  # no top-level alternatives: the pattern itself
    assert whole.literals == () and whole.search("de stichting X")


def test_sentence_starts_are_shared_with_the_other_stages(analyse_text):
    from analyser.checklist import DocView

    doc = analyse_text("Privacyverklaring\n\nWij bewaren je naam zeven jaar. Je kunt je gegevens inzien.",
                       use_model=False)
    assert DocView.build(doc).starts == doc.user_data["analyser_sentence_starts"] == [0, 19, 51]


def test_sentence_offsets_are_those_of_the_sentences_without_blank_ones(analyse_text):
    from analyser.checklist import DocView

    doc = analyse_text("Privacyverklaring\n\n \n\nWij bewaren je naam zeven jaar. Je kunt je gegevens inzien.\n",
                       use_model=False)
    view = DocView.build(doc)
    expected = [(s.start, s.end) for s in map(view.sentence, range(len(view.starts))) if s.text]
    assert view.offsets() == expected
    assert [doc.text[a:b] for a, b in expected][-1] == "Je kunt je gegevens inzien."  # no trailing newline


def test_the_strongest_sentence_is_found_and_shown_first(analyse_text):
    text = ("Uw rechten\n\nWelke gegevens wij van u verwerken, hangt af van de dienst die u bij ons afneemt. "
            "U heeft het recht op inzage in uw persoonsgegevens.")
    doc = analyse_text(text, use_model=False)
    access = next(c for c in doc._.checklist if c.item == "right_access")
    assert access.status == "present"
    assert "recht op inzage" in access.evidence[0].text


def test_a_purposes_section_needs_no_data_word_to_state_a_purpose(check):
    text = ("Privacyverklaring\n\nWaarvoor en op welke grond?\n\n- Het verkopen en repareren van je auto. Dat is "
            "nodig om de overeenkomst met je uit te voeren.\n")
    assert check(text, "purposes") == "present"
    assert check("Privacyverklaring\n\nOpeningstijden\n\nEen afspraak is nodig om de werkplaats te bezoeken.\n",
                 "purposes") == "absent"


def test_topics_announce_retention_and_rights():
    from analyser.segment import heading_topics

    assert "retention" in heading_topics("Bewaartermijn")
    assert "retention" in heading_topics("Hoe lang bewaren wij je gegevens?")
    assert {"right_access", "right_erasure", "right_objection"} <= set(heading_topics("Uw rechten"))
    assert "cookies" in heading_topics("Cookies en vergelijkbare technieken")
    assert "security" not in heading_topics("Functionaris gegevensbescherming")
    assert "right_rectification" not in heading_topics("Wijzigingen in deze privacyverklaring")


# ------------------------------------------------------------------ corpus floors (rules only)


def test_decisions_that_are_not_fully_automated_address_automated_decisions(check):
    assert check("Wij nemen bij de verkoop geen beslissingen die volledig geautomatiseerd zijn.",
                 "automated_decisions") != "absent"


def test_asking_to_be_taken_off_the_website_withdraws_consent(check):
    assert check("Met jullie toestemming plaatsen we foto's op onze website. Willen jullie toch niet meer op onze "
                 "website staan, laat het ons weten, dan halen we de foto's weg.", "withdraw_consent") != "absent"


def test_what_the_reader_sends_us_is_a_source_but_messages_are_not(check):
    assert check("Tips: alles wat je ons stuurt via het tipformulier of WhatsApp.", "data_source") != "absent"
    assert check("Communicatie: berichten die je ons stuurt via e-mail of chat.", "data_source") == "absent"


@pytest.fixture(scope="module")
def rules_evaluation(corpus_texts, gold):
    from analyser import analyse
    from analyser.evaluate import Evaluation, score_document

    evaluation = Evaluation()
    for path in corpus_texts:
        score_document(analyse(path, use_model=False), gold[path.stem], evaluation)
    return evaluation


def test_corpus_missing_item_detection_floor(rules_evaluation):
    missing = rules_evaluation.fields["missing"]
    assert missing.precision >= 0.98 and missing.recall >= 0.98


def test_corpus_checklist_item_averaged_f1_floor(rules_evaluation):
    assert rules_evaluation.item_macro_f1 >= 0.98


def test_corpus_every_item_f1_floor(rules_evaluation):
    for item, counts in rules_evaluation.items.items():
        assert counts.f1 >= 0.90, (item, counts.as_dict())


# ------------------------------------------------------------------ development set (other genres; not tuned on)


@pytest.fixture(scope="module")
def dev_evaluation():
    from analyser import analyse
    from analyser.evaluate import Evaluation, score_document

    dev = Path(__file__).resolve().parents[1] / "corpus" / "dev"
    evaluation = Evaluation()
    for path in sorted((dev / "texts").glob("*.txt")):
        gold = json.loads((dev / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        score_document(analyse(path, use_model=False), gold, evaluation)
    return evaluation


def test_dev_set_missing_items_and_item_averaged_f1_floor(dev_evaluation):
    missing = dev_evaluation.fields["missing"]
    assert missing.precision >= 0.95 and missing.recall >= 0.95, missing.as_dict()
    assert dev_evaluation.item_macro_f1 >= 0.97


def test_a_sales_age_limit_or_a_family_segment_says_nothing_about_childrens_data(check):
    assert check("Wij vragen uw geboortedatum, omdat wij alcohol alleen aan mensen van 18 jaar en ouder mogen "
                 "verkopen.", "children") == "absent"
    assert check("Wij delen klanten in groepen in, zoals 'gezin met jonge kinderen' of 'veel vegetarisch', en "
                 "verwerken daarvoor hun bestellingen.", "children") == "absent"
    assert check("Gegevens van kinderen jonger dan 16 jaar verwerken wij alleen met toestemming van een ouder.",
                 "children") == "present"


@pytest.mark.parametrize("text", [
    "Een laadpas kun je alleen aanvragen als je 18 jaar of ouder bent.",
    "We werken alleen voor mensen van 18 jaar en ouder, ook niet als je jonger bent en je ouders het goedvinden.",
])
def test_a_minimum_age_for_a_service_alone_says_nothing_about_childrens_data(check, text):
    assert check(text, "children") == "absent"


@pytest.mark.parametrize("text", [
    "Ons platform is alleen voor mensen van 18 jaar en ouder. Blijkt dat een gebruiker jonger is, dan verwijderen "
    "we het account met alle gegevens.",
    "Een account kan alleen vanaf 16 jaar. Ben je jonger, dan is toestemming van je ouders nodig.",
])
def test_a_minimum_age_with_what_happens_to_younger_peoples_data_addresses_children(check, text):
    assert check(text, "children") == "present"


def test_a_child_among_the_relatives_is_no_minor(check):
    assert check("Wij verwerken gegevens van de opdrachtgever van de uitvaart, meestal een partner, kind of andere "
                 "naaste van de overledene.", "children") == "absent"
    assert check("Kinderen jonger dan 16 jaar worden daarbij vertegenwoordigd door hun ouders of voogd.",
                 "children") == "present"


def test_a_product_valid_from_a_moment_is_no_version_date(check):
    assert check("Een abonnement is 365 dagen geldig vanaf de eerste scan.", "policy_changes") == "absent"
    assert check("Deze privacyverklaring is geldig vanaf 1 januari 2025.", "policy_changes") == "present"


def test_what_happens_without_some_data_is_a_provision_requirement(check):
    assert check("Zonder geldig identiteitsbewijs kunnen wij u alleen bij spoed behandelen.",
                 "provision_requirement") == "present"
    assert check("Zonder de gevraagde identificatiegegevens kan Leieland geen polis afsluiten.",
                 "provision_requirement") == "present"


def test_receiving_data_in_a_digital_file_or_passing_it_to_another_care_provider_is_portability(check):
    text = ("U heeft het recht om uw gegevens in een digitaal bestand te ontvangen of aan een andere zorgverlener te "
            "laten overdragen.")
    assert check(text, "right_portability") == "present"


def test_a_separable_unsubscribe_verb_is_an_opt_out(check):
    text = "Van de nieuwsbrief schrijf je je uit via de link onderaan elke mail."
    assert check(text, "withdraw_consent") == "partial"
    assert check("Schrijf je je in voor de nieuwsbrief, dan krijg je elke maand een mail uit onze winkel.",
                 "withdraw_consent") == "absent"


def test_a_system_that_decides_automatically_addresses_automated_decisions(check):
    assert check("Ons systeem kiest op basis van je profiel automatisch voor welke onderzoeken je een uitnodiging "
                 "krijgt.", "automated_decisions") == "present"
    assert check("Bij opname berekent het dossiersysteem automatisch uw risico op vallen, op basis van uw leeftijd.",
                 "automated_decisions") == "present"
    assert check("Ons systeem verwijdert uw gegevens automatisch na dertig dagen.", "automated_decisions") == "absent"


def test_research_among_teenagers_with_a_parents_consent_addresses_children(check):
    text = ("Voor onderzoek onder jongeren van 12 tot 16 jaar nodigen we alleen panelleden uit die ouder zijn van zo'n "
            "jongere, en vragen we eerst de ouder om toestemming.")
    assert check(text, "children") == "present"


def test_editing_ones_own_profile_is_rectification(check):
    assert check("Je kunt je profiel zelf bekijken en aanpassen in je account.", "right_rectification") == "present"


def test_sorting_members_into_groups_by_behaviour_is_profiling(check):
    text = ("We kijken hoe vaak je komt en delen leden op basis daarvan automatisch in groepen in, zoals 'net "
            "begonnen' en 'vaste sporter'.")
    assert check(text, "automated_decisions") == "partial"


def test_a_data_centre_in_a_european_city_says_where_data_is_stored(check):
    text = "Onze gegevens staan in een datacenter van Leaseweb in Amsterdam."
    assert check(text, "international_transfers") == "present"


def test_data_we_need_from_the_reader_is_a_provision_requirement_but_data_we_need_for_our_tax_is_not(check):
    assert check("Wij vragen:\n\n- je rijksregisternummer, dat we nodig hebben voor je sportverzekering;\n",
                 "provision_requirement") == "present"
    assert check("Wij verwerken ook gegevens als wij hier wettelijk toe verplicht zijn, zoals gegevens die wij nodig "
                 "hebben voor onze belastingaangifte.", "provision_requirement") == "absent"


def test_announcing_important_changes_addresses_policy_changes(check):
    assert check("Bij belangrijke wijzigingen krijg je een bericht in de app.", "policy_changes") == "present"
    assert check("Bij belangrijke wijzigingen in je abonnement krijg je een bericht in de app.",
                 "policy_changes") == "absent"


def test_throwing_data_away_on_request_and_a_request_for_wissing_are_erasure(check):
    text = "Je rechten\n\nWil je dat we je gegevens weggooien, dan doen we dat, behalve de registratiekaart."
    assert check(text, "right_erasure") == "present"
    assert check("Een verzoek tot wissing of beperking van de verwerking wordt ingewilligd voor zover de wet dat "
                 "toelaat.", "right_erasure") == "present"


@pytest.mark.parametrize(("text", "item"), [
    ("Het systeem sluit automatisch af na 15 minuten inactiviteit.", "automated_decisions"),
    ("Het systeem kiest een nieuw wachtwoord en stuurt dat automatisch naar je e-mailadres.", "automated_decisions"),
    ("We delen de leerlingen in groepen in op basis van hun leeftijd.", "automated_decisions"),
    ("Zonder afspraak kan je alleen op dinsdag langskomen.", "provision_requirement"),
    ("Je kunt je account instellingen wijzigen om meldingen uit te zetten.", "right_rectification"),
    ("Meld je je aan voor de nieuwsbrief en ontvang af en toe een aanbieding per e-mail.", "withdraw_consent"),
    ("Je kunt je facturen ook in digitale vorm ontvangen.", "right_portability"),
    ("Onze opslagruimte in Rotterdam is alleen toegankelijk voor medewerkers.", "international_transfers"),
])
def test_look_alikes_of_new_cues_address_nothing(check, text, item):
    assert check(text, item) == "absent"


@pytest.mark.parametrize(("item", "want", "text"), [
    # rectification in plain words: a place where you edit is no improved product; a life change to pass on
    ("right_rectification", True, "Je rechten\n\nKlopt er iets niet, dan kun je het in de app aanpassen of ons "
                                  "vragen het te verbeteren."),
    ("right_rectification", True, "Betrokkene heeft recht op inzage in en verbetering van zijn persoonsgegevens."),
    ("right_rectification", True, "Wat mag jij?\n\nJe kunt altijd opvragen welke gegevens we van je hebben. Staat er "
                                  "iets fout, dan herstellen we het."),
    ("right_rectification", True, "Verhuisd of een nieuw e-mailadres? Dat werk je zelf bij in de ledenportal."),
    ("right_rectification", True, "Ben je verhuisd, geef dan je nieuwe adres door aan de ledenadministratie."),
    ("right_rectification", False, "We gebruiken je gegevens om onze app te verbeteren."),
    ("right_rectification", False, "Gaat er iets fout bij het betalen, dan herstellen we de bestelling."),
    ("right_rectification", False, "Verhuisd? Dan stopt je abonnement automatisch."),
    ("right_rectification", False, "Je kunt de instellingen in de app aanpassen om pushberichten uit te zetten."),
    # erasure: asking 'om wissing'; deleting your account after which we wipe your data (not our own clean-up)
    ("right_erasure", True, "Betrokkene kan om wissing of om beperking van de verwerking verzoeken."),
    ("right_erasure", True, "Wil je niet meer bij ons bekend zijn, verwijder dan je account in de app; dan wissen we "
                            "al je gegevens."),
    ("right_erasure", False, "Gebruik je de app 18 maanden niet, dan verwijderen we jouw account en wissen we je "
                             "gegevens."),
    # restriction: data not used for a while / put on hold / set apart (not a paused subscription)
    ("right_restriction", True, "Terwijl we een fout in je gegevens uitzoeken, kun je ons vragen die gegevens "
                                "zolang niet te gebruiken."),
    ("right_restriction", True, "U kunt ons ook vragen het gebruik van uw gegevens tijdelijk stil te zetten terwijl "
                                "wij uw klacht onderzoeken."),
    ("right_restriction", True, "Wil je dat we even niets met je gegevens doen, bijvoorbeeld terwijl we nagaan of ze "
                                "kloppen, dan zetten we ze apart."),
    ("right_restriction", True, "Je kunt ons vragen de verwerking van je gegevens op pauze te zetten zolang je "
                                "klacht loopt."),
    ("right_restriction", False, "Je kunt je abonnement tijdelijk stilzetten als je op reis gaat."),
    ("right_restriction", False, "Het stopzetten van je abonnement kan tot 1 december."),
    ("right_restriction", False, "We zetten je bestelling even apart tot de betaling binnen is."),
    ("right_restriction", False, "Je kunt je lidmaatschap voorlopig niet gebruiken als de contributie niet is "
                                 "betaald."),
    # objection: saying you do not want processing for a legitimate interest; 'zich ertegen verzetten'
    ("right_objection", True, "Gebruiken we je gegevens vanuit ons gerechtvaardigd belang, dan kun je ons laten "
                              "weten dat je dat niet wilt."),
    ("right_objection", True, "Wie vindt dat de werfcamera te veel filmt, kan zich daartegen verzetten."),
    ("right_objection", True, "U kunt zich tegen de verwerking van uw gegevens verzetten."),
    ("right_objection", False, "Laat ons weten dat je de nieuwsbrief niet meer wilt ontvangen."),
    ("right_objection", False, "U kunt uw afspraak kosteloos verzetten tot 24 uur van tevoren."),
    ("right_objection", False, "Wil je niet dat we je gegevens bewaren, dan kun je geen account aanmaken."),
])
def test_rights_in_plain_words(check, item, want, text):
    assert (check(text, item) in ADDRESSED) == want


@pytest.mark.parametrize(("item", "want", "text"), [
    # a system that automatically builds a profile or offer from what you did, stops a booking, or a person who
    # reviews what the computer decided
    ("automated_decisions", True, "Op basis van je leengeschiedenis doet onze software automatisch een voorstel voor "
                                  "je kredietlimiet."),
    ("automated_decisions", True, "Aan de hand van de series die je kijkt, stelt ons systeem automatisch een profiel "
                                  "op."),
    ("automated_decisions", True, "Een verdachte betaling wordt door ons fraudesysteem automatisch tegengehouden."),
    ("automated_decisions", True, "Bij een te hoge score houdt het systeem je bestelling automatisch tegen."),
    ("automated_decisions", True, "Je kunt vragen om de beslissing door een medewerker te laten bekijken als het "
                                  "systeem je aanvraag automatisch heeft afgewezen."),
    ("automated_decisions", True, "Neemt een computer beslissingen over jou?\n\nNee. Bij een afwijzing van je "
                                  "aanvraag kijkt altijd een medewerker mee."),
    ("automated_decisions", False, "Op basis van je bestelling stuurt ons systeem automatisch een bevestiging per "
                                   "e-mail."),
    ("automated_decisions", False, "Bij vragen kijkt een medewerker van de klantenservice graag met je mee."),
    ("automated_decisions", False, "Heb je een vraag over je boeking? Dan kijkt een medewerker met je mee, ook als "
                                   "het systeem traag is."),
    ("automated_decisions", False, "Een medewerker beslist of je aanvraag voor een parkeervergunning compleet is."),
    ("automated_decisions", False, "Ons systeem houdt automatisch bij hoeveel stempels je hebt gespaard."),
    ("automated_decisions", False, "Het systeem maakt automatisch een back-up op basis van een vast schema."),
])
def test_automated_decisions_in_plain_words(check, item, want, text):
    assert (check(text, item) in ADDRESSED) == want


@pytest.mark.parametrize(("item", "want", "text"), [
    # which data may be left out, which are needed 'want anders ...', a duty of the reader to give or allow
    ("provision_requirement", True, "Je telefoonnummer kun je leeg laten; we hebben het alleen nodig als je een sms "
                                    "wilt."),
    ("provision_requirement", True, "Betaalt u contant aan de kassa, dan hoeft u ons geen gegevens te geven."),
    ("provision_requirement", True, "Je geboortedatum is verplicht, anders kunnen we niet nagaan of je oud genoeg "
                                    "bent."),
    ("provision_requirement", True, "De huurder is volgens het huurcontract verplicht zijn nieuwe adres door te "
                                    "geven."),
    ("provision_requirement", False, "Je kunt de introductie overslaan als je de app al kent."),
    ("provision_requirement", False, "Een reservering is nodig, anders kunnen we je geen tafel garanderen."),
    ("provision_requirement", False, "U bent verplicht de huur voor de eerste van de maand te betalen."),
    ("provision_requirement", False, "Voor de les zelf hoeft u ons geen toestemming te geven."),
    # where data come from: 'vragen we aan de ouders'; 'krijgt X ze van' after a sentence about the data
    ("data_source", True, "Omdat onze leerlingen jong zijn, vragen we de gegevens aan de ouders."),
    ("data_source", True, "De meeste gegevens geeft de klant zelf. Soms krijgt het kantoor ze van de notaris van de "
                          "klant."),
    ("data_source", False, "We vragen je gegevens aan de hand van een kort formulier in te vullen."),
    ("data_source", False, "Onze groenten zijn vers. Soms krijgt de winkel ze van de boer uit de buurt."),
    ("data_source", False, "Je bestelling is onderweg. Meestal krijg je ze van de bezorger binnen twee dagen."),
    # who may read it is a measure; protecting visitors 'en diefstal tegengaan' is not
    ("security", True, "We noteren een allergie alleen als je dat wilt, en enkel de begeleiders van de groep van je "
                       "kind lezen het."),
    ("security", False, "We gebruiken de camera's om bezoekers en medewerkers te beschermen en diefstal tegen te "
                        "gaan."),
    ("security", False, "Alleen abonnees lezen het volledige artikel online."),
    # data that stay in a country
    ("international_transfers", True, "Al je gegevens blijven in België; onze server staat in een datacenter in "
                                      "Mechelen."),
    ("international_transfers", False, "Je gegevens blijven bewaard zolang je lid bent."),
    ("international_transfers", False, "De cursus blijft in Nederland het best bezochte van het land."),
    # a website that 'valt onder' / for which 'geldt' a separate cookie statement only refers to it
    ("cookies", False, "De webshop valt onder een afzonderlijke cookieverklaring."),
    ("cookies", False, "Voor onze website geldt daarnaast het cookiebeleid."),
    ("cookies", True, "Voor de website geldt dat wij cookies gebruiken; zie ook onze cookieverklaring."),
])
def test_more_items_in_plain_words(check, item, want, text):
    assert (check(text, item) in ADDRESSED) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Wie zich aanmeldt voor de cursus, geeft zijn naam, adres en telefoonnummer op.", True),
    ("Wie een cadeaubon bestelt, verstrekt de naam van de ontvanger.", True),
    ("Wie een vraag heeft, geeft ons een belletje.", False),
    ("Wie vroeg boekt, geeft minder uit.", False),
])
def test_what_whoever_does_something_gives_in_a_third_person_text_is_a_source(check, text, want):
    assert (check(text, "data_source") in ADDRESSED) == want


@pytest.mark.parametrize(("item", "want", "text"), [
    # restriction: asking that we do not use them for a while; data 'afgeschermd' on request while a complaint runs
    ("right_restriction", True, "Twijfel je of je gegevens kloppen, dan kun je vragen dat we ze voorlopig niet "
                                "gebruiken tot we het hebben uitgezocht."),
    ("right_restriction", True, "Loopt je bezwaar nog, dan gebruiken we je gegevens tijdelijk niet."),
    ("right_restriction", True, "Op verzoek worden uw gegevens afgeschermd zolang wij uw klacht over de juistheid "
                                "ervan onderzoeken."),
    ("right_restriction", False, "Onze busjes staan in de garage; zolang kunnen we ze even niet gebruiken."),
    ("right_restriction", False, "Uw gegevens worden op verzoek afgeschermd tegen onbevoegde toegang."),
    # access: seeing everything we hold about you; asking which data someone holds about him
    ("right_access", True, "Op de pagina Mijn account zie je alles wat we over je bijhouden."),
    ("right_access", True, "De deelnemer kan ons vragen welke gegevens de vereniging van hem heeft."),
    ("right_access", False, "In de app zie je alles wat we aanbieden."),
    ("right_access", False, "U kunt ons vragen welke informatie over de cursus voor u geldt."),
    # rectification: the data fronted, 'pas je zelf aan'
    ("right_rectification", True, "Je telefoonnummer en e-mailadres pas je zelf aan in het klantenportaal."),
    ("right_rectification", False, "Je bestelling pas je zelf aan tot de dag voor levering."),
    # erasure: closing your own account, after which we wipe your data
    ("right_erasure", True, "Je kunt je account opheffen in de app; we verwijderen dan al je gegevens binnen een "
                            "maand."),
    ("right_erasure", False, "Heb je je account 2 jaar niet gebruikt, dan sluiten we het; we wissen dan alle "
                             "gegevens."),
    # objection: 'zich er altijd tegen verzetten'
    ("right_objection", True, "Ouders kunnen zich er altijd tegen verzetten dat foto's van hun kind online komen."),
    ("right_objection", False, "Je kunt je les tot een dag van tevoren verzetten in de app."),
    # withdrawal: 'die' after a sentence about consent (not a permit someone else withdraws)
    ("withdraw_consent", True, "Voor foto's op onze website vragen we eerst je toestemming. Die kun je later altijd "
                               "weer intrekken."),
    ("withdraw_consent", False, "Voor de verbouwing vragen we toestemming aan de gemeente. Die kan de vergunning "
                                "later weer intrekken."),
    # portability: a file you can load at another provider
    ("right_portability", True, "Je kunt je leesgeschiedenis als bestand opvragen en dat bij een andere bibliotheek "
                                "inladen."),
    ("right_portability", False, "Het bestand met je ontwerp sturen we naar een andere drukker om het te gebruiken "
                                 "als je bestelling spoed heeft."),
])
def test_rights_described_without_their_legal_names(check, item, want, text):
    assert (check(text, item) in ADDRESSED) == want


@pytest.mark.parametrize(("item", "want", "text"), [
    # the interest described: 'belang hebben bij de ...', 'het belang van X bestaat/ligt' after an Art. 6(1)(f) basis,
    # 'er belang bij hebben dat ...; dat is ons gerechtvaardigd belang', 'in het belang van de cliënt', or what
    # 'we willen' in the sentence after the basis
    ("legitimate_interests", True, "Bij de balie hangt een camera, omdat we een gerechtvaardigd belang hebben bij de "
                                   "bescherming van ons personeel."),
    ("legitimate_interests", True, "De verwerking voor fraudeonderzoek berust op artikel 6, lid 1, onder f AVG. Het "
                                   "belang van de vereniging ligt in het voorkomen van misbruik van de ledenkas."),
    ("legitimate_interests", True, "We bellen klanten die een achterstand hebben, omdat we er belang bij hebben dat "
                                   "facturen op tijd worden betaald; dat is ons gerechtvaardigd belang."),
    ("legitimate_interests", True, "Het kantoor bewaakt de termijnen in het belang van de cliënt, wat een "
                                   "gerechtvaardigd belang is."),
    ("legitimate_interests", True, "Het beveiligen van ons netwerk doen we op grond van ons gerechtvaardigd belang. We "
                                   "willen voorkomen dat iemand zonder toestemming bij klantgegevens kan."),
    ("legitimate_interests", False, "Wij wegen ons gerechtvaardigd belang af tegen het belang van de bezoeker."),
    # provision: 'zonder ... kunnen wij niets', a fronted 'Verstrekt/Geeft X ... niet, dan ...'
    ("provision_requirement", True, "Zonder geldig e-mailadres kunnen wij niets versturen."),
    ("provision_requirement", True, "Geeft de ouder de naam van de huisarts niet door, dan kan de school bij een "
                                    "ongeluk niemand waarschuwen."),
    ("provision_requirement", True, "Vult de sollicitant het formulier niet in, dan wordt de sollicitatie niet in "
                                    "behandeling genomen."),
    ("provision_requirement", False, "Zonder jullie giften kunnen wij niets."),
    ("provision_requirement", False, "Geeft de app geen melding, dan is er niets aan de hand."),
    # automated decisions: 'bepaalt automatisch of je ...'; held back after a filter checks automatically
    ("automated_decisions", True, "Onze webshop bepaalt automatisch of je op rekening mag kopen."),
    ("automated_decisions", True, "Een filter beoordeelt elke betaling automatisch op risico's. Een betaling met een "
                                  "hoog risico wordt geweigerd."),
    ("automated_decisions", False, "De thermostaat bepaalt automatisch de temperatuur in de zaal."),
    ("automated_decisions", False, "Ons systeem verstuurt automatisch een bevestiging. Een onvolledige bestelling "
                                   "wordt geweigerd."),
    # sources: a register we check, documents read in, 'geef je ons je naam', 'krijg ik van', 'komen van',
    # 'als je die zelf doorgeeft'
    ("data_source", True, "Wij controleren uw identiteit in het rijksregister."),
    ("data_source", True, "Bij de inschrijving lezen we je identiteitskaart in met een kaartlezer."),
    ("data_source", True, "Geef je ons je naam en adres, dan sturen we je de catalogus."),
    ("data_source", True, "Je diploma krijg ik van de school; de rest vraag ik aan jou."),
    ("data_source", True, "De uitslagen komen van het laboratorium dat je huisarts heeft ingeschakeld."),
    ("data_source", True, "We noteren je dieetwensen als je die zelf doorgeeft bij de reservering."),
    ("data_source", False, "U kunt zelf kijken in het openbare register van functionarissen."),
    ("data_source", False, "We houden een verwerkingsregister bij en controleren dat jaarlijks met de registers van "
                           "onze leveranciers."),
    ("data_source", False, "We lezen je bericht in de ochtend."),
    ("data_source", False, "Geef je ons een cijfer voor onze service?"),
    ("data_source", False, "Je gegevens komen nooit in handen van adverteerders."),
    ("data_source", False, "Als je dat zelf wilt, sturen we je een herinnering."),
])
def test_interests_requirements_decisions_and_sources_in_plain_words(check, item, want, text):
    assert (check(text, item) in ADDRESSED) == want


@pytest.mark.parametrize(("item", "want", "text"), [
    # restriction: the use of the data stopped for a while, 'een tijd(je) niet gebruiken'
    ("right_restriction", True, "U kunt ons vragen de verwerking van uw gegevens voorlopig stop te zetten terwijl wij "
                                "uw bezwaar bekijken."),
    ("right_restriction", True, "Vraag ons gerust je gegevens een tijdje niet te gebruiken zolang we je klacht "
                                "bekijken."),
    ("right_restriction", False, "Je kunt het gebruik van je abonnement tijdelijk stopzetten als je op reis gaat."),
    ("right_restriction", False, "De sporthal kunnen we een tijd niet gebruiken door de verbouwing."),
    # erasure: asking that something be destroyed, 'laten weghalen', 'wilt u dat wij ... verwijderen'
    ("right_erasure", True, "Stopt u met de cursus, dan kunt u ons vragen uw dossier te vernietigen."),
    ("right_erasure", True, "Je kunt je klantgegevens laten weghalen door ons een mail te sturen."),
    ("right_erasure", True, "Wil je dat we je profiel weghalen, stuur dan een mail naar de ledenadministratie."),
    ("right_erasure", False, "We kunnen je vragen een oude versie van de app te verwijderen."),
    ("right_erasure", False, "Wil je de app weghalen, dan kan dat via de instellingen van je telefoon."),
    # portability: a file read in at any other provider
    ("right_portability", True, "Je kunt je trainingsschema's als bestand downloaden en bij elke andere sportapp "
                                "inlezen."),
    ("right_portability", False, "Het bestand met de plattegrond sturen we naar elke andere vestiging om daar in te "
                                 "lezen."),
    # access: 'Bekijk uw gegevens', downloading a copy, seeing one's own record in a rights section
    ("right_access", True, "- Bekijk uw gegevens in het patiëntenportaal."),
    ("right_access", True, "Een kopie van al uw gegevens downloadt u via Mijn Account."),
    ("right_access", True, "Uw rechten\n\nDe leerling mag altijd zijn leerlingkaart inzien."),
    ("right_access", False, "Wie bekijkt uw gegevens? Alleen onze medewerkers op het secretariaat."),
    ("right_access", False, "Download een kopie van de algemene voorwaarden op onze website."),
    ("right_access", False, "Uw rechten\n\nDe data die u kunt inzien op onze website zijn openbaar."),
])
def test_rights_in_plain_words_dev16_dev17(check, item, want, text):
    assert (check(text, item) in ADDRESSED) == want


@pytest.mark.parametrize(("item", "want", "text"), [
    # transfers: data that never leave the EU/EEA
    ("international_transfers", True, "Onze klantgegevens verlaten nooit de Europese Economische Ruimte."),
    ("international_transfers", False, "Verlaat u de EU niet, dan heeft u deze reisverzekering niet nodig."),
    # cookies: a pixel, not a name that begins with 'pixel'
    ("cookies", True, "Op onze site staat een advertentiepixel van LinkedIn."),
    ("cookies", False, "Pixelpoint B.V. drukt onze folders en ontvangt daarvoor alleen de adressen."),
])
def test_data_staying_in_the_eu_and_pixels_dev16_dev17(check, item, want, text):
    assert (check(text, item) in ADDRESSED) == want


@pytest.mark.parametrize(("item", "want", "text"), [
    # the interest as the reason ('omdat wij er belang bij hebben te ...'); what a measure prevents before the basis
    ("legitimate_interests", True, "Wij registreren kentekens omdat wij er belang bij hebben te weten wie er op ons "
                                   "terrein parkeert."),
    ("legitimate_interests", True, "Bij de kassa hangt een camera; zo voorkomen wij diefstal. Grondslag: ons "
                                   "gerechtvaardigd belang."),
    ("legitimate_interests", False, "Wij hebben er belang bij dat u tevreden bent over onze service."),
    ("legitimate_interests", False, "Wij zetten een slot op de archiefkast; zo voorkomen wij dat iemand erbij kan."),
    # provision: 'Zonder X <verb> wij geen ...', 'zonder account werkt ... alleen'; figures we need are no data asked
    ("provision_requirement", True, "Zonder geldig rijbewijs verhuren wij geen auto."),
    ("provision_requirement", True, "Zonder account werkt de app alleen in de demostand."),
    ("provision_requirement", False, "Zonder uw toestemming geven wij geen gegevens door aan sponsors."),
    ("provision_requirement", False, "Die statistieken hebben we nodig voor de gemeente."),
    # sources: a card read in by the organisation, a referral letter the client brings; not the consent you gave
    ("data_source", True, "De apotheker leest eerst de zorgpas van de klant in."),
    ("data_source", True, "Brengt u een verwijzing van uw huisarts mee, dan bewaren wij die in uw dossier."),
    ("data_source", False, "Wij sturen een verslag van de fysiotherapeut naar uw huisarts."),
    ("data_source", False, "Lees de voorwaarden in de app goed door."),
    ("data_source", False, "Toestemming die je hebt gegeven, trek je in via je profiel."),
])
def test_interests_requirements_and_sources_in_plain_words_dev16_dev17(check, item, want, text):
    assert (check(text, item) in ADDRESSED) == want
