"""Readers: one module per input format, all yielding Paper records (or Rejections).

>>> from kg.sources import detect_format
>>> detect_format("feed.atom.xml.gz")
'arxiv_atom'
"""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Paper, Rejection
from . import arxiv_atom, hf_api, hf_page, jsonl
from .opener import head

READERS = {"hf_page": hf_page.read, "jsonl": jsonl.read, "hf_api": hf_api.read, "arxiv_atom": arxiv_atom.read}
EXTENSIONS = {".txt": "hf_page", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "hf_api",
              ".xml": "arxiv_atom", ".atom": "arxiv_atom"}
FORMATS = tuple(READERS)


def detect_format(path: str | Path, sniff: bool = False) -> str | None:
    """The format of a file from its extension (ignoring .gz), else from its content."""
    name = Path(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for ext, fmt in EXTENSIONS.items():
        if name.endswith(ext):
            return fmt
    return sniff_format(Path(path)) if sniff else None


def sniff_format(path: Path) -> str | None:
    data = head(path).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data:
        return None
    if data.startswith(b"<"):
        return "arxiv_atom"
    if data[:1] in (b"{", b"["):
        first = data.split(b"\n", 1)[0].strip()
        if data[:1] == b"{" and first.endswith(b"}") and b'"title"' in first:
            return "jsonl"
        return "hf_api"
    if b"\x00" in data[:1024]:
        return None
    return "hf_page"


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named on the command line; directories are walked (sorted, hidden files skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(f"{p}: no such file or directory")
        if p.is_dir():
            out.extend(f for f in sorted(p.rglob("*"))
                       if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            out.append(p)
    return out


def read_papers(paths: Iterable[str | Path], fmt: str | None = None, *,
                warn: Callable[[str], None] | None = None, **opts) -> Iterator[Paper | Rejection]:
    """Stream Papers and Rejections from every input, in order.

    ``fmt`` forces one format for every file; otherwise it is picked per file from the
    extension, then the content. A file of unknown format raises InputError when named
    directly and is reported as a rejection when met while walking a directory.
    """
    if fmt is not None and fmt not in READERS:
        raise InputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    named = {Path(p) for p in paths if not Path(p).is_dir()} if not isinstance(paths, Iterator) else set()
    for path in expand_inputs(paths):
        label = str(path)
        try:
            if path.stat().st_size == 0:
                if warn:
                    warn(f"{label}: empty file, no papers read")
                continue
            kind = fmt or detect_format(path, sniff=True)
        except OSError as exc:
            raise InputError(f"{label}: cannot read ({exc.strerror or exc})") from None
        if kind is None:
            if path in named:
                raise InputError(f"{label}: unknown format (use --format {{{','.join(FORMATS)}}})")
            yield Rejection(label, None, "unknown format (binary or unrecognised content); file skipped")
            continue
        if path not in named and fmt is None and detect_format(path) is None:
            # Walking a folder: a README or notes file is not read as papers, and is reported.
            yield Rejection(label, None, "not an input file (extension not .txt/.jsonl/.json/.xml[.gz]); skipped")
            continue
        reader_opts = dict(opts, warn=warn) if kind in ("hf_page", "jsonl") else opts
        yield from _guarded(READERS[kind](path, label, **reader_opts), label)


def _guarded(records: Iterator, label: str) -> Iterator[Paper | Rejection]:
    """Turn a file that breaks mid-way (truncated gzip, I/O error) into one rejection."""
    n = 0
    try:
        for rec in records:
            n += 1
            yield rec
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield Rejection(label, None, f"truncated or corrupt gzip after {n} records ({exc})")
    except PermissionError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror})") from None
    except OSError as exc:
        yield Rejection(label, None, f"read error after {n} records ({exc})")
