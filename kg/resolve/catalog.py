"""The catalog of known entities: names, aliases, types, ids.

Built from the starter TSV files in ``kg/data/catalog`` and, optionally, from imported
catalogs (JSON Lines written by ``kg catalog import-pwc`` or by a user). The extractor
uses it for recognition; resolution uses it to give an entity its canonical name and id.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import orjson

from .normalize import name_key, singular_key

DATA = Path(__file__).resolve().parent.parent / "data"
TYPES = ("method", "dataset", "benchmark", "task", "metric")
FILES = {"method": "methods.tsv", "dataset": "datasets.tsv", "benchmark": "benchmarks.tsv",
         "task": "tasks.tsv", "metric": "metrics.tsv"}


@dataclass(slots=True)
class Entry:
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    id: str | None = None        # catalog id (e.g. a Papers with Code id)
    url: str | None = None
    source: str = "starter"

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Catalog:
    """Entries indexed by normalised key; the first entry to claim a key keeps it."""

    def __init__(self, entries=(), generic=()):
        self.entries: list[Entry] = []
        self.by_key: dict[str, Entry] = {}
        self.generic: set[str] = set()
        for e in entries:
            self.add(e)
        for g in generic:
            self.add_generic(g)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        for n in entry.names:
            k = name_key(n)
            if not k:
                continue
            old = self.by_key.get(k)
            if old is None:
                self.by_key[k] = entry
            elif old.type == entry.type and name_key(old.name) == name_key(entry.name):
                # the same entity in a later catalog: it links the earlier entry (id, url)
                old.id = old.id or entry.id
                old.url = old.url or entry.url

    def add_generic(self, name: str) -> None:
        self.generic.add(name_key(name))

    def lookup(self, name: str) -> Entry | None:
        """The entry a name refers to (exact key, then without a plural 's')."""
        return self.by_key.get(name_key(name)) or self.by_key.get(singular_key(name))

    def is_generic(self, name: str) -> bool:
        return name_key(name) in self.generic or singular_key(name) in self.generic

    def __len__(self) -> int:
        return len(self.entries)


def origin_of(entry) -> str:
    """"catalog" for the hand-curated starter catalog (well-known entities: used unless the
    title names them); "import" for imported catalogs, whose names get the same role
    rules as any other name (a paper may propose what a catalog later listed)."""
    return "catalog" if entry is None or entry.source == "starter" else "import"


def _digits(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", name))


def split_variants(entry: Entry) -> list[Entry]:
    """Aliases with other numbers than the name are variants, i.e. entities of their own:
    ``Kinetics`` / ``K400`` / ``Kinetics-400``, ``ImageNet`` / ``ImageNet-1K``, ``SQuAD 2.0``.
    Aliases with the same numbers stay aliases (``CIFAR10`` of ``CIFAR-10``)."""
    own = _digits(entry.name)
    keep, variants = [], {}
    for a in entry.aliases:
        d = _digits(a)
        if d == own or not d:
            keep.append(a)
        else:
            variants.setdefault(tuple(sorted(set(d))), []).append(a)
    out = [Entry(entry.type, entry.name, keep, entry.id, entry.url, entry.source)]
    for names in variants.values():
        out.append(Entry(entry.type, names[0], names[1:], None, None, entry.source))
    return out


def read_tsv(path: Path, type_: str) -> list[Entry]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, aliases = line.partition("\t")
        out.extend(split_variants(Entry(type_, name.strip(), [a.strip() for a in aliases.split("|") if a.strip()])))
    return out


def read_jsonl(path: Path) -> list[Entry]:
    """Imported catalog entries: {"type", "name", "aliases", "id", "url"} per line."""
    out = []
    with open(path, "rb") as fh:
        for raw in fh:
            if raw.strip():
                d = orjson.loads(raw)
                out.append(Entry(d["type"], d["name"], list(d.get("aliases") or []), d.get("id"),
                                 d.get("url"), d.get("source", path.name)))
    return out


def generic_names(directory: Path) -> list[str]:
    path = directory / "generic.tsv"
    names = []
    for e in read_tsv(path, "generic") if path.exists() else []:
        names.extend(e.names)
    return names


@lru_cache(maxsize=8)
def load_catalog(extra: tuple[str, ...] = ()) -> Catalog:
    """The starter catalog plus any extra JSONL catalogs (paths), cached per process."""
    directory = DATA / "catalog"
    entries = []
    for type_, fname in FILES.items():
        entries.extend(read_tsv(directory / fname, type_))
    for p in extra:
        entries.extend(read_jsonl(Path(p)))
    return Catalog(entries, generic_names(directory))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    path = DATA / "common_words.txt"
    return frozenset(w.strip().casefold() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))
