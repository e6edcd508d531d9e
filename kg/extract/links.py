"""URLs in text: GitHub repositories (`owner/name`) and other links."""
from __future__ import annotations

import re

from .anchored import first_of

_URL = re.compile(r"(?:https?://|www\.|(?<![\w./@-])github\.com/)[^\s<>\"'`{}|\\^\[\]]+", re.I)
_TRAIL = ".,;:!?)]}>'\"*"
_GITHUB = re.compile(r"^(?:https?://)?(?:www\.)?github\.com/([\w.-]+)/([\w.-]+)", re.I)
_NOT_OWNER = {"orgs", "topics", "features", "about", "sponsors", "marketplace", "settings", "login"}


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of every URL, without trailing punctuation.

    >>> find_urls("Code: https://github.com/a/b. See www.x.org/y).")
    [(6, 28, 'https://github.com/a/b'), (34, 45, 'www.x.org/y')]
    """
    out = []
    low = text.lower()
    first = first_of(low, ("http", "www.", "github.com/"))
    if first < 0:
        return out  # most abstracts: no regex scan at all
    if len(low) != len(text):
        first = 0  # lower-casing moved the offsets (rare letters): scan it all
    for m in _URL.finditer(text, first):
        url = m.group(0)
        while url and url[-1] in _TRAIL:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        if len(url) > 10:
            out.append((m.start(), m.start() + len(url), url))
    return out


def github_repo(url: str) -> str | None:
    """`owner/name` of a GitHub URL, or None when it is not a repository.

    >>> github_repo("https://github.com/Lu-Feng/SelaVPR.git/tree/main")
    'Lu-Feng/SelaVPR'
    >>> github_repo("https://sgvaze.github.io/genecis/") is None
    True
    """
    m = _GITHUB.match(url.strip())
    if not m or m.group(1).lower() in _NOT_OWNER:
        return None
    name = re.sub(r"\.git$", "", m.group(2)).rstrip(".")
    return f"{m.group(1)}/{name}" if name else None


def normalise_link(url: str) -> str:
    """A link as the full URL (scheme added where the text left it out)."""
    url = url.strip().rstrip(_TRAIL)
    return url if re.match(r"https?://", url, re.I) else "https://" + url


from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from .doctext import ext_key, text_of  # noqa: E402

KEY = ext_key("kg_links")

if not Doc.has_extension("kg_links"):
    Doc.set_extension("kg_links", default=None)


@Language.factory("kg_links")
def make_links(nlp: Language, name: str):
    """Sets ``doc._.kg_links``: (start, end, url, repo-or-None) for every URL."""
    def links(doc: Doc) -> Doc:
        doc.user_data[KEY] = [(s, e, u, github_repo(u)) for s, e, u in find_urls(text_of(doc))]
        return doc
    return links
