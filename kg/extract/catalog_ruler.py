"""Catalog ruler: marks every catalog name in a Doc (`doc.spans["kg_catalog"]`).

Names with a capital or a digit match case-sensitively (token ORTH); all-lower-case
names match case-insensitively (token LOWER) unless they are common English words.
A match glued by a hyphen to a longer word ("ControlNet" in "RMS-ControlNet") is left to
the name finder, which sees the whole word.
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..resolve.catalog import Catalog, common_words, load_catalog, origin_of
from .doctext import text_of
from .names import SUFFIXES
from .tasks import find_tasks


class CatalogRuler:
    def __init__(self, nlp: Language, name: str, catalog: Catalog):
        self.catalog = catalog
        self.vocab = nlp.vocab
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        common = common_words()
        # Pattern Docs are tokenised by a throwaway tokenizer: running thousands of names
        # through the pipeline's own tokenizer leaves it ~20% slower on every later text.
        pattern_tokenizer = spacy.blank(nlp.lang).tokenizer

        def pattern(name: str) -> Doc:
            toks = pattern_tokenizer(name)
            return Doc(nlp.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks])

        seen: set[tuple[str, str]] = set()
        exact_pats: dict[str, list] = {}
        lower_pats: dict[str, list] = {}
        for entry in catalog.entries:
            for n in entry.names:
                case_sensitive = n != n.lower() or any(c.isdigit() for c in n)
                if (n, entry.type) in seen or (not case_sensitive and n.casefold() in common) or len(n) < 2:
                    continue
                if entry.source != "starter" and not usable_import(n, entry.type, catalog):
                    continue
                if entry.type == "task" and entry.source != "starter":
                    case_sensitive = False  # imported task lists are Title Case
                seen.add((n, entry.type))
                target = exact_pats if case_sensitive else lower_pats
                target.setdefault(entry.type, []).append(pattern(n))
        for label, pats in exact_pats.items():
            self.exact.add(label, pats)
        for label, pats in lower_pats.items():
            self.lower.add(label, pats)
        self.labels = {self.vocab.strings[label]: label for label in {*exact_pats, *lower_pats}}
        # what the catalog says of a matched text never changes: decide it once per text
        self.describe = lru_cache(maxsize=1 << 16)(self._describe)

    def _describe(self, t: str) -> tuple[str, str, int]:
        """(catalog name, origin, the catalog name's id in the string store) of a matched
        text (a Span given ids, not strings, skips hashing them: ~1/3 faster)."""
        entry = self.catalog.lookup(t)
        canon = entry.name if entry is not None else t
        return canon, origin_of(entry), self.vocab.strings.add(canon)

    def __call__(self, doc: Doc) -> Doc:
        """Sets ``doc.spans["kg_catalog"]`` (kb_id: the catalog name) and, for the later
        components, ``doc.user_data["kg_catalog"]``: (start_char, end_char, text, type,
        catalog name, origin) of each match."""
        text = text_of(doc)
        spans, found = [], []
        labels, describe = self.labels, self.describe
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                s = doc[start].idx
                last = doc[end - 1]
                e = last.idx + len(last)
                if _glued(text, s, e):
                    continue
                t = text[s:e]
                label = labels[match_id]  # the match id is the label's id
                canon, origin, canon_id = describe(t)
                spans.append(Span(doc, start, end, label=match_id, kb_id=canon_id))
                found.append((s, e, t, label, canon, origin))
        doc.spans["kg_catalog"] = spans
        doc.user_data["kg_catalog"] = found
        return doc


_PLAIN_WORD = re.compile(r"^[A-Z]?[a-z]+$")


def usable_import(name: str, type_: str, catalog: Catalog) -> bool:
    """May an imported (not hand-curated) name be matched in text?

    Imported catalogs hold plain English words ("Attention", "Dropout", "Flickr", "Clean"),
    very short names and long descriptive titles; matching those fires on ordinary text,
    so only names that look like names are used: several words, or a capital inside, or
    a digit. A single plain word can still be found by the name finder or the starter
    catalog.
    """
    if len(name) < 3 or len(name) > 60 or catalog.is_generic(name) or type_ == "metric":
        return False  # leaderboard metric names are too noisy to recognise; they still link
    if type_ == "task":  # task lists hold fields and techniques too: keep real task phrases
        found = find_tasks(name, in_title=True)
        return bool(found) and found[-1][0] == 0 and found[-1][1] == len(name)
    words = name.split()
    if len(words) == 1:
        return not _PLAIN_WORD.match(name) and name.casefold() not in STOP_WORDS
    if len(words) > 6 or any(c in name for c in ":;()[]"):
        return False
    if words[-1].casefold() in ("learning", "models", "networks"):
        return False  # "Contrastive Learning", "Deep Learning": families, not names
    return sum(w[:1].isupper() or any(c.isdigit() for c in w) for w in words) >= 1


def _glued(text: str, start: int, end: int) -> bool:
    """Is the match part of a longer hyphenated word (and not just 'X-based')?"""
    if start > 0 and (text[start - 1] == "-" or text[start - 1].isalnum()):
        return True
    if end < len(text) and text[end].isalnum():
        return True
    if end < len(text) - 1 and text[end] == "-" and text[end + 1].isalnum():
        tail = text[end + 1:end + 30].split()[0] if text[end + 1:end + 30].split() else ""
        tail = tail.rstrip(".,;:)").split("-")[0].lower()
        return tail not in SUFFIXES
    return False


@Language.factory("kg_catalog", default_config={"extra": []})
def make_catalog_ruler(nlp: Language, name: str, extra: list[str]):
    return CatalogRuler(nlp, name, load_catalog(tuple(extra)))
