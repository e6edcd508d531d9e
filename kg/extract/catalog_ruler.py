"""Catalog ruler: marks every catalog name in a Doc (`doc.spans["kg_catalog"]`).

Names with a capital or a digit match case-sensitively (token ORTH); all-lower-case
names match case-insensitively (token LOWER) unless they are common English words.
A match glued by a hyphen to a longer word ("ControlNet" in "RMS-ControlNet") is left to
the name finder, which sees the whole word.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .doctext import text_of

from ..resolve.catalog import Catalog, common_words, load_catalog
from .names import SUFFIXES


class CatalogRuler:
    def __init__(self, nlp: Language, name: str, catalog: Catalog):
        self.catalog = catalog
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        common = common_words()
        seen: set[tuple[str, str]] = set()
        exact_pats: dict[str, list] = {}
        lower_pats: dict[str, list] = {}
        for entry in catalog.entries:
            for n in entry.names:
                case_sensitive = n != n.lower() or any(c.isdigit() for c in n)
                if (n, entry.type) in seen or (not case_sensitive and n.casefold() in common) or len(n) < 2:
                    continue
                seen.add((n, entry.type))
                target = exact_pats if case_sensitive else lower_pats
                target.setdefault(entry.type, []).append(nlp.make_doc(n))
        for label, pats in exact_pats.items():
            self.exact.add(label, pats)
        for label, pats in lower_pats.items():
            self.lower.add(label, pats)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        spans = []
        for matcher in (self.exact, self.lower):
            for label, start, end in matcher(doc):
                span = doc[start:end]
                if _glued(text, span.start_char, span.end_char):
                    continue
                entry = self.catalog.lookup(span.text)
                spans.append(Span(doc, start, end, label=label,
                                  kb_id=entry.name if entry is not None else span.text))
        doc.spans["kg_catalog"] = spans
        return doc


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
