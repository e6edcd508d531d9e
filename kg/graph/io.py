"""The portable graph format: a folder of JSON Lines files.

``OUTDIR/``
  ``nodes.jsonl``     one node a line: ``{"id", "label", ...properties}``, sorted by id
  ``edges.jsonl``     one relationship a line: ``{"type", "from", "to", "paper", "field",
                      "char_start", "char_end", "sentence", "extractor"}``, sorted
  ``papers.jsonl``    the per-paper extraction records (the gold format + id + evidence)
  ``rejected.jsonl``  input records that were skipped: ``{"file", "line", "reason", "excerpt"}``
  ``manifest.json``   counts per label and relationship type, schema version, inputs

Files are written to a temporary folder and swapped in whole, so an interrupted build
leaves the previous OUTDIR as it was. The same inputs give the same bytes.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import orjson

from ..errors import KGError

DUMP = orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
FILES = ("nodes.jsonl", "edges.jsonl", "papers.jsonl", "rejected.jsonl", "manifest.json")


def write_jsonl(path: Path, rows: Iterable[dict]) -> int:
    n = 0
    with open(path, "wb") as fh:
        for row in rows:
            fh.write(orjson.dumps(row, option=DUMP))
            n += 1
    return n


def write_jsonl_atomic(path: Path, rows: Iterable[dict]) -> int:
    """Write beside the target and rename: readers never see a half-written file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        n = write_jsonl(tmp, rows)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def read_jsonl(path: Path) -> list[dict]:
    with open(path, "rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]


def summarise(nodes: list[dict], edges: list[dict]) -> dict:
    return {"nodes": dict(sorted(Counter(n["label"] for n in nodes).items())),
            "relationships": dict(sorted(Counter(e["type"] for e in edges).items()))}


class StagedDir:
    """A temporary sibling of OUTDIR that replaces it atomically on ``commit()``."""

    def __init__(self, outdir: Path):
        self.outdir = Path(outdir)
        self.outdir.parent.mkdir(parents=True, exist_ok=True)
        self._remove_stale()
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.outdir.name}.tmp-{os.getpid()}-", dir=self.outdir.parent))

    def _remove_stale(self) -> None:
        """Temporary folders left by a build that was killed (its process is gone)."""
        for d in self.outdir.parent.glob(f".{self.outdir.name}.tmp-*"):
            try:
                pid = int(d.name.rsplit(".tmp-", 1)[1].split("-")[0])
            except ValueError:
                continue
            if pid != os.getpid() and not _alive(pid):
                shutil.rmtree(d, ignore_errors=True)

    def commit(self) -> None:
        old = None
        if self.outdir.exists():
            if not (self.outdir / "manifest.json").exists() and any(self.outdir.iterdir()):
                shutil.rmtree(self.path, ignore_errors=True)
                raise KGError(f"{self.outdir}: exists and is not a kg graph folder; choose another -o")
            old = self.outdir.with_name(f".{self.outdir.name}.old-{os.getpid()}")
            os.rename(self.outdir, old)
        os.rename(self.path, self.outdir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_graph(outdir: Path, nodes: list[dict], edges: list[dict], records: Iterable[dict],
                rejected: Iterable[dict], manifest: dict, extra=None) -> dict:
    """Write the graph folder atomically; ``extra(stage_path)`` adds more files (the store)
    and may return entries for the manifest."""
    stage = StagedDir(outdir)
    try:
        write_jsonl(stage.path / "nodes.jsonl", nodes)
        write_jsonl(stage.path / "edges.jsonl", edges)
        write_jsonl(stage.path / "papers.jsonl", records)
        manifest = dict(manifest, rejected=write_jsonl(stage.path / "rejected.jsonl", rejected),
                        **summarise(nodes, edges))
        if extra is not None:
            manifest.update(extra(stage.path) or {})
        (stage.path / "manifest.json").write_bytes(orjson.dumps(manifest, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2))
        stage.commit()
    except BaseException:
        stage.abort()
        raise
    return manifest


def read_graph(outdir: Path) -> tuple[list[dict], list[dict], dict]:
    outdir = Path(outdir)
    if not (outdir / "manifest.json").exists():
        raise KGError(f"{outdir}: not a kg graph folder (no manifest.json); run 'kg build ... -o {outdir}' first")
    manifest = orjson.loads((outdir / "manifest.json").read_bytes())
    return read_jsonl(outdir / "nodes.jsonl"), read_jsonl(outdir / "edges.jsonl"), manifest
