"""Task phrases: the research problem as a short noun phrase ending in a task head word.

"visual place recognition", "click-through rate prediction", "few-shot learning": a
head word (recognition, prediction, learning, ...) with the modifiers written right
before it. Heads and the words that cannot be modifiers live in ``kg/data/task_words.txt``.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from .cues import read_sections

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "task_words.txt"
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*")
MAX_MODIFIERS = 4
#: -ing words that do modify task heads ("remote sensing ...", "reasoning segmentation").
ING_MODIFIERS = frozenset("""reasoning clustering ranking tracking sensing computing programming parsing
matching mining modeling modelling processing rendering planning driving""".split())


@lru_cache(maxsize=1)
def task_words() -> dict[str, frozenset[str]]:
    return read_sections(WORDS_FILE)


@lru_cache(maxsize=1 << 16)
def _is_modifier(word: str, in_title: bool) -> bool:
    w = word.casefold()
    if "'" in w or "’" in w:
        return False  # possessives: "machines' holistic understanding"
    if w in STOP_WORDS or w in task_words()["bad_modifiers"] or w.endswith("ly") or w.isdigit():
        return False
    if not in_title and word[0].isupper() and not word.isupper() and not re.search(r"\d", word):
        return False  # a capitalised word mid-sentence is a name, not a modifier
    if w.endswith(("ed", "es")) and "-" not in w and w not in ("speed", "embed", "images", "series"):
        return False  # verbs and plurals rarely modify a task head
    if w.endswith("ing") and "-" not in w and w not in ING_MODIFIERS:
        return False  # "boosting retrieval", "implementing dense retrieval"
    return True


def _head_ok(words: list[str], i: int) -> bool:
    sets = task_words()
    w = words[i].casefold()
    if w == "learning":
        return i > 0 and words[i - 1].casefold() in sets["learning"]
    if w == "inference":
        return i > 0 and words[i - 1].casefold() in ("language", "causal", "bayesian", "variational")
    return w in sets["heads"]


@lru_cache(maxsize=1)
def _all_heads() -> frozenset[str]:
    return task_words()["heads"] | {"learning", "inference"}


def find_tasks(text: str, in_title: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of task phrases in one sentence or title.

    >>> [t for _, _, t in find_tasks("Results on visual place recognition and image retrieval improve.")]
    ['visual place recognition', 'image retrieval']
    >>> [t for _, _, t in find_tasks("an efficient detection module for few-shot learning")]
    ['few-shot learning']
    """
    spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    words = [s[2] for s in spans]
    all_heads = _all_heads()
    out = []
    # Only words ending in a head word can end a task phrase: find them in one pass.
    for i, w in enumerate(words):
        if ends_in_head(w.lower(), all_heads):
            out.extend(phrases_ending_at(text, spans, words, i, in_title))
    return _drop_nested(out)


def ends_in_head(word: str, all_heads) -> bool:
    """Can this (lower-case) word end a task phrase: a head word, or one glued by a hyphen?"""
    return word in all_heads or word.rpartition("-")[2] in all_heads


def phrases_ending_at(text: str, spans, words: list[str], i: int, in_title: bool) -> list[tuple[int, int, str]]:
    """The task phrase whose head is word ``i`` (and phrases coordinated with it)."""
    _, end, word = spans[i]
    heads = task_words()["heads"]
    head = word.rsplit("-", 1)[-1] if "-" in word and word.casefold() not in heads else word
    j = i
    if head != word:  # "image-retrieval": the modifier is glued to the head
        if head.casefold() not in heads or not _is_modifier(word.rsplit("-", 1)[0], in_title):
            return []
        while j > 0 and i - j < MAX_MODIFIERS - 1 and _adjacent(text, spans[j - 1], spans[j]) \
                and _is_modifier(words[j - 1], in_title):
            j -= 1
    else:
        if not _head_ok(words, i):
            return []
        while j > 0 and i - j < MAX_MODIFIERS and _adjacent(text, spans[j - 1], spans[j]) \
                and _is_modifier(words[j - 1], in_title):
            j -= 1
        if j == i:
            return []
    start = spans[j][0]
    return [(start, end, text[start:end]), *_coordinated(text, spans, words, j, i, in_title)]


def _coordinated(text: str, spans, words, j: int, i: int, in_title: bool) -> list[tuple[int, int, str]]:
    """Tasks shared out by coordinated modifiers: "text-image, text-video and text-audio
    retrieval" also names "text-image retrieval" and "text-video retrieval"."""
    if i - j != 1:
        return []
    out, k, head = [], j, words[i]
    hyphen = "-" in words[j]
    while k > 0:
        gap = text[spans[k - 1][1]:spans[k][0]]
        if words[k - 1].casefold() in ("and", "or") and gap == " " and k > 1:
            cand = k - 2
            if text[spans[cand][1]:spans[k - 1][0]] not in (" ", ", "):
                break
        elif gap == ", ":
            cand = k - 1
        else:
            break
        if not _is_modifier(words[cand], in_title) or ("-" in words[cand]) != hyphen:
            break
        out.append((spans[cand][0], spans[cand][1], f"{words[cand]} {head}"))
        k = cand
    return out


@lru_cache(maxsize=1)
def _head_automaton():
    """An Aho-Corasick automaton of the head words: one pass over a text finds them all."""
    import ahocorasick

    a = ahocorasick.Automaton()
    for h in _all_heads():
        a.add_word(h, len(h))
    a.make_automaton()
    return a


#: Characters before a head word searched for its modifiers (and coordinated ones).
WINDOW = 160


def head_ends(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """(sentence index, end offset) of every head word followed by a word boundary."""
    low = text.lower()
    n = len(low)
    out = []
    for last, length in _head_automaton().iter(low):
        end = last + 1
        nxt = low[end] if end < n else " "
        if not ((nxt.isascii() and nxt.isalnum()) or nxt == "-"):  # the word ends (as _WORD sees it)
            begin = end - length
            prev = low[begin - 1] if begin > 0 else " "
            if (prev.isascii() and prev.isalnum()) or prev in "'’":
                continue  # inside a longer word ("misprediction"): never a head word
            out.append((bisect.bisect_right(starts, end - length) - 1, end))
    return out


#: Most phrases need only the last few words: try this many characters first.
SHORT_WINDOW = 64


def _phrases_before(text: str, base: int, end: int, in_title: bool, all_heads) -> list[tuple[int, int, str]]:
    """Task phrases whose head word ends at ``end``, from the words in ``text[base:end]``.

    The words of a short window are tried first; the whole window is read only when the
    phrase (or a coordinated one) reaches the first words of the short one, so the result
    is the same as reading the whole window."""
    short = end - SHORT_WINDOW
    if short > base:
        space = text.find(" ", short, end)
        short = space + 1 if space >= 0 else base
    for b in ((short, base) if short > base else (base,)):
        spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, b, end)]
        if not spans or spans[-1][1] != end:
            return []
        if not ends_in_head(spans[-1][2].lower(), all_heads):
            return []
        found = phrases_ending_at(text, spans, [s[2] for s in spans], len(spans) - 1, in_title)
        if b == base or (len(spans) > 3 and (not found or min(s for s, _, _ in found) > spans[2][0])):
            return found
    return found


def _adjacent(text: str, a, b) -> bool:
    return text[a[1]:b[0]] in (" ", "-")


def _drop_nested(found):
    found = sorted(found, key=lambda t: (t[0], -(t[1] - t[0])))
    out = []
    for s, e, p in found:
        if out and s >= out[-1][0] and e <= out[-1][1]:
            continue
        out.append((s, e, p))
    return out


from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from .doctext import ext_key, sentence_starts, text_of  # noqa: E402

KEY = ext_key("kg_tasks")

if not Doc.has_extension("kg_tasks"):
    Doc.set_extension("kg_tasks", default=None)


@Language.factory("kg_tasks")
def make_tasks(nlp: Language, name: str):
    """Sets ``doc._.kg_tasks``: task phrases per sentence (the title as Title Case text)."""
    all_heads = _all_heads()

    def tasks(doc: Doc) -> Doc:
        title_end = doc.user_data.get("title_end", 0)
        text = text_of(doc)
        starts = sentence_starts(doc)
        found = set()
        # Only the words just before each head word can make a task phrase ending there.
        for sent, end in head_ends(text, starts):
            base = max(starts[sent], end - WINDOW)
            if base > starts[sent]:
                space = text.find(" ", base, end)
                base = space + 1 if space >= 0 else base
            found.update(_phrases_before(text, base, end, starts[sent] < title_end, all_heads))
        doc.user_data[KEY] = _drop_nested(found)
        return doc
    return tasks
