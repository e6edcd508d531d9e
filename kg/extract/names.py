"""Name-shaped words: the proper names of models, datasets and benchmarks.

A name is written differently from ordinary words: several capitals (`CLIP`, `GearNet`,
`ViT`), capitals with digits (`ESM-2`, `K400`, `Llama-2`), or digits inside a lower-case
word (`node2vec`). A version or size that follows is part of the name (`VideoMAE V2`,
`Llama 2`, `Qwen3-ASR 1.7B`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from spacy.lang.en.stop_words import STOP_WORDS

_PART = r"[A-Za-z0-9]+(?:\.[0-9]+)*(?:\+\+|\+)?"
# Only words with a capital or a digit can be names: the lookahead lets the regex engine
# skip ordinary lower-case words without a Python-level test for each.
_COMPOUND = re.compile(rf"(?<![\w+\-/.@])(?=[A-Za-z0-9.+-]*[A-Z0-9]){_PART}(?:-{_PART})*(?![\w@])")
_VERSION = re.compile(r"\s(?:(?:[vV]\d+(?:\.\d+)*|\d{1,2}(?:\.\d)?[BMK]?|(?:19|20)\d\d|[IVX]{1,3})(?![\w-])(?!\.\d)"
                      r"|(?:XL|XXL|Large|Base|Small|Tiny|Huge|Mini|Pro|Plus|Turbo|Ultra|Max|Lite|Flash|Instruct|Chat)"
                      r"(?![\w-])(?!\s[A-Z][a-z]))")
#: Hyphenated suffixes that are not part of a name: "CLIP-based", "BERT-style".
SUFFIXES = frozenset("""based like style driven guided assisted inferred powered labeled labelled annotated pretrained pre-trained aligned level free aware only
specific powered enhanced inspired generated derived scale sized size large small base wise centric
augmented conditioned supervised tuned trained finetuned fine-tuned initialized equipped backed
compatible oriented dependent agnostic native friendly""".split())
#: Three or more all-capital words in a row are emphasis (or a licence), not names.
#: So are two long ones ("PARTICULAR PURPOSE"): acronyms are rarely six letters or more.
_SHOUTING = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,}){2,}\b|\b[A-Z]{6,}\s+[A-Z]{6,}\b")
_SHOUTING_HINT = re.compile(r"[A-Z]{2,}\s+[A-Z]{2,}")
_PLAIN_CAPITALISED = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)*$")
_CITATION_KEY = re.compile(r"^[a-z]+(?:19|20)\d\d[a-z]*$|[A-Za-z]+(?:19|20)\d\d[a-z]{4,}")
_ROMAN = re.compile(r"^(?:[IVXLC]+|[vV]\d+(?:\.\d+)*)$")
_UNIT = re.compile(r"^\d+(?:\.\d+)?(?:[KMGTBkmx%]|GB|MB|TB|ms|Hz|fps|px|D|k)?$")


def strip_suffix(word: str) -> str:
    """Drop a descriptive hyphen suffix: 'CLIP-based' -> 'CLIP'."""
    while "-" in word:
        head, _, tail = word.rpartition("-")
        if tail.lower() in SUFFIXES and head:
            word = head
        else:
            break
    return word


def is_name_shaped(word: str) -> bool:
    """Does a word look like a proper name rather than an English word?

    >>> [w for w in ["CLIP", "GearNet", "ESM-2", "node2vec", "Transformer", "3D", "state-of-the-art", "II"] if is_name_shaped(w)]
    ['CLIP', 'GearNet', 'ESM-2', 'node2vec']
    """
    if _PLAIN_CAPITALISED.match(word):
        return False  # the common case ("The", "Our", "Self-supervised"), decided at once
    if _CITATION_KEY.search(word):
        return False  # "dosovitskiy2020image": a LaTeX citation key left in the abstract
    letters = [c for c in word if c.isalpha()]
    if "-" in word and all(re.fullmatch(r"[A-Z]?[a-z]+", part) for part in word.split("-")):
        return False  # Title-Case words joined by hyphens: "Vision-Language", "Pre-Training"
    if not letters or _ROMAN.match(word) or _UNIT.match(word):
        return False
    uppers = sum(c.isupper() for c in letters)
    digits = sum(c.isdigit() for c in word)
    if uppers >= 2:
        return len(letters) >= 2 or digits > 0
    if uppers == 1:
        if digits and not re.fullmatch(r"\d+[A-Z]", word):
            return True
        # iBOT-like lower-first names, or a capital after a hyphen ("k-NN" has 2)
        return word[0].islower() and len(word) > 2 and not word.endswith("s")
    return bool(re.search(r"[a-z]\d+[a-z]", word))


@lru_cache(maxsize=1 << 16)
def name_core(word: str) -> str | None:
    """The name in a candidate word (descriptive suffix dropped), or None if it is not one.
    Decided once per distinct word: the same words recur across a corpus."""
    if word.islower() and not any(c.isdigit() for c in word):
        return None  # the common case, decided without counting letters
    core = strip_suffix(word)
    if not is_name_shaped(core) or (core.isupper() and core.lower() in STOP_WORDS):
        return None
    return core


def find_names(text: str, regions: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name) of every name-shaped word, with a trailing version if any.

    ``regions`` limits the scan to whitespace-delimited stretches of the text known to
    hold every candidate (the Doc's flagged tokens); the result is the same as a scan
    of the whole text.

    >>> [n for _, _, n in find_names("We compare VideoMAE V2 with CLIP-based GearNet and Llama 2.")]
    ['VideoMAE V2', 'CLIP', 'GearNet']
    """
    out: list[tuple[int, int, str]] = []
    if regions is None:
        matches = _COMPOUND.finditer(text)
        hint = _SHOUTING_HINT.search(text)
    else:
        matches = chain.from_iterable([_COMPOUND.finditer(text, s, e) for s, e in regions])
        # capitals for emphasis lie in two candidate stretches next to each other
        hint = any(text[e1:s2].isspace() and _SHOUTING_HINT.search(text, s1, e2)
                   for (s1, e1), (s2, e2) in zip(regions, regions[1:]))
    shouting = [(m.start(), m.end()) for m in _SHOUTING.finditer(text)] if hint else []
    for m in matches:
        if out and m.start() < out[-1][1]:
            continue
        if shouting and any(s <= m.start() < e for s, e in shouting):
            continue  # "THE SOFTWARE IS PROVIDED AS IS": capitals for emphasis, not names
        word = m.group(0).rstrip(".")
        core = name_core(word)
        if core is None:
            continue
        start, end = m.start(), m.start() + len(core)
        if core == word:
            v = _VERSION.match(text, end)
            if v:
                end = v.end()
        out.append((start, end, text[start:end]))
    return out


def may_hold_name(token_text: str) -> bool:
    """Lexeme flag: can this token be part of a name? (A capital or a digit, and not a
    plain capitalised word: those are names only inside a longer hyphenated word that
    has another such token.)"""
    return any(c.isupper() or c.isdigit() for c in token_text) and not _PLAIN_CAPITALISED_WORD.fullmatch(token_text)


_PLAIN_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+")


def candidate_regions(text: str, token_starts: list[int]) -> list[tuple[int, int]]:
    """The whitespace-delimited stretches of ``text`` around the given token offsets."""
    regions: list[tuple[int, int]] = []
    n = len(text)
    for i in token_starts:
        if regions and i < regions[-1][1]:
            continue
        s = i
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        e = i
        while e < n and not text[e].isspace():
            e += 1
        regions.append((s, e))
    return regions


import numpy as np  # noqa: E402
from spacy.attrs import IDX  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from .doctext import ext_key, text_of  # noqa: E402

KEY = ext_key("kg_names")

if not Doc.has_extension("kg_names"):
    Doc.set_extension("kg_names", default=None)


@Language.factory("kg_names")
def make_names(nlp: Language, name: str):
    """Sets ``doc._.kg_names``: (start, end, text) of every name-shaped word.

    A lexeme flag, computed once per distinct word, marks the tokens that may hold a
    name; only the stretches of text around them are scanned."""
    flag = nlp.vocab.add_flag(may_hold_name)

    def names(doc: Doc) -> Doc:
        arr = doc.to_array([flag, IDX])
        starts = np.compress(arr[:, 0], arr[:, 1]).tolist()
        text = text_of(doc)
        doc.user_data[KEY] = find_names(text, candidate_regions(text, starts))
        return doc
    return names
