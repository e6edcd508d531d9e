"""The text of a Doc, kept once: ``Doc.text`` rebuilds the string from its tokens on
every call (~100 µs for an abstract), and every component needs it."""
from bisect import bisect_right

from spacy.tokens import Doc


def text_of(doc: Doc) -> str:
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def ext_key(name: str) -> tuple:
    """Where spaCy keeps ``doc._.<name>`` in ``doc.user_data``: the components read and
    write it there directly (``doc._`` builds a new accessor object on every use)."""
    return ("._.", name, None, None)


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where sentences start (computed once per Doc)."""
    starts = doc.user_data.get("sent_starts")
    if starts is None:
        starts = doc.user_data["sent_starts"] = [0]  # kg_sentences did not run: one sentence
    return starts


def sentence_index(starts: list[int], pos: int) -> int:
    """Which sentence (an index into ``sentence_starts``) holds character ``pos``."""
    return max(0, bisect_right(starts, pos) - 1)


def back_over_space(text: str, pos: int, floor: int = 0) -> int:
    """``pos`` moved back over the whitespace before it, not below ``floor``
    (``len(text[:pos].rstrip())`` without copying the text)."""
    while pos > floor and text[pos - 1].isspace():
        pos -= 1
    return pos
