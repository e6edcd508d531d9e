"""Resolution: one node per real entity across papers, and no false merges."""
from __future__ import annotations

from kg.resolve.catalog import Catalog, Entry, load_catalog
from kg.resolve.normalize import name_key
from kg.resolve.resolver import Resolver


def resolve(mentions, catalog=None):
    r = Resolver(catalog or Catalog())
    keys = [r.add(t, n, a, f"p{i}") for i, (t, n, a) in enumerate(mentions)]
    return r, [r.key_of(k) for k in keys]


def test_spelling_variants_merge():
    r, keys = resolve([("dataset", "ImageNet-1k", []), ("dataset", "ImageNet-1K", []), ("dataset", "ImageNet 1K", [])])
    assert len(set(keys)) == 1
    merged = r.merged()[keys[0]]
    assert merged["papers"] == {"p0", "p1", "p2"}


def test_plural_and_case_merge_but_similar_names_do_not():
    _, keys = resolve([("method", "ViTs", []), ("method", "ViT", []), ("method", "BERT", []), ("method", "BEiT", []),
                       ("method", "CLIP", []), ("method", "CLIP-ViT", [])])
    assert keys[0] == keys[1]
    assert len({keys[2], keys[3], keys[4], keys[5]}) == 4


def test_acronym_alone_joins_its_unique_long_form():
    _, keys = resolve([("method", "Deep Interest Network", ["DIN"]), ("method", "DIN", [])])
    assert keys[0] == keys[1]


def test_ambiguous_acronym_stays_apart():
    _, keys = resolve([("method", "Segment Anything Model", ["SAMX"]),
                       ("method", "Sharpness-Aware Minimization X", ["SAMX"]),
                       ("method", "SAMX", [])])
    assert len(set(keys)) == 3


def test_types_never_merge():
    _, keys = resolve([("task", "STS", []), ("dataset", "STS", [])])
    assert keys[0] != keys[1]


def test_catalog_aliases_merge_to_one_node():
    cat = Catalog([Entry("method", "ViT", ["Vision Transformer", "ViTs"])])
    r, keys = resolve([("method", "Vision Transformer", []), ("method", "ViT", []), ("method", "ViTs", [])], cat)
    assert len(set(keys)) == 1
    assert r.merged()[keys[0]]["catalog"].name == "ViT"


def test_starter_catalog_is_consistent():
    cat = load_catalog()
    assert len(cat) > 700
    assert cat.lookup("imagenet-1k").name == "ImageNet-1K" == cat.lookup("ImageNet 1K").name
    assert cat.lookup("ILSVRC").name == "ImageNet"
    assert cat.lookup("K400").name != cat.lookup("Kinetics").name  # a variant is its own entity
    assert cat.lookup("CIFAR10").name == "CIFAR-10"
    assert cat.lookup("MS-COCO").name == "COCO"
    assert cat.is_generic("LLMs") and cat.is_generic("CNN")
    for e in cat.entries:  # no catalog name is itself a generic name
        assert not cat.is_generic(e.name), e.name
    assert name_key("BERT") != name_key("BEiT")
