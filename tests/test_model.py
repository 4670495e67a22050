"""The checklist sentence classifier: features, the JSON weights, prediction and training."""

from __future__ import annotations

import json

import numpy
import pytest

from analyser import model
from analyser.model import ChecklistModel, doc_features, sentence_offsets


@pytest.fixture(scope="module")
def trained() -> ChecklistModel:
    loaded = model.load_model()
    if loaded is None:
        pytest.skip("no trained model in models/")
    return loaded


def test_features_are_lemmas_bigrams_numbers_and_heading_words(analyse_text):
    doc = analyse_text("Uw gegevens\n\nWij bewaarden uw gegevens 7 jaar.", use_model=False)
    offsets = sentence_offsets(doc)
    features = doc_features(doc, offsets)[-1]
    assert "bewaren" in features  # the lemma, not the form
    assert "<num>" in features and "<num>_jaar" in features
    assert "h=gegevens" in features  # the heading of the section the sentence stands in
    assert "." not in features  # punctuation is no feature


def test_array_features_give_the_same_matrix_as_feature_strings(trained, corpus_texts):
    from analyser.api import load, make_doc

    for path in corpus_texts[:8]:
        doc = make_doc(load(path), use_model=False)
        offsets = sentence_offsets(doc)
        fast = trained.doc_matrix(doc, offsets).toarray()
        slow = trained.vectorise(doc_features(doc, offsets)).toarray()
        assert fast.shape == slow.shape
        numpy.testing.assert_allclose(fast, slow, atol=1e-6)


def test_dense_probabilities_equal_the_sparse_route(trained, corpus_texts):
    from analyser.api import load, make_doc

    doc = make_doc(load(corpus_texts[0]), use_model=False)
    offsets = sentence_offsets(doc)
    numpy.testing.assert_allclose(trained.doc_probabilities(doc, offsets),
                                  trained.predict_matrix(trained.doc_matrix(doc, offsets)), atol=1e-5)
    assert trained.doc_probabilities(doc, []).shape == (0, len(trained.items))


def test_array_features_do_not_depend_on_the_order_of_the_sentences(trained, analyse_text):
    doc = analyse_text("Uw rechten\n\nU kunt uw toestemming altijd intrekken. U hoeft ons geen gegevens te geven, "
                       "maar dan kunnen wij u niet helpen.", use_model=False)
    offsets = sentence_offsets(doc)
    forward = trained.doc_matrix(doc, offsets).toarray()
    backward = trained.doc_matrix(doc, offsets[::-1]).toarray()
    numpy.testing.assert_allclose(forward, backward[::-1], atol=1e-6)


def test_the_model_survives_a_json_round_trip(trained, analyse_text):
    again = ChecklistModel.from_json(trained.to_json())
    doc = analyse_text("U kunt uw toestemming op elk moment intrekken.", use_model=False)
    offsets = sentence_offsets(doc)
    numpy.testing.assert_allclose(again.predict_matrix(again.doc_matrix(doc, offsets)),
                                  trained.predict_matrix(trained.doc_matrix(doc, offsets)), atol=1e-5)
    assert again.enabled_items == trained.enabled_items


def test_a_file_of_another_format_is_refused():
    with pytest.raises(ValueError, match="not an analyser checklist model"):
        ChecklistModel.from_json(json.dumps({"format": "pickle"}))


def test_the_model_recognises_withdrawal_of_consent_in_new_wording(trained):
    from analyser.model import text_features

    probs = trained.predict_proba([text_features("Je mag je toestemming op ieder moment weer intrekken."),
                                   text_features("Onze winkel is op zondag gesloten.")])
    k = trained.items.index("withdraw_consent")
    assert probs[0, k] > 0.5 > probs[1, k]


def test_prediction_covers_only_the_enabled_items(trained):
    (probs,) = model.predict(["U kunt uw toestemming altijd intrekken."])
    assert set(probs) == set(trained.enabled_items)


def test_array_features_follow_a_docs_own_lemmas_where_they_differ_from_the_learnt_ones(trained, analyse_text):
    from spacy.attrs import LEMMA

    from analyser.tokens import tokens

    text = "Uw gegevens\n\nWij bewaren uw gegevens 7 jaar en delen uw gegevens niet."
    doc = analyse_text(text, use_model=False)
    offsets = sentence_offsets(doc)
    trained.doc_matrix(doc, offsets)  # the forms of this text are learnt
    other = analyse_text(text, use_model=False)
    for token in other:
        if token.lower_ == "gegevens":
            token.lemma_ = "toestemming"
    tokens(other).lemma = other.to_array(LEMMA)
    fast = trained.doc_matrix(other, offsets).toarray()
    slow = trained.vectorise(doc_features(other, offsets)).toarray()
    numpy.testing.assert_allclose(fast, slow, atol=1e-6)
    assert not numpy.allclose(fast, trained.doc_matrix(doc, offsets).toarray())


def test_the_checklist_and_topic_passes_over_one_doc_agree_with_a_fresh_pass(trained, analyse_text):
    doc = analyse_text("Uw rechten\n\nU kunt uw toestemming altijd intrekken. Wij bewaren uw gegevens 7 jaar.",
                       use_model=False)
    offsets = sentence_offsets(doc)
    first = trained.doc_probabilities(doc, offsets[:1])  # builds the Doc's token table
    both = trained.doc_probabilities(doc, offsets)  # reuses it
    fresh = analyse_text("Uw rechten\n\nU kunt uw toestemming altijd intrekken. Wij bewaren uw gegevens 7 jaar.",
                         use_model=False)
    numpy.testing.assert_array_equal(both, trained.doc_probabilities(fresh, sentence_offsets(fresh)))
    numpy.testing.assert_array_equal(first[0], both[0])


def test_section_topic_votes_on_token_runs_equal_those_over_sentence_offsets(trained, corpus_texts):
    from analyser.api import load, make_doc

    for path in corpus_texts[:8]:
        doc = make_doc(load(path.read_text(encoding="utf-8")), use_model=False)
        sections = [s for s in model._sections(doc) if s.heading]
        fresh = model._fresh_votes(doc, trained, sections)
        assert fresh is not None
        doc.user_data.pop("analyser_model_probs", None)
        general = model._known_votes(doc, trained, sections, None)
        assert fresh[0] == general[0]
        numpy.testing.assert_array_equal(fresh[1], general[1])
