"""Import catalogs into kg's catalog format (JSON Lines of ``{type, name, aliases, id, url, source}``).

``import_pwc`` reads the Papers with Code files (the official ``methods.json.gz`` and
``datasets.json.gz`` dumps, the merged dataset catalog, the task lists and the
leaderboard task#dataset#metric triples); ``import_user`` reads a user's CSV or JSONL
(columns/keys ``type, name, aliases, id, url``; aliases separated by ``|`` in CSV).
"""
from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from ..errors import KGError
from .catalog import TYPES
from .normalize import name_key

PWC = "https://paperswithcode.com/"


def _open_text(path: Path) -> io.TextIOBase:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return io.StringIO(raw.decode("utf-8", "replace"))


def _pwc_id(url: str | None) -> str | None:
    if url and url.startswith(PWC):
        return "pwc:" + url[len(PWC):].strip("/")
    return None


def _entry(type_: str, name: str, aliases: Iterable[str] = (), url: str | None = None, source: str = "pwc") -> dict:
    name = " ".join(str(name).split())
    seen, keep = {name_key(name)}, []
    for a in aliases:
        a = " ".join(str(a or "").split())
        if a and name_key(a) not in seen:
            seen.add(name_key(a))
            keep.append(a)
    return {"type": type_, "name": name, "aliases": keep, "id": _pwc_id(url), "url": url, "source": source}


def pwc_methods(path: Path) -> Iterator[dict]:
    """The official methods dump: a JSON list of {name, full_name, url, ...}."""
    for m in orjson.loads(_open_text(path).read()):
        if m.get("name"):
            yield _entry("method", m["name"], [m.get("full_name")], m.get("url"))


def pwc_datasets(path: Path) -> Iterator[dict]:
    """The official datasets dump (JSON list) or the merged catalog (JSON Lines): name,
    full_name, url, variants. A variant spelled like the name is an alias; another
    variant ("Rotated MNIST", "MNIST-test") is an entity of its own."""
    text = _open_text(path).read()
    rows = orjson.loads(text) if text.lstrip().startswith("[") else [orjson.loads(x) for x in text.split("\n") if x.strip()]
    for d in rows:
        if not d.get("name"):
            continue
        same = [v for v in d.get("variants") or [] if name_key(v) == name_key(d["name"])]
        yield _entry("dataset", d["name"], [d.get("full_name"), *same], d.get("url"))
        for v in d.get("variants") or []:
            if name_key(v) != name_key(d["name"]):
                yield _entry("dataset", v, source="pwc-variant")


def pwc_tasks(path: Path) -> Iterator[dict]:
    """Task lists: the *_tasks_detailed.csv files (column "Task Name") or all_tasks.txt."""
    if path.suffix == ".csv":
        for row in csv.DictReader(_open_text(path)):
            name = (row.get("Task Name") or "").strip()
            if name:
                yield _entry("task", name)
    else:
        for line in _open_text(path):
            name = line.strip().strip('"')
            if len(name) > 2:
                yield _entry("task", name)


def pwc_leaderboards(path: Path) -> Iterator[dict]:
    """TDM_taxonomy.tsv: task#dataset#metric<TAB>count -> tasks, datasets and metrics."""
    for line in _open_text(path):
        triple = line.split("\t")[0].split("#")
        if len(triple) == 3:
            task, dataset, metric = (x.strip() for x in triple)
            if task:
                yield _entry("task", task)
            if metric:
                yield _entry("metric", metric)
            if dataset:
                yield _entry("dataset", re.sub(r"\s+-\s+(?:test|dev|val|validation|train)\b.*$", "", dataset, flags=re.I))


def _kind(path: Path) -> str | None:
    n = path.name.lower()
    if n.startswith("methods.json"):
        return "methods"
    if n.startswith("datasets.json") or "datasets_catalog" in n:
        return "datasets"
    if n.endswith("_tasks_detailed.csv") or n == "all_tasks.txt":
        return "tasks"
    if n.startswith("tdm_taxonomy.tsv"):
        return "leaderboards"
    return None


READERS = {"methods": pwc_methods, "datasets": pwc_datasets, "tasks": pwc_tasks, "leaderboards": pwc_leaderboards}


def import_pwc(paths: Iterable[str | Path]) -> list[dict]:
    """Catalog entries from Papers with Code files or folders (unknown files are ignored)."""
    files = []
    for p in map(Path, paths):
        if not p.exists():
            raise KGError(f"{p}: no such file or directory")
        files.extend(sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p])
    entries = []
    for f in files:
        kind = _kind(f)
        if kind:
            try:
                entries.extend(READERS[kind](f))
            except (orjson.JSONDecodeError, UnicodeDecodeError, OSError, EOFError) as exc:
                raise KGError(f"{f}: cannot read as a Papers with Code {kind} file ({exc})") from None
    if not entries:
        raise KGError("no Papers with Code files found (methods.json.gz, datasets.json.gz, "
                      "pwc_datasets_catalog.jsonl.gz, *_tasks_detailed.csv, all_tasks.txt, TDM_taxonomy.tsv)")
    return dedupe(entries)


def import_user(path: str | Path) -> list[dict]:
    """A user's catalog as CSV (header: type,name,aliases,id,url) or JSON Lines."""
    path = Path(path)
    rows = []
    if path.suffix.lower() == ".csv":
        for i, row in enumerate(csv.DictReader(_open_text(path)), 2):
            rows.append((i, {**row, "aliases": [a for a in (row.get("aliases") or "").split("|") if a.strip()]}))
    else:
        for i, line in enumerate(_open_text(path), 1):
            if line.strip():
                try:
                    rows.append((i, orjson.loads(line)))
                except orjson.JSONDecodeError as exc:
                    raise KGError(f"{path}:{i}: malformed JSON ({exc.msg})") from None
    out = []
    for i, r in rows:
        if r.get("type") not in TYPES or not str(r.get("name") or "").strip():
            raise KGError(f"{path}:{i}: needs a type (one of {', '.join(TYPES)}) and a name")
        e = _entry(r["type"], r["name"], r.get("aliases") or [], r.get("url") or None, source=path.name)
        e["id"] = r.get("id") or e["id"]
        out.append(e)
    return dedupe(out)


def dedupe(entries: list[dict]) -> list[dict]:
    """One entry per (type, spelling); later duplicates add their aliases, id and url."""
    by_key: dict[tuple[str, str], dict] = {}
    for e in entries:
        k = (e["type"], name_key(e["name"]))
        if not k[1]:
            continue
        old = by_key.get(k)
        if old is None:
            by_key[k] = e
            continue
        for a in e["aliases"]:
            if name_key(a) not in {name_key(x) for x in [old["name"], *old["aliases"]]}:
                old["aliases"].append(a)
        old["id"] = old["id"] or e["id"]
        old["url"] = old["url"] or e["url"]
    return sorted(by_key.values(), key=lambda e: (e["type"], e["name"].casefold(), e["name"]))
