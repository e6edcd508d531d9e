"""One node per real-world entity across papers.

Rules (applied per entity type):

1. A name the catalog knows resolves to the catalog entry: every spelling and alias
   the catalog lists is the same node (``ImageNet-1k`` = ``ImageNet-1K`` = ``ImageNet``
   when the catalog says so).
2. Otherwise spellings that differ only in case, hyphens, spaces or a plural ``s`` are
   one node (``ImageNet 1K`` = ``ImageNet-1k``); an entity written with an acronym and
   its long form is keyed by the long form.
3. An acronym written alone (``DIN``) joins the entity whose long form another paper
   defined for it (``Deep Interest Network (DIN)``) when exactly one such long form
   exists; when several do, the acronym stays its own node (ambiguous).
4. Different names never merge by similarity alone: ``BERT`` and ``BEiT``, ``CLIP`` and
   ``CLIP-ViT`` stay apart (a variant is its own entity, as the guidelines say).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..resolve.catalog import Catalog
from .normalize import name_key, singular_key


def is_acronym(name: str) -> bool:
    return " " not in name and sum(c.isupper() for c in name) >= 2 and len(name) <= 12


@dataclass
class EntityGroup:
    type: str
    key: str
    surfaces: Counter = field(default_factory=Counter)
    papers: set = field(default_factory=set)
    catalog: object = None
    acronyms: set = field(default_factory=set)
    has_long_form: bool = False


class Resolver:
    """Accumulates entity mentions from records; ``key_of`` gives the final node key."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.groups: dict[tuple[str, str], EntityGroup] = {}
        self._final: dict[tuple[str, str], tuple[str, str]] | None = None

    def primary_key(self, type_: str, name: str, aliases: list[str], canonical: str | None = None) -> str:
        for n in (canonical, name, *aliases):
            if n:
                entry = self.catalog.lookup(n)
                if entry is not None and entry.type == type_:
                    return "c:" + name_key(entry.name)
        longs = [n for n in (name, *aliases) if len(n.split()) >= 2 and not is_acronym(n)]
        if longs:
            return singular_key(max(longs, key=len))
        return singular_key(name)

    def add(self, type_: str, name: str, aliases: list[str], paper_id: str, canonical: str | None = None) -> tuple[str, str]:
        key = self.primary_key(type_, name, aliases, canonical)
        g = self.groups.get((type_, key))
        if g is None:
            g = self.groups[(type_, key)] = EntityGroup(type_, key)
            if key.startswith("c:"):
                g.catalog = self.catalog.lookup(canonical or name) or next(
                    (self.catalog.lookup(a) for a in aliases if self.catalog.lookup(a)), None)
        g.surfaces[name] += 1
        for a in aliases:
            g.surfaces[a] += 0
        g.papers.add(paper_id)
        acr = [n for n in (name, *aliases) if is_acronym(n)]
        if len(acr) < len(aliases) + 1:
            g.has_long_form = True
        g.acronyms.update(singular_key(a) for a in acr)
        self._final = None
        return (type_, key)

    def _resolve(self) -> dict:
        """Map every group key to its final key (rule 3)."""
        by_acronym: dict[tuple[str, str], set] = {}
        for (t, k), g in self.groups.items():
            if g.has_long_form or g.catalog is not None:
                for a in g.acronyms:
                    by_acronym.setdefault((t, a), set()).add((t, k))
        final = {}
        for (t, k), g in self.groups.items():
            target = (t, k)
            if not g.has_long_form and g.catalog is None:
                owners = by_acronym.get((t, k), set()) - {(t, k)}
                if len(owners) == 1:
                    target = next(iter(owners))
            final[(t, k)] = target
        return final

    def key_of(self, group_key: tuple[str, str]) -> tuple[str, str]:
        if self._final is None:
            self._final = self._resolve()
        return self._final[group_key]

    def merged(self) -> dict[tuple[str, str], dict]:
        """Final entities: key -> {type, name, aliases, papers, catalog}."""
        out: dict[tuple[str, str], dict] = {}
        for gk, g in self.groups.items():
            fk = self.key_of(gk)
            acc = out.setdefault(fk, {"type": g.type, "surfaces": Counter(), "papers": set(), "catalog": None})
            acc["surfaces"].update(g.surfaces)
            for s in g.surfaces:
                acc["surfaces"][s] += 0
            acc["papers"] |= g.papers
            acc["catalog"] = acc["catalog"] or g.catalog
        for acc in out.values():
            ranked = sorted(acc["surfaces"].items(), key=lambda kv: (-kv[1], kv[0]))
            name = ranked[0][0]
            seen, aliases = {name_key(name)}, []
            for s, _ in ranked[1:]:
                if name_key(s) not in seen:
                    seen.add(name_key(s))
                    aliases.append(s)
            acc["name"], acc["aliases"] = name, sorted(aliases)
        return out
