"""The extraction pipeline: a blank English spaCy pipeline of kg's own components.

>>> from kg.extract.pipeline import build_nlp
>>> build_nlp().pipe_names
['sentencizer', 'kg_title_boundary', 'kg_links', 'kg_abbreviations', 'kg_catalog', 'kg_names', 'kg_tasks', 'kg_roles']
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..model import Paper
# Importing the modules registers their factories.
from . import abbreviations, catalog_ruler, links, names, roles, tasks  # noqa: F401
from .record import to_record
from .separator import SEPARATOR

BATCH_SIZE = 256


def build_nlp(extra_catalogs: Iterable[str] = ()) -> Language:
    """Assemble the pipeline; ``extra_catalogs`` are JSONL catalogs added to the starter one."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_title_boundary")
    nlp.add_pipe("kg_links")
    nlp.add_pipe("kg_abbreviations")
    nlp.add_pipe("kg_catalog", config={"extra": list(extra_catalogs)})
    nlp.add_pipe("kg_names")
    nlp.add_pipe("kg_tasks")
    nlp.add_pipe("kg_roles", config={"extra": list(extra_catalogs)})
    return nlp


def make_doc(nlp: Language, paper: Paper) -> Doc:
    """Title and abstract in one Doc; the title is its own first sentence."""
    text = f"{paper.title}{SEPARATOR}{paper.abstract}"
    doc = nlp.make_doc(text)
    doc.user_data["title_end"] = len(paper.title)
    doc.user_data["text"] = text
    return doc


@Language.component("kg_title_boundary")
def title_boundary(doc: Doc) -> Doc:
    """Start a sentence right after the title, whatever its punctuation."""
    title_end = doc.user_data.get("title_end", 0)
    for tok in doc:
        if tok.idx > title_end and not tok.is_space:
            tok.is_sent_start = True
            break
    return doc


def extract(papers: Iterable[Paper], nlp: Language | None = None, batch_size: int = BATCH_SIZE) -> Iterator[dict]:
    """Records (gold format + id + evidence) for papers, in input order."""
    nlp = nlp or build_nlp()
    pairs = ((make_doc(nlp, p), p) for p in papers)
    for doc, paper in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield to_record(doc, paper)
