"""Turn raw fields into a validated Paper, or a Rejection that says why not."""
from __future__ import annotations

from ..model import Paper, Rejection
from .text import clean_text

#: Default cap on the abstract of one record (characters); larger records are rejected.
MAX_ABSTRACT_CHARS = 100_000
MAX_TITLE_CHARS = 1_000


def make_paper(file: str, line: int | None, title, abstract, *, max_abstract: int = MAX_ABSTRACT_CHARS,
               **fields) -> Paper | Rejection:
    """Validate one record's fields; the title and abstract are required strings."""
    where = f"{file}:{line}" if line is not None else file
    if not isinstance(title, str) or not title.strip():
        return Rejection(file, line, "missing title", _excerpt(abstract))
    if not isinstance(abstract, str) or not abstract.strip():
        return Rejection(file, line, "missing abstract", _excerpt(title))
    if len(abstract) > max_abstract:
        return Rejection(file, line, f"abstract too large ({len(abstract):,} characters > {max_abstract:,})",
                         _excerpt(title))
    title, abstract = clean_text(title), clean_text(abstract)
    if len(title) > MAX_TITLE_CHARS:
        return Rejection(file, line, f"title too long ({len(title):,} characters)", _excerpt(title))
    if not title or not abstract:
        return Rejection(file, line, "title or abstract empty after cleaning", _excerpt(title or abstract))
    authors = fields.pop("authors", None) or []
    authors = [clean_text(a) for a in authors if isinstance(a, str) and a.strip()]
    clean = {k: (clean_text(v) if isinstance(v, str) else None) for k, v in fields.items()
             if k in ("ext_id", "arxiv_id", "date", "url")}
    repos = [r for r in fields.get("repos") or [] if isinstance(r, str) and r.strip()]
    links = [u for u in fields.get("links") or [] if isinstance(u, str) and u.strip()]
    return Paper(title=title, abstract=abstract, source=where, authors=authors, repos=repos,
                 links=links, sources=[where], **{k: v or None for k, v in clean.items()})


def _excerpt(value, n: int = 120) -> str:
    if not isinstance(value, str):
        return repr(value)[:n]
    value = " ".join(value.split())
    return value[:n] + ("…" if len(value) > n else "")
