"""kg's tokenizer is spaCy's English tokenizer with its affix and URL expressions guarded
by a one- or two-character test read off each expression: every guarded expression
answers exactly as the stock one, and so the tokens are the same."""
from __future__ import annotations

import gzip
import json
import re

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import tokenizer as T
from kg.extract.pipeline import build_nlp
from tests.conftest import EXAMPLES, SHARED

STOCK = spacy.blank("en").tokenizer
#: Characters that the affix rules treat specially (digits before units, quotes, ellipses,
#: currency, degree signs, upper/lower case around full stops, hyphens, icons), and plain ones.
ALPHABET = list("abeghiklmnprstyzAKMPSTU0129 .,;:!?'’\"()[]{}<>-–—_/+*^=%$€£°…·#&@~`\n") + ["²", "³", "µ", "к", "м", "é", "©"]
chunks = st.text(alphabet=st.sampled_from(ALPHABET), min_size=0, max_size=14)


def span(m):
    return None if m is None else (m.start(), m.end())


GUARDED = build_nlp().tokenizer


@settings(max_examples=3000, deadline=None)
@given(chunks)
def test_guarded_expressions_answer_as_the_stock_ones(s):
    tok = GUARDED
    assert span(tok.suffix_search(s)) == span(STOCK.suffix_search(s))
    assert span(tok.prefix_search(s)) == span(STOCK.prefix_search(s))
    assert [span(m) for m in tok.infix_finditer(s)] == [span(m) for m in STOCK.infix_finditer(s)]
    assert span(tok.url_match(s)) == span(STOCK.url_match(s))


def test_the_pipeline_tokenizer_is_guarded():
    for name in ("suffix_search", "prefix_search", "infix_finditer", "url_match"):
        func, stock = getattr(GUARDED, name), getattr(STOCK, name)
        assert func != stock, name  # not the compiled expression's own method
        assert func.__self__ is stock.__self__  # what spaCy writes when it saves a tokenizer


def _real_texts():
    from kg.corpus import read_corpus

    inputs = [EXAMPLES] + [p for p in (SHARED / "samples",) if p.exists()]
    papers, _ = read_corpus(inputs)
    for paper in papers:
        yield f"{paper.title} \n {paper.abstract}"
    scirex = SHARED / "data" / "scirex" / "dev.jsonl.gz"
    if scirex.exists():
        with gzip.open(scirex, "rt") as fh:
            for line in fh:
                words = json.loads(line)["words"]
                for i in range(0, len(words), 400):
                    yield " ".join(words[i:i + 400])


def test_same_tokens_as_spacy_on_real_text():
    n = 0
    for text in _real_texts():
        ours, theirs = GUARDED(text), STOCK(text)
        assert [(t.idx, t.text) for t in ours] == [(t.idx, t.text) for t in theirs], text[:80]
        n += 1
    assert n >= 300


def test_expressions_the_reading_does_not_cover_stay_unguarded():
    for pattern in (r"a|b$",            # not every alternative is anchored at the end
                    r"(?i)s$",          # case-insensitive
                    r"x?$",             # may match nothing
                    r"\ws$"):           # a category before the last character: any, still guarded
        p = re.compile(pattern)
        g = T.guard_suffix(p.search)
        for s in ("", "s", "S", "as", "xs", "b", "ab", "x", "1s"):
            assert span(g(s)) == span(p.search(s)), (pattern, s)
    for guard, pattern in ((T.guard_suffix, r"a|b$"), (T.guard_suffix, r"(?i)s$"), (T.guard_prefix, r"a|^b"),
                           (T.guard_contains, r"a?")):
        func = re.compile(pattern).search
        assert (guard(func) if guard is not T.guard_contains else guard(func, None)) == func, pattern


def test_suffix_window_is_the_longest_bounded_match():
    search = re.compile(r"(?<=[0-9])(?:km|m)$|'s$|\.\.+$").search
    assert T._read(search, T.suffix_window) == (2, frozenset(".\n"))
    g = T.guard_suffix(search)
    for s in ("10km", "a10km", "abc's", "x......", "1m\n", "km", "m"):
        assert span(g(s)) == span(search(s)), s


def test_ending_table_reads_look_behinds_and_units():
    table = T._read(re.compile(r"(?<=[0-9])(?:km|m)$|'s$|\.\.+$").search, T.ending_table)
    assert table["m"] == frozenset("k0123456789")
    assert table["s"] == frozenset("'")
    assert table["."] is T.ANY and table["\n"] is T.ANY
    assert "x" not in table
