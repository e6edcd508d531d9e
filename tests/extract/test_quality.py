"""Extraction quality on the dev gold set, scored by ../shared/gold/score.py itself."""
from __future__ import annotations

import importlib.util

from kg.build import extract_corpus
from tests.conftest import need_shared

#: The floor this pipeline must not fall below (issue: "kg build ... end to end").
BARS = {"repo": 0.98, "method": 0.60, "dataset": 0.60, "overall": 0.55}


def test_dev_gold_scores_meet_the_bars():
    score_py = need_shared("gold", "score.py")
    gold_path = need_shared("gold", "dev.jsonl")
    spec = importlib.util.spec_from_file_location("gold_score", score_py)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    _, records, _ = extract_corpus(sorted(need_shared("seeds").glob("*.txt")))
    table, _, unmatched = scorer.score(scorer.load(gold_path), records)
    assert unmatched == 0
    for typ, bar in BARS.items():
        assert table[typ]["f1"] >= bar, (typ, table[typ])
