"""A processed Doc as the per-paper record of the gold format (plus id and evidence)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Paper
from .doctext import ext_key, sentence_bounds, text_of
from .separator import SEPARATOR
from .links import github_repo, normalise_link

PLURAL = {"method": "methods", "dataset": "datasets", "benchmark": "benchmarks", "task": "tasks", "metric": "metrics"}
EXTRACTOR = "kg-rules/1"


def _field_offsets(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """(field, start, end) with offsets relative to the title or the abstract."""
    title_end = doc.user_data.get("title_end", 0)
    if start < title_end:
        return "title", start, end
    base = title_end + len(SEPARATOR)
    return "abstract", start - base, end - base


def _evidence(doc: Doc, type_: str, name: str, start: int, end: int, extractor: str) -> dict:
    text = text_of(doc)
    s_start, s_end = sentence_bounds(doc, start)
    raw = text[s_start:s_end]
    s_start += len(raw) - len(raw.lstrip())
    s_end -= len(raw) - len(raw.rstrip())
    field, s, e = _field_offsets(doc, start, end)
    _, ss, se = _field_offsets(doc, s_start, s_end)
    return {"type": type_, "name": name, "field": field, "start": s, "end": e,
            "sentence": text[s_start:s_end], "sentence_start": ss, "sentence_end": se,
            "extractor": f"{EXTRACTOR}:{extractor}"}


def to_record(doc: Doc, paper: Paper) -> dict:
    rec: dict = {"id": paper.id, "title": paper.title}
    for plural in PLURAL.values():
        rec[plural] = []
    evidence = []
    for ent in doc.user_data[ext_key("kg_entities")]:
        item = {"name": ent.name}
        if ent.role:
            item["role"] = ent.role
        item["aliases"] = ent.aliases
        if ent.canonical:
            item["canonical"] = ent.canonical
        rec[PLURAL[ent.type]].append(item)
        m = ent.mentions[0]
        evidence.append(_evidence(doc, ent.type, ent.name, m.start, m.end, m.origin))
    repos, links = [], []
    for s, e, url, repo in doc.user_data.get(ext_key("kg_links"), ()):
        if repo:
            if repo not in repos:
                repos.append(repo)
                evidence.append(_evidence(doc, "repo", repo, s, e, "links"))
        else:
            link = normalise_link(url)
            if link.rstrip("/") not in {x.rstrip("/") for x in links}:
                links.append(link)
                evidence.append(_evidence(doc, "link", link, s, e, "links"))
    for url in paper.repos:  # metadata from the source (e.g. githubRepo)
        repo = github_repo(url) or url.strip()
        if repo not in repos:
            repos.append(repo)
            evidence.append({"type": "repo", "name": repo, "field": "metadata", "extractor": "source:metadata"})
    for url in paper.links:
        link = normalise_link(url)
        if link not in links and github_repo(link) is None:
            links.append(link)
            evidence.append({"type": "link", "name": link, "field": "metadata", "extractor": "source:metadata"})
    rec["repos"], rec["links"] = repos, links
    rec["evidence"] = evidence
    return rec
