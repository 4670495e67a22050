"""Language scores from the token view agree with the text-based ones."""

from __future__ import annotations

import spacy

from analyser.language import detect_language, language_scores, token_language_scores
from analyser.tokens import tokens


def test_token_scores_equal_text_scores_for_each_language():
    nlp = spacy.blank("nl")
    texts = ["Wij verwerken uw persoonsgegevens en de gegevens van onze klanten. " * 30,
             "We process your personal data and the data of our customers. " * 30,
             "Wir verarbeiten Ihre personenbezogenen Daten, die Daten sind sicher. " * 30,
             "Nous traitons vos données personnelles et les données de nos clients. " * 30,
             "", "12 34 56"]
    for text in texts:
        view = tokens(nlp.make_doc(text))
        assert token_language_scores(view.lower_ids, view.idx) == language_scores(text)
    view = tokens(nlp.make_doc(texts[1]))
    assert detect_language(texts[1], token_language_scores(view.lower_ids, view.idx)) == "en"


def test_token_scores_sum_counts_of_a_long_sample_without_overflow():
    nlp = spacy.blank("nl")
    text = "de het een en van " * 5000  # 90,000 characters, the first 20,000 sampled
    view = tokens(nlp.make_doc(text))
    assert token_language_scores(view.lower_ids, view.idx) == language_scores(text)
