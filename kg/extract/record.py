"""A processed Doc as the per-paper record of the gold format (plus id and evidence)."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Paper
from .doctext import ext_key, sentence_index, sentence_starts, text_of
from .separator import SEPARATOR
from .links import github_repo, normalise_link

PLURAL = {"method": "methods", "dataset": "datasets", "benchmark": "benchmarks", "task": "tasks", "metric": "metrics"}
EXTRACTOR = "kg-rules/1"


class _Evidence:
    """Evidence items of one Doc; each sentence is located and trimmed once."""

    def __init__(self, doc: Doc):
        self.text = text_of(doc)
        self.title_end = doc.user_data.get("title_end", 0)
        self.base = self.title_end + len(SEPARATOR)
        self.starts = sentence_starts(doc)
        self.sentences: dict[int, tuple[str, int, int]] = {}

    def offsets(self, start: int, end: int) -> tuple[str, int, int]:
        """(field, start, end) with offsets relative to the title or the abstract."""
        if start < self.title_end:
            return "title", start, end
        return "abstract", start - self.base, end - self.base

    def sentence(self, pos: int) -> tuple[str, int, int]:
        """(sentence, start, end in its field) of the sentence holding ``pos``, trimmed."""
        starts = self.starts
        i = sentence_index(starts, pos)
        found = self.sentences.get(i)
        if found is None:
            text = self.text
            s_start = starts[i]
            s_end = starts[i + 1] if i + 1 < len(starts) else len(text)
            raw = text[s_start:s_end]
            s_start += len(raw) - len(raw.lstrip())
            s_end -= len(raw) - len(raw.rstrip())
            _, ss, se = self.offsets(s_start, s_end)
            found = self.sentences[i] = (text[s_start:s_end], ss, se)
        return found

    def __call__(self, type_: str, name: str, start: int, end: int, extractor: str) -> dict:
        sentence, ss, se = self.sentence(start)
        field, s, e = self.offsets(start, end)
        return {"type": type_, "name": name, "field": field, "start": s, "end": e,
                "sentence": sentence, "sentence_start": ss, "sentence_end": se,
                "extractor": f"{EXTRACTOR}:{extractor}"}


def to_record(doc: Doc, paper: Paper) -> dict:
    rec: dict = {"id": paper.id, "title": paper.title}
    for plural in PLURAL.values():
        rec[plural] = []
    evidence = []
    cite = _Evidence(doc)
    for ent in doc.user_data[ext_key("kg_entities")]:
        item = {"name": ent.name}
        if ent.role:
            item["role"] = ent.role
        item["aliases"] = ent.aliases
        if ent.canonical:
            item["canonical"] = ent.canonical
        rec[PLURAL[ent.type]].append(item)
        m = ent.mentions[0]
        evidence.append(cite(ent.type, ent.name, m.start, m.end, m.origin))
    repos, links = [], []
    for s, e, url, repo in doc.user_data.get(ext_key("kg_links"), ()):
        if repo:
            if repo not in repos:
                repos.append(repo)
                evidence.append(cite("repo", repo, s, e, "links"))
        else:
            link = normalise_link(url)
            if link.rstrip("/") not in {x.rstrip("/") for x in links}:
                links.append(link)
                evidence.append(cite("link", link, s, e, "links"))
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
