"""The text of a Doc, kept once: ``Doc.text`` rebuilds the string from its tokens on
every call (~100 µs for an abstract), and every component needs it."""
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
