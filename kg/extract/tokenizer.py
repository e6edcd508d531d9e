"""spaCy's English tokenizer, with each affix expression skipped where it cannot match.

For every chunk of text it has not cached, spaCy's tokenizer searches it with a prefix,
a suffix, an infix and a URL expression. The suffix expression has 83 alternatives,
each anchored at the end, and the regex engine tries them at every position of the
chunk: about 3 µs a call, about 10 calls an abstract. Most chunks are plain words that
no alternative can match, and a glance at one or two characters shows it: a suffix
match ends with one of a known set of characters (and, for most of them, just after one
of a known set), a prefix match begins with one, an infix or URL match contains one.

Those sets are read off each compiled expression once with ``re._parser``, the parser
the ``re`` module itself uses, so the tokens are exactly spaCy's. Where an expression
holds something this reading does not cover, the reading widens the sets (a look-behind
it cannot read allows any character) or gives up, and that expression runs unguarded.
"""
from __future__ import annotations

import re
from collections.abc import Callable

try:  # the parser of the standard ``re`` module (Python 3.11+)
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - an interpreter without it: nothing is guarded
    _parser = _c = None

#: Character classes larger than this are not expanded (spaCy's have ~6,000 characters).
MAX_SET = 200_000
_ZERO_WIDTH = () if _c is None else (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


class _Any:
    """In an ending table: any character (or none) may come before the last one."""

    def __repr__(self) -> str:
        return "ANY"


ANY = _Any()
Chars = frozenset[str]


def _class_chars(av) -> Chars | None:
    """The characters an ``IN`` item (a character class) accepts, or None if unknown."""
    out: set[str] = set()
    for op, a in av:
        if op is _c.LITERAL:
            out.add(chr(a))
        elif op is _c.RANGE and a[1] - a[0] <= MAX_SET:
            out.update(map(chr, range(a[0], a[1] + 1)))
        else:  # NEGATE, CATEGORY (\d, \w, ...): not read here
            return None
    return frozenset(out) if len(out) <= MAX_SET else None


def _edge_item(op, av, last: bool) -> Chars | None:
    """Characters one item's match begins (or, ``last``, ends) with; None if unknown or
    if the item may match nothing."""
    if op is _c.LITERAL:
        return frozenset(chr(av))
    if op is _c.IN:
        return _class_chars(av)
    if op is _c.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else edge_chars(av[3], last)
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            chars = edge_chars(branch, last)
            if chars is None:
                return None
            out |= chars
        return frozenset(out)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        return edge_chars(av[2], last)
    return None


def edge_chars(items, last: bool = False) -> Chars | None:
    """The characters every match of a parsed sequence begins with (or, with ``last``,
    ends with); None when unknown, e.g. when the match could be empty.

    >>> sorted(edge_chars(_parser.parse(r"(?<=[0-9])(?:km|m)$|'s$"), last=True))
    ['m', 's']
    """
    seq = list(items)
    for op, av in (reversed(seq) if last else seq):
        if op in _ZERO_WIDTH:
            continue  # anchors and look-arounds consume nothing
        return _edge_item(op, av, last)
    return None


def required_chars(items) -> Chars | None:
    """A set of characters of which every match of a parsed sequence holds at least one
    (the smallest such set found), or None when unknown.

    >>> sorted(required_chars(_parser.parse(r"(?:https?://)?\\w+\\.[a-z]{2,}")))
    ['.']
    """
    best = None
    for op, av in items:
        chars = None
        if op is _c.LITERAL or op is _c.IN:
            chars = _edge_item(op, av, False)
        elif op is _c.SUBPATTERN:
            chars = None if av[1] & re.IGNORECASE else required_chars(av[3])
        elif op is _c.BRANCH:
            found = [required_chars(branch) for branch in av[1]]
            chars = None if any(f is None for f in found) else frozenset().union(*found)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            chars = required_chars(av[2])
        if chars is not None and (best is None or len(chars) < len(best)):
            best = chars
    return best


def ending_pairs(items, before=ANY) -> list[tuple[Chars, Chars | _Any]] | None:
    """(last, previous) character sets of the matches of a parsed sequence: a match ends
    with a character of ``last`` written after one of ``previous`` (``ANY``: any
    character, or none). ``before``: what may precede the sequence. None when unknown.

    >>> [(sorted(a), sorted(b)) for a, b in ending_pairs(_parser.parse(r"(?<=[0-9])(?:km|m)|'s"))]
    [(['m'], ['k']), (['m'], ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']), (['s'], ["'"])]
    """
    seq = list(items)
    i = len(seq) - 1
    while i >= 0 and seq[i][0] in _ZERO_WIDTH:
        i -= 1  # "$" and look-arounds after the last character consume nothing
    if i < 0:
        return None  # an empty match
    op, av = seq[i]
    previous = _previous_chars(seq[:i], before)
    if op is _c.LITERAL or op is _c.IN:
        last = _edge_item(op, av, True)
        return None if last is None else [(last, previous)]
    if op is _c.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else ending_pairs(av[3], previous)
    if op is _c.BRANCH:
        out = []
        for branch in av[1]:
            got = ending_pairs(branch, previous)
            if got is None:
                return None
            out.extend(got)
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        return ending_pairs(av[2], ANY)  # the character before may come from a repeat
    return None


def _previous_chars(seq, before) -> Chars | _Any:
    """What may come right before a match's last character, given the items before it
    (``before``: what may precede them all). When unsure: ``ANY``."""
    for op, av in reversed(seq):
        if op is _c.ASSERT and av[0] < 0:  # a look-behind: the characters just before
            return edge_chars(av[1], last=True) or ANY
        if op in _ZERO_WIDTH:
            continue  # anchors, look-aheads, negative look-behinds: only narrow it
        return _edge_item(op, av, True) or ANY
    return before


def ending_table(items) -> dict[str, Chars | _Any] | None:
    """For each character a match of an end-anchored sequence can end with, the
    characters that may come before it (``ANY``: any); None when unknown."""
    if not _anchored(items, _c.AT_END):
        return None
    pairs = ending_pairs(items)
    if pairs is None:
        return None
    table: dict[str, Chars | _Any] = {}
    for last, previous in pairs:
        for ch in last:
            known = table.get(ch, frozenset())
            table[ch] = ANY if previous is ANY or known is ANY else known | previous
    table["\n"] = ANY  # "$" also matches before a final newline: always search those
    return table


def starting_chars(items) -> Chars | None:
    """The characters a match of a start-anchored sequence begins with; None if unknown."""
    return edge_chars(items) if _anchored(items, _c.AT_BEGINNING) else None


def _anchored(items, at) -> bool:
    """Is every alternative of a parsed sequence anchored at ``at`` (start or end)?"""
    seq = list(items)
    if not seq:
        return False
    op, av = seq[-1] if at is _c.AT_END else seq[0]
    if op is _c.AT:
        return av is at
    if op is _c.BRANCH:  # the expression's own alternatives, or a common part factored out
        return all(_anchored(branch, at) for branch in av[1])
    if op is _c.SUBPATTERN:
        return _anchored(av[3], at)
    return False


def _read(func: Callable, analysis: Callable):
    """``analysis`` of the compiled expression behind ``func`` (``pattern.search`` and
    the like); None when ``func`` is not one or the expression cannot be read."""
    pattern = getattr(func, "__self__", None)
    if _parser is None or not isinstance(pattern, re.Pattern) or pattern.flags & re.IGNORECASE:
        return None
    try:
        return analysis(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - a pattern the parser of this Python rejects
        return None


def _like(guarded: Callable, func: Callable) -> Callable:
    """``guarded`` carries the expression of ``func`` as ``__self__``, as spaCy expects
    when it saves a tokenizer (``Tokenizer.to_bytes`` writes the pattern)."""
    guarded.__self__ = func.__self__
    return guarded


def suffix_window(items) -> tuple[int, Chars] | None:
    """(longest match, last characters of the matches of any length) of an end-anchored
    parsed expression: a string whose last character is not among the latter can only
    match within its last ``longest`` characters. None when unknown."""
    seq = list(items)
    alternatives = seq[0][1][1] if len(seq) == 1 and seq[0][0] is _c.BRANCH else [items]
    longest, open_ended = 0, set("\n")  # "$" also matches before a final newline
    for alternative in alternatives:
        _, most = alternative.getwidth()
        if most < _c.MAXREPEAT:
            longest = max(longest, most)
            continue
        ends = edge_chars(alternative, last=True)
        if ends is None:
            return None
        open_ended |= ends
    return longest, frozenset(open_ended)


def guard_suffix(search: Callable) -> Callable:
    """``search`` of an end-anchored expression, answering None at once for a string
    whose last two characters no match can end with, and otherwise searching only the
    last characters that a match can span (the regex engine tries every position)."""
    table = _read(search, ending_table)
    if table is None:
        return search
    window = _read(search, suffix_window)
    longest, open_ended = window if window is not None else (0, None)

    def suffix_search(string: str):
        last = string[-1:]
        before = table.get(last)
        if before is None or (before is not ANY and len(string) > 1 and string[-2] not in before):
            return None
        if open_ended is not None and len(string) > longest and last not in open_ended:
            return search(string, len(string) - longest)  # look-behinds still see the text before
        return search(string)
    return _like(suffix_search, search)


def guard_prefix(search: Callable) -> Callable:
    """``search`` of a start-anchored expression, answering None at once for a string
    whose first character no match can begin with."""
    starts = _read(search, starting_chars)
    if starts is None:
        return search

    def prefix_search(string: str):
        return search(string) if string[:1] in starts else None
    return _like(prefix_search, search)


def guard_contains(find: Callable, empty) -> Callable:
    """``find`` (``match``, ``search`` or ``finditer``), answering ``empty`` at once for
    a string holding none of the characters every match contains."""
    needed = _read(find, required_chars)
    if needed is None:
        return find

    def guarded(string: str):
        return empty if needed.isdisjoint(string) else find(string)
    return _like(guarded, find)


def guarded_tokenizer(tokenizer):
    """A copy of a spaCy tokenizer with its affix and URL expressions guarded: the same
    tokens, faster. (Built anew: assigning each expression to the old one would make
    spaCy reload its special cases four times, ~50 ms each.)"""
    from spacy.tokenizer import Tokenizer

    def guarded(func, guard, *args):
        return None if func is None else guard(func, *args)

    return Tokenizer(tokenizer.vocab, rules=tokenizer.rules,
                     prefix_search=guarded(tokenizer.prefix_search, guard_prefix),
                     suffix_search=guarded(tokenizer.suffix_search, guard_suffix),
                     infix_finditer=guarded(tokenizer.infix_finditer, guard_contains, ()),
                     token_match=tokenizer.token_match,
                     url_match=guarded(tokenizer.url_match, guard_contains, None),
                     faster_heuristics=tokenizer.faster_heuristics,
                     max_cache_size=tokenizer.max_cache_size)
