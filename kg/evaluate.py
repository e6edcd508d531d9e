"""``kg eval``: precision, recall and F1 per type against gold annotations.

The definitions follow ``../shared/gold/GUIDELINES.md`` and its scorer: papers pair by
normalised title; entities match one-to-one when any spelling (name or alias) of one
equals any of the other after normalisation; tasks also match when the smaller word set
(of at least two words, filler words and plural s dropped) is inside the other and
covers two thirds of it; micro-averaged per type; "overall" pools method, dataset,
benchmark, task, metric and repo.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

TYPES = ("method", "method_proposed", "dataset", "dataset_introduced", "benchmark", "task", "metric", "repo", "link")
OVERALL = ("method", "dataset", "benchmark", "task", "metric", "repo")
FILLER = frozenset({"the", "a", "an", "task", "tasks", "problem", "problems", "of", "for"})


def _fold(s) -> str:
    s = unicodedata.normalize("NFKC", str(s)).casefold()
    return re.sub(r"[\u2010-\u2015\u2212]", "-", s)


def key(s) -> str:
    return re.sub(r"[^0-9a-z+#]+", "", _fold(s))


def task_words(s) -> set[str]:
    out = set()
    for w in re.split(r"[^0-9a-z+#]+", _fold(s)):
        if w and w not in FILLER:
            out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def repo_key(r) -> str:
    r = re.sub(r"^(https?://)?(www\.)?github\.com/", "", str(r).strip(), flags=re.I)
    r = re.sub(r"(\.git)?[/.}]*$", "", r)
    return "/".join(r.split("/")[:2]).casefold()


def link_key(u) -> str:
    return re.sub(r"^https?://(www\.)?", "", str(u).strip(), flags=re.I).rstrip("/.}").casefold()


def _spellings(e) -> list[str]:
    return [e] if isinstance(e, str) else [e.get("name", ""), *(e.get("aliases") or [])]


def entities(rec: dict, typ: str) -> list[tuple[list[str], str]]:
    """(spellings, display name) of one type in one record."""
    if typ == "repo":
        return [([repo_key(r)], r) for r in rec.get("repos") or []]
    if typ == "link":
        return [([link_key(u)], u) for u in rec.get("links") or []]
    base = {"method_proposed": "methods", "dataset_introduced": "datasets"}.get(typ, typ + "s")
    items = rec.get(base) or []
    if typ == "method_proposed":
        items = [e for e in items if isinstance(e, dict) and e.get("role") == "proposed"]
    if typ == "dataset_introduced":
        items = [e for e in items if isinstance(e, dict) and e.get("role") == "introduced"]
    return [(_spellings(e), _spellings(e)[0]) for e in items]


def same(typ: str, a: str, b: str) -> bool:
    if typ in ("repo", "link"):
        return a == b
    ka = key(a)
    if ka and ka == key(b):
        return True
    if typ == "task":
        wa, wb = task_words(a), task_words(b)
        small, big = sorted((wa, wb), key=len)
        return len(small) >= 2 and small <= big and 3 * len(small) >= 2 * len(big)
    return False


def match(typ, gold, pred):
    """Greedy one-to-one matching: (true positives, missed gold names, spurious names)."""
    used, tp, missed = set(), 0, []
    for gnames, gname in gold:
        j = next((j for j, (pnames, _) in enumerate(pred) if j not in used
                  and any(same(typ, x, y) for x in gnames for y in pnames)), None)
        if j is None:
            missed.append(gname)
        else:
            used.add(j)
            tp += 1
    return tp, missed, [name for j, (_, name) in enumerate(pred) if j not in used]


def evaluate(gold: list[dict], pred: list[dict]) -> tuple[dict, dict, int]:
    """(scores per type, Counter of misses/spurious per type, gold papers without a prediction)."""
    by_title = {}
    for r in pred:
        by_title.setdefault(key(r.get("title", "")), r)
    counts = {t: [0, 0, 0] for t in TYPES}
    errors = {"missed": Counter(), "spurious": Counter()}
    unmatched = 0
    for g in gold:
        p = by_title.get(key(g.get("title", "")))
        if p is None:
            unmatched += 1
            p = {}
        for t in TYPES:
            gi, pi = entities(g, t), entities(p, t)
            tp, missed, spurious = match(t, gi, pi)
            c = counts[t]
            c[0], c[1], c[2] = c[0] + tp, c[1] + len(gi), c[2] + len(pi)
            if t in OVERALL:
                errors["missed"].update(f"{t}: {m}" for m in missed)
                errors["spurious"].update(f"{t}: {s}" for s in spurious)
    table = {t: _prf(*c) for t, c in counts.items()}
    table["overall"] = _prf(*(sum(counts[t][i] for t in OVERALL) for i in range(3)))
    return table, errors, unmatched


def _prf(tp: int, n_gold: int, n_pred: int) -> dict:
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "gold": n_gold, "pred": n_pred, "tp": tp}


def format_table(table: dict) -> str:
    lines = [f"{'type':20} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for t, s in table.items():
        lines.append(f"{t:20} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['gold']:5d} {s['pred']:5d}")
    return "\n".join(lines)
