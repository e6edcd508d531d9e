"""Normalisation keys: the spelling-insensitive identity of a name."""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_NON_KEY = re.compile(r"[^0-9a-z+#]+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Case, hyphen and space insensitive key.

    >>> name_key("ImageNet-1k") == name_key("ImageNet 1K") == name_key("imagenet1k")
    True
    >>> name_key("BERT") == name_key("BEiT")
    False
    """
    s = unicodedata.normalize("NFKC", name).casefold()
    s = _DASHES.sub("-", s)
    return _NON_KEY.sub("", s)


@lru_cache(maxsize=200_000)
def singular_key(name: str) -> str:
    """The key of a name with an English plural 's' removed ("ViTs" -> "vit")."""
    k = name_key(name)
    if len(k) > 3 and k.endswith("s") and not k.endswith("ss"):
        return k[:-1]
    return k
