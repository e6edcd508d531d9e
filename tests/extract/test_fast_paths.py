"""Every shortcut taken for speed gives exactly the answer of the plain method it replaces:
the name scan limited to flagged tokens, the short task window, the scans that start at
their keyword, and the clean-text fast path."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import pipeline, roles, tasks
from kg.extract.cues import cues
from kg.extract.doctext import ext_key, text_of
from kg.extract.names import find_names
from kg.extract.pipeline import build_nlp, make_doc
from kg.model import Paper, title_key
from kg.sources.text import clean_markup, clean_text
from tests.conftest import EXAMPLES

WORDS = """we We propose proposes introduce present a an the novel new anchor focal loss losses
regularization softmax normalization accuracy error rate top-1 Top-1 clustering linear probing
ESM-2 CLIP-based GearNet THE SOFTWARE IS PROVIDED AS WARRANTY ViT VideoMAE V2 Llama 2 node2vec
image retrieval visual place recognition few-shot learning text-image text-video and or
misprediction research search super-resolution re-identification detection segmentation
BERT-base ResNet-50 ImageNet-1k COCO (VPR) ( ) , . ; : e.g. i.e. 3D 7B #12 Fig. GPT-4o Why? Yes! "Done." (sic.)""".split()
SEPARATORS = [" ", " ", " ", "", "-", ", ", ". ", "  ", " \n ", "/"]

texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=60).map(
    lambda parts: "".join(w + s for w, s in parts).strip() or "x")


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def run_until(nlp, title: str, abstract: str, last: str):
    doc = make_doc(nlp, Paper(title=title, abstract=abstract))
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == last:
            return doc
    return doc


def example_texts(n: int = 120) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in EXAMPLES.read_text().splitlines()[:n]]
    return [(r["title"], r["abstract"]) for r in rows]


def names_agree(nlp, title, abstract):
    doc = run_until(nlp, title, abstract, "kg_names")
    assert doc.user_data[ext_key("kg_names")] == find_names(text_of(doc))


def test_name_scan_of_flagged_tokens_equals_whole_text_scan_on_examples(nlp):
    for title, abstract in example_texts():
        names_agree(nlp, title, abstract)


@settings(max_examples=300, deadline=None)
@given(title=texts, abstract=texts)
def test_name_scan_of_flagged_tokens_equals_whole_text_scan(nlp, title, abstract):
    names_agree(nlp, title, abstract)


def tasks_agree(nlp, title, abstract):
    short = run_until(nlp, title, abstract, "kg_tasks").user_data[ext_key("kg_tasks")]
    with pytest.MonkeyPatch.context() as m:
        m.setattr(tasks, "SHORT_WINDOW", 10**6)  # always the whole window
        whole = run_until(nlp, title, abstract, "kg_tasks").user_data[ext_key("kg_tasks")]
    assert short == whole


def test_short_task_window_equals_whole_window_on_examples(nlp):
    found = 0
    for title, abstract in example_texts():
        tasks_agree(nlp, title, abstract)
        found += bool(run_until(nlp, title, abstract, "kg_tasks").user_data[ext_key("kg_tasks")])
    assert found > 50  # the comparison is not vacuous


@settings(max_examples=300, deadline=None)
@given(title=texts, abstract=texts)
def test_short_task_window_equals_whole_window(nlp, title, abstract):
    tasks_agree(nlp, title, abstract)


@settings(max_examples=500, deadline=None)
@given(text=texts)
def test_keyword_anchored_scans_equal_full_scans(nlp, text):
    doc = make_doc(nlp, Paper(title="T", abstract=text))
    full = text_of(doc)
    allowed = cues()["metric_modifiers"]
    expected = [(m.start(), m.end()) for m in roles._METRIC_PHRASE.finditer(full) if m.group(1) in allowed]
    assert [(m.start, m.end) for m in roles.metric_phrases(doc, [])] == expected
    assert [m.span() for m in roles._matches_at_verbs(full)] == [m.span() for m in roles.LOWER_METHOD.finditer(full)]
    for pos in (0, 2, len(full) // 2):
        assert [m.span() for m in pipeline._sentence_ends(full, pos)] == \
            [m.span() for m in pipeline._SENT_END.finditer(full, pos)]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(list("ab c  \t\n\r\x0b\x0c\x1c\x1f\x00\x07\x7f~\xa0\u2009\u3000&;\\{}é")
                                + ["\\textbf{", "&amp;", "  ", "x"]), max_size=30).map("".join))
def test_clean_text_fast_path_equals_general_path(text):
    assert clean_text(text) == (clean_markup(text) if text else "")


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09 -—:.~\x7f\t") + ["ﬁ", "É", "ß", "İ", "①", "\u00a0"]), max_size=30))
def test_title_key_ascii_path_equals_the_general_one(title):
    import re
    import unicodedata

    s = unicodedata.normalize("NFKC", title).casefold()
    assert title_key(title) == (re.sub(r"[^0-9a-z]+", "", s) or s.strip())


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9_'-’ .,;()\t\n/#ÉéßİŁ") + ["\u0307", "\u00a0"]), max_size=40),
       st.integers(0, 45), st.integers(0, 45))
def test_byte_table_word_split_equals_the_word_regex(text, start, end):
    expected = [w.casefold() for w in roles._WORDS.findall(text, start, end)] if start <= end else []
    assert roles.casefolded_words(text, start, end) == expected



@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab( \t\n\u00a0\u3000")), max_size=20), st.integers(0, 25))
def test_moving_back_over_whitespace_equals_stripping_the_prefix(text, pos):
    from kg.extract.doctext import back_over_space

    pos = min(pos, len(text))
    assert back_over_space(text, pos) == len(text[:pos].rstrip())


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["accuracy", "error", "rate", "errors", "inaccuracy", "top", "linear", "Top", "x",
                                 "é", "_", "-", "1", " ", "  ", "\n", "\u00a0", ",", "("]), max_size=25).map("".join))
def test_metric_phrase_scan_from_keywords_equals_finditer(text):
    assert [m.span() for m in roles._metric_matches(text)] == [m.span() for m in roles._METRIC_PHRASE.finditer(text)]
