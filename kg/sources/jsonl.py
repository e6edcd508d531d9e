"""JSON Lines: one paper object a line (`title`, `abstract` or `summary`, optional
`id`, `arxiv_id`, `date`, `authors`, `url`, `repos`, `links`)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson

from ..model import Paper, Rejection
from .opener import Fallbacks, decode_line, open_bytes
from .records import make_paper


def authors_of(value) -> list[str]:
    """Authors as names, from a list of strings or of {"name": ...} objects, or one string."""
    if isinstance(value, str):
        return [a.strip() for a in value.split(",") if a.strip()]
    out = []
    for a in value or []:
        if isinstance(a, str):
            out.append(a)
        elif isinstance(a, dict) and isinstance(a.get("name"), str):
            out.append(a["name"])
    return out


def paper_from_object(obj: dict, label: str, line: int | None, **opts) -> Paper | Rejection:
    abstract = obj.get("abstract")
    if abstract is None:
        abstract = obj.get("summary")
    ext = obj.get("id")
    return make_paper(
        label, line, obj.get("title"), abstract,
        ext_id=str(ext) if isinstance(ext, (str, int)) else None,
        arxiv_id=obj.get("arxiv_id"), date=obj.get("date") or obj.get("published"),
        authors=authors_of(obj.get("authors")), url=obj.get("url"),
        repos=_as_list(obj.get("repos")) + _as_list(obj.get("githubRepo")),
        links=_as_list(obj.get("links")) + _as_list(obj.get("projectPage")), **opts)


def _as_list(v) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def read(path: Path, label: str, warn=None, **opts) -> Iterator[Paper | Rejection]:
    fallbacks = Fallbacks(label, warn)
    with open_bytes(path) as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                text, fell_back = decode_line(raw)
            except UnicodeDecodeError as exc:
                yield Rejection(label, lineno, f"invalid UTF-8 and not text ({exc.reason} at byte {exc.start})",
                                raw[:120].decode("utf-8", "replace"))
                continue
            if fell_back:
                fallbacks.note(lineno)
            try:
                obj = orjson.loads(text)
            except orjson.JSONDecodeError as exc:
                yield Rejection(label, lineno, f"malformed JSON ({exc.msg})", text[:120])
                continue
            if not isinstance(obj, dict):
                yield Rejection(label, lineno, f"expected a JSON object, got {type(obj).__name__}",
                                raw[:120].decode("utf-8", "replace"))
                continue
            yield paper_from_object(obj, label, lineno, **opts)
    fallbacks.report()
