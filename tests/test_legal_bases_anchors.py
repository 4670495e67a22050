"""Legal bases: the anchor words read from token forms find the same sentences as a search of the text."""

from __future__ import annotations

import pytest
import spacy

import analyser.pipeline  # noqa: F401  (registers the components)
from analyser.extensions import doc_text
from analyser.extract import legal_bases


@pytest.fixture(scope="module")
def index():
    nlp = spacy.blank("nl")
    nlp.add_pipe("analyser_sentences")

    def build(text: str) -> legal_bases.SentenceIndex:
        doc = nlp(text)
        return legal_bases.SentenceIndex(doc, doc_text(doc))

    return build


@pytest.mark.parametrize("text", [
    "Wij verwerken je gegevens met je toestemming. Dat weten wij zeker.",
    "Op grond van art.6 lid 1 sub b AVG. Zie ook ART. 6, eerste lid, onder f.",
    "Dit is belangrijk.\nWij hebben een gerechtvaardigd belang-rijk of niet.",
    "De wet(geving) verplicht ons; (wettelijke) plicht; fiscale/belasting-regels.",
    "Overeenkomst-uitvoering, overeenstemming en overeenkomstig de afspraak.",
    "ARTİKEL 6 en de wet.",
    "Een goede Start. Zo weten we het.",
])
def test_anchor_sentences_from_token_forms_match_the_text_search(index, text):
    r = legal_bases.rules()
    assert legal_bases.candidate_sentences(index(text), r) == legal_bases._text_sentences(index(text), r)


def test_anchor_running_on_into_the_next_token_is_searched_in_the_text(index):
    """"Start" + "." are two tokens; the text holds the anchor "art." across them, as a text search finds."""
    r = legal_bases.rules()
    found = r.anchor_forms.hits(index("Een goede Start."))
    assert found == [(12, r.anchors["art."])]
