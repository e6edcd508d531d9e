"""Context word lists (``kg/data/cues.txt``) used to type and role mentions, and the
reader of such sectioned word files."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "cues.txt"


def read_sections(path: Path) -> dict[str, frozenset[str]]:
    """A word-list file: ``[section]`` headers, one word or phrase a line, ``#`` comments."""
    sections: dict[str, set[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), set())
        elif current is not None:
            current.add(line.casefold())
    return {k: frozenset(v) for k, v in sections.items()}


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    return read_sections(CUES_FILE)
