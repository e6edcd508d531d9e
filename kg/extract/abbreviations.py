"""Acronym definitions: "long form (SF)" and "SF (long form)".

The matching of a short form to the words before it follows Schwartz & Hearst (2003),
"A simple algorithm for identifying abbreviation definitions in biomedical text": walk
the short form right to left and find each character in the candidate long form, the
first character at the start of a word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_PAREN = re.compile(r"\(([^()]{1,60})\)")
_LEAD = re.compile(r"(?:abbr\.|abbreviated as|short for|a\.k\.a\.?|aka|i\.e\.|namely|or|termed|called)\s*,?\s*", re.I)
_WORD = re.compile(r"\S+")
_SF_END = re.compile(r"[,;]\s")
_CLAUSE_END = re.compile(r"[.;:!?()\[\]]\s|\n")


@dataclass(frozen=True, slots=True)
class Abbreviation:
    long: str
    long_start: int
    short: str
    short_start: int

    @property
    def long_end(self) -> int:
        return self.long_start + len(self.long)

    @property
    def short_end(self) -> int:
        return self.short_start + len(self.short)


def is_short_form(s: str) -> bool:
    """A plausible acronym: 2-12 characters, a letter, an upper-case letter, at most 2 words."""
    s = s.strip()
    return (2 <= len(s) <= 12 and s[0].isalnum() and any(c.isupper() for c in s)
            and len(s.split()) <= 2 and not s.isdigit())


def match_long_form(short: str, candidate: str) -> str | None:
    """The shortest tail of ``candidate`` whose letters spell ``short`` (Schwartz-Hearst).

    >>> match_long_form("HDA", "we introduce a new task -- Few-shot Hybrid Domain Adaptation")
    'Hybrid Domain Adaptation'
    >>> match_long_form("DIN", "a novel model: Deep Interest Network")
    'Deep Interest Network'
    """
    s_i, l_i = len(short) - 1, len(candidate) - 1
    while s_i >= 0:
        c = short[s_i].lower()
        if not c.isalnum():
            s_i -= 1
            continue
        while l_i >= 0 and (candidate[l_i].lower() != c or
                            (s_i == 0 and l_i > 0 and candidate[l_i - 1].isalnum())):
            l_i -= 1
        if l_i < 0:
            return None
        l_i -= 1
        s_i -= 1
    start = candidate.rfind(" ", 0, l_i + 1) + 1
    long = candidate[start:].strip(" ,;:-–—")
    if not long or long.lower() == short.lower() or len(long) <= len(short):
        return None
    n_words = len(long.split())
    if n_words > min(len(short) + 5, 2 * len(short)):
        return None
    return long


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every acronym definition in a text, with character offsets.

    >>> [(a.long, a.short) for a in find_abbreviations("Visual Place Recognition (VPR) and ViT (Vision Transformer).")]
    [('Visual Place Recognition', 'VPR'), ('Vision Transformer', 'ViT')]
    """
    out = []
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        inner_start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        lead = _LEAD.match(inner)  # "(abbr. GFC+)", "(i.e., neural information retrieval)"
        if lead:
            inner_start += lead.end()
            inner = inner[lead.end():]
        # "(SF)" or "(SF, ...)" / "(SF; ...)" after the long form
        sf = _SF_END.split(inner, 1)[0].strip()
        if is_short_form(sf):
            window = text[max(0, m.start() - 160):m.start()].rstrip()
            window = _CLAUSE_END.split(window)[-1]
            long = match_long_form(sf, window)
            if long:
                start = back_over_space(text, m.start()) - len(long)
                if text[start:start + len(long)] == long:
                    out.append(Abbreviation(long, start, sf, inner_start))
                    continue
        # "SF (long form)": the word before the parenthesis is the acronym
        before = _WORD.findall(text[max(0, m.start() - 30):m.start()])
        if before and len(inner.split()) >= 2:
            cand = before[-1].strip(",;:")
            if is_short_form(cand) and " " not in cand:
                long = match_long_form(cand, inner)
                if long and long == inner:
                    sf_start = text.rfind(cand, 0, m.start())
                    out.append(Abbreviation(inner, inner_start, cand, sf_start))
    return out


from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from .doctext import back_over_space, ext_key, text_of  # noqa: E402

KEY = ext_key("kg_abbreviations")

if not Doc.has_extension("kg_abbreviations"):
    Doc.set_extension("kg_abbreviations", default=None)


@Language.factory("kg_abbreviations")
def make_abbreviations(nlp: Language, name: str):
    """Sets ``doc._.kg_abbreviations``: every acronym definition in the Doc."""
    def abbreviations(doc: Doc) -> Doc:
        text = text_of(doc)
        doc.user_data[KEY] = find_abbreviations(text) if "(" in text else []
        return doc
    return abbreviations
