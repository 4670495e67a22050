"""Legal bases: which Art. 6 bases a Dutch statement invokes, and the passages that only name one."""

from __future__ import annotations

import pytest
import spacy

from analyser.evaluate import Evaluation, score_document


@pytest.fixture(scope="module")
def bases_nlp():
    """Only the stages the legal bases read (sentences, lemmas, sections), so these tests do not
    depend on the other extraction stages."""
    from analyser import pipeline  # noqa: F401  (registers the factories when this file runs alone)

    nlp = spacy.blank("nl")
    for name in ("analyser_sentences", "analyser_lemmas", "analyser_sections", "analyser_document_date",
                 "analyser_legal_bases"):
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


@pytest.fixture(scope="module")
def bases(bases_nlp):
    from analyser.api import _prepare, load

    def run(text: str) -> dict:
        loaded = load(text)
        doc = bases_nlp.make_doc(loaded.text)
        _prepare(doc, loaded)
        doc = bases_nlp(doc)
        return {b.basis: b for b in doc._.legal_bases}

    return run


@pytest.mark.parametrize(("sentence", "basis"), [
    ("Je e-mailadres wordt alleen met je toestemming toegevoegd aan de lijst van abonnees.", "consent"),
    ("Uw e-mailadres wordt alleen met uw expliciete toestemming toegevoegd aan de lijst van abonnees.", "consent"),
    ("Bij uw eerste bezoek aan onze website hebben wij u toestemming gevraagd voor het plaatsen van cookies.",
     "consent"),
    ("Het verstrekken en verwerken van deze gegevens is noodzakelijk om de overeenkomst voor het verzorgen van uw "
     "vaaropleiding uit te voeren.", "contract"),
    ("Hiervoor gebruiken wij je naam en adres. Deze hebben wij nodig vanwege het contract dat we met je sluiten.",
     "contract"),
    ("Uw persoonsgegevens worden door ons verwerkt voor het aangaan en uitvoeren van overeenkomsten.", "contract"),
    ("Sommige gegevens moeten we langer bewaren volgens de wet, bijvoorbeeld sommige facturatiegegevens.",
     "legal_obligation"),
    ("Om te voldoen aan de Nederlandse belastingwet bewaren wij onze facturen voor een periode van zeven jaar.",
     "legal_obligation"),
    ("Wij bewaren betaalgegevens om te voldoen aan de fiscale bewaarplicht.", "legal_obligation"),
    ("Om onze facturen en boekhouding bij te houden, omdat de wet ons dat oplegt.", "legal_obligation"),
    ("Met overheidsinstanties, als we daar wettelijk toe verplicht zijn.", "legal_obligation"),
    ("Gegevens worden gedeeld met de politie als wij daartoe op grond van de wet verplicht zijn.", "legal_obligation"),
    ("Financiële gegevens worden minimaal zeven jaar bewaard, deze bewaartermijn is wettelijk verplicht.",
     "legal_obligation"),
    ("De gemeente verwerkt uw gegevens voor de uitvoering van een taak van algemeen belang.", "public_task"),
    ("De school verwerkt de gegevens van leerlingen op grond van een wettelijke taak.", "public_task"),
    ("In een noodsituatie delen wij uw medische gegevens met hulpdiensten om uw vitale belangen te beschermen.",
     "vital_interests"),
    ("Persoonsgegevens worden verwerkt op grond van gerechtvaardigd belang.", "legitimate_interests"),
    ("Hiervoor gebruiken wij je e-mailadres en naam. Hier hebben wij een legitiem belang bij.",
     "legitimate_interests"),
    ("Wij verwerken uw gegevens op basis van ons rechtmatig belang om onze leden te informeren.",
     "legitimate_interests"),
    ("Giften registreren wij omdat de Wet financiering politieke partijen ons daartoe verplicht.",
     "legal_obligation"),
    ("We plannen je lessen en innen het lesgeld. Dat doen we omdat we een overeenkomst met je hebben.", "contract"),
    ("Wij bezorgen je pakket, omdat dat nodig is voor de overeenkomst met jou.", "contract"),
    ("We handelen je reservering af. Dat doen we omdat we een huurovereenkomst met je sluiten.", "contract"),
    ("De Participatiewet verplicht ons om je aanwezigheid aan de gemeente te melden.", "legal_obligation"),
    ("Facturen van de webshop houden we zeven jaar bij, omdat de boekhoudwet dat verplicht.", "legal_obligation"),
])
def test_each_basis_is_found_in_a_real_dutch_sentence(bases, sentence, basis):
    assert basis in bases(sentence)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Wij verwerken uw gegevens op basis van artikel 6 lid 1 sub f AVG.", {"legitimate_interests"}),
    ("De grondslag voor deze verwerking is art. 6(1)(a) GDPR.", {"consent"}),
    ("De verwerking is gebaseerd op artikel 6, eerste lid, onder b, van de AVG.", {"contract"}),
    ("De school hanteert de grondslag publiekrechtelijke taak (Art. 6 lid 1 sub e AVG).", {"public_task"}),
    ("Wij verwerken deze gegevens op grond van artikel 6 lid 1 sub b en c AVG.", {"contract", "legal_obligation"}),
])
def test_article_references_name_the_basis_by_letter(bases, sentence, expected):
    assert expected <= set(bases(sentence))


@pytest.mark.parametrize("sentence", [
    "Wij vragen geen toestemming voor het plaatsen van analytische cookies.",
    "Wij verwerken uw gegevens niet op basis van toestemming.",
    "Voor functionele cookies hebben wij geen toestemming nodig.",
    "Toestemming is niet de grondslag voor deze verwerking.",
])
def test_a_basis_the_text_says_it_does_not_use_is_not_counted(bases, sentence):
    assert "consent" not in bases(sentence)


def test_a_basis_denied_after_its_name_is_not_counted(bases):
    assert "legitimate_interests" not in bases("Op een gerechtvaardigd belang beroepen wij ons niet.")
    assert "legitimate_interests" not in bases("Een gerechtvaardigd belang gebruiken wij nooit als grondslag.")
    assert "legitimate_interests" in bases("Op ons gerechtvaardigd belang beroepen wij ons voor de camera's.")


def test_the_parents_permission_a_child_needs_is_not_the_controllers_basis(bases):
    assert "consent" not in bases("Onze app is niet bedoeld voor kinderen jonger dan 16 jaar, tenzij ze toestemming "
                                  "hebben van hun ouders.")


@pytest.mark.parametrize("sentence", [
    "Analytische cookies plaatsen wij zonder toestemming, omdat deze weinig inbreuk maken op je privacy.",
    "Als je toestemming hebt gegeven, kun je die altijd weer intrekken.",
    "Heeft u toestemming gegeven, dan kunt u die op elk moment intrekken.",
])
def test_processing_without_consent_and_conditional_withdrawal_are_not_consent(bases, sentence):
    assert "consent" not in bases(sentence)


def test_two_negations_invoke_consent(bases):
    assert "consent" in bases("Zonder jouw toestemming delen wij geen gegevens met adverteerders.")


def test_not_consent_but_legitimate_interest(bases):
    found = bases("De verwerking is niet gebaseerd op toestemming, maar op ons gerechtvaardigd belang.")
    assert set(found) == {"legitimate_interests"}


@pytest.mark.parametrize("sentence", [
    "Indien wij uw toestemming nodig hebben, vragen wij die eerst.",
    "Waar verwerking op toestemming berust, is voor kinderen onder 16 jaar ouderlijke toestemming vereist "
    "conform AVG/UAVG.",
    "Vragen om uw uitdrukkelijke toestemming als wij deze nodig hebben voor de verwerking van uw persoonsgegevens;",
    "Mocht een verwerking uw toestemming vereisen, dan vragen wij die vooraf.",
])
def test_hypothetical_consent_is_not_an_invoked_basis(bases, sentence):
    assert "consent" not in bases(sentence)


def test_a_data_subjects_refusal_still_presupposes_consent(bases):
    text = ("Indien je voor de plaatsing van bovenstaande gegevens op de adressenlijst geen toestemming geeft, dan "
            "kun je dat kenbaar maken bij het bestuur.")
    assert "consent" in bases(text)


def test_sharing_only_with_consent_invokes_consent(bases):
    assert "consent" in bases("Wij delen uw gegevens niet met derden zonder uw uitdrukkelijke toestemming.")


@pytest.mark.parametrize("sentence", [
    "Je hebt het recht om je eventuele toestemming voor de gegevensverwerking in te trekken.",
    "Je kunt de door jou gegeven toestemming voor het verwerken van je persoonsgegevens intrekken.",
    "- Intrekken van toestemming",
    "Je kunt bezwaar maken tegen verwerking van je gegevens, als we je gegevens verwerken op basis van een eigen "
    "gerechtvaardigd belang of op basis van de uitvoering van een taak van algemeen belang.",
    "Recht om de toestemming ten allen tijde in te trekken voor de gegevens die wij van U verwerken op basis van "
    "Uw toestemming",
])
def test_rights_clauses_name_bases_without_invoking_them(bases, sentence):
    assert bases(sentence) == {}


def test_objection_after_an_invoked_basis_keeps_the_basis(bases):
    text = ("Wij gebruiken uw e-mailadres voor aanbiedingen op basis van ons gerechtvaardigd belang; u kunt hier "
            "altijd bezwaar tegen maken.")
    assert "legitimate_interests" in bases(text)


def test_a_third_partys_own_legal_duty_is_not_the_controllers_basis(bases):
    text = ("Google kan deze informatie aan derden verschaffen indien Google hiertoe wettelijk wordt verplicht, of "
            "voor zover derden de informatie namens Google verwerken.")
    assert "legal_obligation" not in bases(text)


def test_wettelijke_grondslag_means_legal_basis_not_legal_obligation(bases):
    text = ("Het verstrekken van deze gegevens is noodzakelijk om de overeenkomst uit te voeren. Deze noodzaak is dan "
            "ook de wettelijke grondslag voor het verstrekken en verwerken van uw gegevens.")
    assert set(bases(text)) == {"contract"}


@pytest.mark.parametrize("sentence", [
    "Met deze partijen hebben wij een verwerkersovereenkomst gesloten om de beveiliging te waarborgen.",
    "Wij geven nooit persoonsgegevens door aan partijen waarmee we geen verwerkersovereenkomst hebben afgesloten.",
    "Back-ups en wettelijke of contractuele bewaartermijnen volgen de DPA en schoolafspraken.",
    "Wij reageren binnen de wettelijke termijn van een maand op uw verzoek.",
    "Stichting HackNature verwerkt de persoonsgegevens conform de Wet bescherming persoonsgegevens.",
    "Dit is van vitaal belang voor onze organisatie.",
    "De data delen onder andere voorwaarden is op geen enkele wijze toegestaan zonder expliciete schriftelijke "
    "toestemming vooraf.",
    "De AVG kent zes grondslagen: toestemming, overeenkomst, wettelijke verplichting, vitaal belang, taak van "
    "algemeen belang en gerechtvaardigd belang.",
    "Toestemming: elke vrije, specifieke, geïnformeerde en ondubbelzinnige wilsuiting.",
    "Eventuele verdere communicatie uitsluitend in het belang van de vereniging.",
])
def test_words_in_another_sense_invoke_no_basis(bases, sentence):
    assert bases(sentence) == {}


def test_bare_list_under_a_legal_basis_heading(bases):
    text = ("Privacyverklaring\n\nRechtsgrond voor de verwerking\n\n- Toestemming\n- Overeenkomst\n"
            "- Wettelijke verplichting\n\nDelen met derden\n\nIk deel jouw gegevens niet met derden.\n")
    assert set(bases(text)) == {"consent", "contract", "legal_obligation"}


def test_bare_overeenkomst_item_elsewhere_is_no_basis(bases):
    text = ("Privacyverklaring\n\nWelke documenten bewaren wij?\n\n- Overeenkomst\n- Offerte\n- Factuur\n\n"
            "Meer informatie volgt hieronder.\n")
    assert "contract" not in bases(text)


def test_intro_line_with_grondslag_makes_list_items_bases(bases):
    text = ("Leden\n\nGrondslag voor deze persoonsgegevens is:\n\n- Het lidmaatschapsovereenkomst;\n\n"
            "Wij bewaren de gegevens tot het einde van het lidmaatschap.\n")
    assert "contract" in bases(text)


def test_table_rows_give_the_purpose_from_the_doel_column(bases):
    text = ("Gegevens\n\nPersoonsgegeven | Doel | Grondslag\nVoornaam | Identificatie van gebruiker | "
            "Gerechtvaardigd belang\nE-mailadres | Notificeren van gebruiker | Gerechtvaardigd belang\n")
    li = bases(text)["legitimate_interests"]
    assert "Identificatie van gebruiker" in li.purposes
    assert "Notificeren van gebruiker" in li.purposes
    assert len(li.mentions) == 2


def test_mentions_are_the_invoking_sentences_and_purposes_name_the_section(bases):
    text = ("Privacyverklaring\n\nNieuwsbrief\n\nWij bieden een nieuwsbrief aan. Je e-mailadres wordt alleen met je "
            "toestemming toegevoegd aan de lijst van abonnees.\n")
    consent = bases(text)["consent"]
    assert consent.article == "6(1)(a)"
    (mention,) = consent.mentions
    assert mention.text == "Je e-mailadres wordt alleen met je toestemming toegevoegd aan de lijst van abonnees."
    assert text[mention.start:mention.end] == mention.text
    assert consent.purposes[0] == "Nieuwsbrief"


def test_cue_spans_go_in_doc_spans_with_the_basis_as_label(bases_nlp):
    doc = bases_nlp("Wij bewaren facturen zeven jaar omdat wij daartoe wettelijk verplicht zijn.")
    labels = {span.label_ for span in doc.spans["legal_bases"]}
    assert labels == {"legal_obligation"}


def test_corpus_legal_bases_f1_floor(corpus_reports, gold):
    evaluation = Evaluation()
    for doc_id, report in corpus_reports.items():
        score_document(report, gold[doc_id], evaluation)
    counts = evaluation.fields["legal_bases"]
    assert counts.f1 >= 0.97, (counts.precision, counts.recall)
    assert counts.precision >= 0.97


@pytest.mark.parametrize("sentence, basis", [
    ("Daarnaast verwerken wij gegevens omdat een wet ons daartoe verplicht, bijvoorbeeld de Gemeentewet.",
     "legal_obligation"),
    ("Wij verwerken deze gegevens om uw reservering uit te voeren; dat is noodzakelijk voor de overeenkomst die u "
     "met ons sluit.", "contract"),
    ("Ik gebruik je gegevens om de shoot te plannen. Dat is nodig om onze afspraak na te komen.", "contract"),
])
def test_law_that_obliges_and_agreements_that_need_data(analyse_text, sentence, basis):
    assert basis in [b.basis for b in analyse_text(sentence)._.legal_bases]


def test_a_members_own_consent_and_an_agreement_with_a_processor_are_read_as_such(bases):
    assert "consent" in bases("Wij plaatsen foto's van leden alleen op de website als zij daarvoor toestemming hebben "
                              "gegeven.")
    assert "contract" not in bases("Die mag je gegevens alleen voor ons verwerken, omdat we een overeenkomst met hen "
                                   "hebben gesloten.")
    assert "legitimate_interests" in bases("Op ons gerechtvaardigd belang beroepen wij ons niet alleen voor "
                                           "beveiliging, maar ook voor direct marketing.")


def test_consent_the_controller_may_ask_for_some_day_is_no_basis(bases):
    assert "consent" not in bases("Mochten wij ooit foto's van bewoners willen gebruiken, dan zullen wij daar eerst "
                                  "uw toestemming voor vragen.")


def test_contract_given_as_the_reason_with_an_adverb_between(bases):
    assert "contract" in bases("Uw adres gebruiken we voor de levering, omdat we daarover een overeenkomst met u "
                               "hebben.")


def test_a_basis_not_used_for_now_is_not_counted(bases):
    assert "legitimate_interests" not in bases("Een gerechtvaardigd belang gebruiken we op dit moment niet als "
                                               "grondslag. Mochten we dat in de toekomst wel doen, dan passen we "
                                               "eerst deze verklaring aan.")


def test_consent_fronted_and_denied_by_the_verb_after_it_is_not_counted(bases):
    assert "consent" not in bases("Toestemming vraagt de vereniging niet, omdat de gegevens nodig zijn voor de "
                                  "wettelijke opdracht.")
    assert "consent" in bases("Toestemming vragen wij niet alleen voor de nieuwsbrief, maar ook voor foto's.")


@pytest.mark.parametrize("sentence", [
    "Bij een noodgeval geven wij gegevens door aan de ambulancedienst om uw leven te beschermen.",
    "Om iemands leven te redden, mogen wij medische gegevens delen met de spoedeisende hulp.",
])
def test_protecting_a_life_is_the_vital_interest(bases, sentence):
    assert "vital_interests" in bases(sentence)


def test_a_law_that_prescribes_it_is_a_legal_obligation(bases):
    assert "legal_obligation" in bases("De ledenadministratie bewaren we zeven jaar, zoals de wet voor verenigingen "
                                       "voorschrijft.")
    assert "legal_obligation" not in bases("Wij bewaren niets langer, zoals de wet niet voorschrijft.")


def test_consent_asked_only_in_an_inverted_hypothetical_is_no_basis(bases):
    assert "consent" not in bases("Zouden wij uw gegevens ooit voor reclame willen gebruiken, dan vragen wij eerst "
                                  "uw toestemming.")
    assert "consent" in bases("Als u een account aanmaakt, vragen wij uw toestemming voor de nieuwsbrief.")


def test_a_body_that_cannot_rely_on_legitimate_interests(bases):
    assert "legitimate_interests" not in bases("Op een gerechtvaardigd belang kan de gemeente zich voor deze taken "
                                               "niet beroepen.")


@pytest.mark.parametrize("sentence", [
    "De facturen bewaren wij omdat de regelgeving voor lokale besturen ons daartoe verplicht.",
    "Betalingen bewaren we zeven jaar, omdat de belastingregels dat vragen.",
    "Wij bewaren de administratie, omdat de fiscale wetgeving daartoe verplicht.",
])
def test_rules_and_regulations_that_oblige_are_a_legal_obligation(bases, sentence):
    assert "legal_obligation" in bases(sentence)


def test_data_needed_to_deliver_an_order_is_the_contract(bases):
    assert "contract" in bases("Je adres is nodig om je bestelling te kunnen leveren.")


@pytest.mark.parametrize(("sentence", "basis"), [
    ("De Wet ter voorkoming van witwassen en financieren van terrorisme (Wwft) verplicht ons uw identiteit vast "
     "te stellen.", "legal_obligation"),
    ("De wet betreffende de verplichte verzekering voor geneeskundige verzorging verplicht ons om uw gegevens te "
     "verwerken.", "legal_obligation"),
    ("Voor de aanvullende verzekering verwerken wij uw gegevens omdat u als lid met ons een overeenkomst hebt.",
     "contract"),
    ("Onze nieuwsbrief sturen wij enkel als u daarmee hebt ingestemd.", "consent"),
    ("Analytische cookies plaatsen wij pas als u daarmee instemt.", "consent"),
])
def test_a_named_law_an_agreement_the_member_has_and_agreeing_without_the_word_consent(bases, sentence, basis):
    assert basis in bases(sentence)


@pytest.mark.parametrize(("sentence", "basis"), [
    ("Door een account te maken hebt u ingestemd met onze algemene voorwaarden.", "consent"),
    ("Omdat u geen overeenkomst met ons hebt, verwerken wij alleen uw naam.", "contract"),
    ("Wij steunen vandaag op geen enkel gerechtvaardigd belang.", "legitimate_interests"),
])
def test_accepting_terms_no_agreement_and_not_any_interest_invoke_nothing(bases, sentence, basis):
    assert basis not in bases(sentence)


@pytest.mark.parametrize(("sentence", "basis"), [
    ("Je profiel verwerken we omdat dat nodig is voor onze dienst; dat is wat we met je afspreken als je een account "
     "aanmaakt.", "contract"),
    ("Deze gegevens zijn nodig om de koop met de klant uit te voeren.", "contract"),
    ("De nieuwsbrief sturen wij alleen als u daar bij uw aanmelding voor kiest.", "consent"),
    ("Wij sturen u de nieuwsbrief als u zich daarvoor heeft aangemeld.", "consent"),
])
def test_the_contract_and_consent_in_plain_words(bases, sentence, basis):
    assert basis in bases(sentence)


@pytest.mark.parametrize(("sentence", "basis"), [
    ("U kunt uw gegevens laten verwijderen als u daar voor kiest.", "consent"),
    ("Als je je aanmeldt voor een cursus, verwerken we je naam.", "consent"),
    ("Toestemming vragen wij niet, omdat de gegevens nodig zijn om de wettelijke opdracht uit te voeren.", "contract"),
    ("De schuldenaar hoeft ons geen toestemming te geven voor de verwerking van zijn gegevens.", "consent"),
])
def test_choosing_a_right_signing_up_for_a_service_and_a_legal_task_are_neither(bases, sentence, basis):
    assert basis not in bases(sentence)


@pytest.mark.parametrize(("sentence", "basis"), [
    ("Wij hebben je adres nodig om je pakket te bezorgen. Dat hoort bij de koop.", "contract"),
    ("We gebruiken je stempels voor de spaaractie: dat hoort bij de afspraak die we met jou maken.", "contract"),
    ("Wij tonen u de uitslag, omdat wij dat met u hebben afgesproken toen u de test bestelde.", "contract"),
    ("Wij registreren het plan in de databank van de overheid; dat legt de wet ons op.", "legal_obligation"),
])
def test_belonging_to_the_purchase_an_agreement_made_and_a_law_that_imposes(bases, sentence, basis):
    assert basis in bases(sentence)


@pytest.mark.parametrize(("sentence", "basis"), [
    ("De verzendkosten horen bij de koop en staan op de factuur.", "contract"),
    ("Wij hebben met de gemeente afgesproken dat wij geen gegevens delen.", "contract"),
])
def test_costs_that_belong_to_a_purchase_and_agreements_with_others_invoke_nothing(bases, sentence, basis):
    assert basis not in bases(sentence)


@pytest.mark.parametrize(("sentence", "basis"), [
    ("Dat volgt uit de spelovereenkomst die je met ons aangaat als je een account opent.", "contract"),
    ("Met adverteerders hebben wij een contract; de gegevens gebruiken wij om die afspraken uit te voeren.",
     "contract"),
    ("We herstellen je toestel zoals afgesproken op je herstelbon.", "contract"),
    ("Wij tellen luisteraars omdat wij er belang bij hebben: zonder die cijfers krijgen wij geen subsidie.",
     "legitimate_interests"),
    ("Ik geef die informatie alleen door als de klant daarmee akkoord is.", "consent"),
    ("Alleen als de klant dat wil, stuur ik een verslag naar de huisarts.", "consent"),
    ("De wet legt ons op de identiteit van elke klant vast te stellen.", "legal_obligation"),
    ("Leningen verstrekken is de opdracht van algemeen belang waarvoor wij zijn opgericht.", "public_task"),
])
def test_bases_stated_in_plain_words_without_their_legal_names(bases, sentence, basis):
    assert basis in bases(sentence)


@pytest.mark.parametrize(("sentence", "basis"), [
    ("U kunt uw account verwijderen als u dat wilt.", "consent"),
    ("Wij hebben er alle belang bij dat uw gegevens veilig zijn.", "legitimate_interests"),
])
def test_a_wish_to_delete_and_an_interest_in_security_invoke_nothing(bases, sentence, basis):
    assert basis not in bases(sentence)


def test_refusing_consent_still_presupposes_it(bases):
    assert "consent" in bases("Als je geen toestemming geeft, sturen we je geen nieuwsbrief.")
