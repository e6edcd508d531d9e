"""Each extraction component on its own, then the assembled pipeline."""
from __future__ import annotations

from kg.extract.abbreviations import find_abbreviations, match_long_form
from kg.extract.links import find_urls, github_repo
from kg.extract.names import find_names, is_name_shaped
from kg.extract.pipeline import extract
from kg.extract.tasks import find_tasks
from kg.model import Paper


def run(nlp, title, abstract):
    return next(extract([Paper(title=title, abstract=abstract, source="t:1")], nlp))


def names_of(rec, key):
    return {e["name"]: e.get("role") for e in rec[key]}


# -- links -------------------------------------------------------------------------------
def test_links_split_repos_from_pages():
    text = ("Code is at https://github.com/Lu-Feng/SelaVPR.git and github.com/a/b/tree/main}. "
            "Project page: https://sgvaze.github.io/genecis/.")
    urls = [u for _, _, u in find_urls(text)]
    assert [github_repo(u) for u in urls] == ["Lu-Feng/SelaVPR", "a/b", None]
    assert urls[-1] == "https://sgvaze.github.io/genecis/"


def test_link_component_writes_repos_and_links(nlp):
    rec = run(nlp, "X", "We release code at https://github.com/OpenGVLab/M3I-Pretraining. "
                        "See https://sites.google.com/view/pvr-control for videos.")
    assert rec["repos"] == ["OpenGVLab/M3I-Pretraining"]
    assert rec["links"] == ["https://sites.google.com/view/pvr-control"]
    ev = [e for e in rec["evidence"] if e["type"] == "repo"][0]
    assert ev["field"] == "abstract" and "M3I-Pretraining" in ev["sentence"]


# -- abbreviations ----------------------------------------------------------------------------
def test_schwartz_hearst_long_forms():
    assert match_long_form("CANN", "approach: Constrained Approximate Nearest Neighbors") == \
        "Constrained Approximate Nearest Neighbors"
    assert match_long_form("XYZ", "nothing matches here") is None
    found = [(a.long, a.short) for a in find_abbreviations(
        "We introduce Bias-Aware Manipulation Inference (BAMI), and compare to MoE (Mixture of Experts).")]
    assert found == [("Bias-Aware Manipulation Inference", "BAMI"), ("Mixture of Experts", "MoE")]


# -- names ----------------------------------------------------------------------------------
def test_name_shapes():
    shaped = ["CLIP", "ViT", "GearNet", "ESM-2", "K400", "node2vec", "RAD-DINO", "k-NN", "DINOv2"]
    plain = ["Transformer", "However", "3D", "state-of-the-art", "II", "10K", "pre-training", "Vision-Language", "Self-Supervised",
             "dosovitskiy2020image", "GFNetra2021global"]
    assert all(is_name_shaped(w) for w in shaped)
    assert not any(is_name_shaped(w) for w in plain)
    assert [n for _, _, n in find_names("Unlike CLIP-based methods, our DINOv2 and Llama 2 models")] == ["CLIP", "DINOv2"]


# -- tasks ------------------------------------------------------------------------------------
def test_capitals_for_emphasis_are_not_names():
    text = "THE SOFTWARE IS PROVIDED AS IS WITHOUT WARRANTY. We evaluate BERT, GPT, MMLU and CLIP ViT. It is NOT easy."
    assert [n for _, _, n in find_names(text)] == ["BERT", "GPT", "MMLU", "CLIP", "ViT"]


def test_task_phrases():
    found = [t for _, _, t in find_tasks("We study click-through rate prediction and scene text recognition, "
                                         "and novel detection methods.")]
    assert found == ["click-through rate prediction", "scene text recognition"]
    assert [t for _, _, t in find_tasks("Learning to Rank for Image Retrieval", in_title=True)] == ["Image Retrieval"]


# -- catalog ruler: precision on ordinary words ----------------------------------------------------
def test_common_words_that_are_catalog_names_do_not_fire(nlp):
    text = ("We use a simple line of code to clip the data, then pile it up, see the tape, and play "
            "a well designed game; the net effect is an echo of the base rate in one field.")
    rec = run(nlp, "On ordinary words", text)
    for key in ("methods", "datasets", "benchmarks", "metrics"):
        assert rec[key] == [], (key, rec[key])


def test_hyphen_glued_names_are_whole(nlp):
    rec = run(nlp, "X", "We extend ControlNet into RMS-ControlNet and report on ImageNet-1k with BERT-based encoders.")
    methods = names_of(rec, "methods")
    assert "RMS-ControlNet" in methods and "ControlNet" in methods
    assert "BERT" in methods
    assert names_of(rec, "datasets") == {"ImageNet-1k": "used"}


# -- roles ------------------------------------------------------------------------------------
def test_title_prefix_names_the_proposed_method(nlp):
    rec = run(nlp, "Frozen-DETR: Enhancing DETR with Frozen Foundation Models",
              "We improve DETR with frozen foundation models and report AP on COCO.")
    methods = names_of(rec, "methods")
    assert methods["Frozen-DETR"] == "proposed" and methods["DETR"] == "used"
    assert names_of(rec, "datasets") == {"COCO": "used"}
    assert [m["name"] for m in rec["metrics"]] == ["AP"]


def test_we_propose_and_acronym_pairs(nlp):
    rec = run(nlp, "A study of interest modeling",
              "We propose a novel model, Deep Interest Network (DIN), for click-through rate (CTR) prediction. "
              "DIN outperforms Wide & Deep and uses PCA features.")
    methods = {e["name"]: e for e in rec["methods"]}
    din = methods.get("Deep Interest Network") or methods.get("DIN")
    assert din["role"] == "proposed" and set([din["name"], *din["aliases"]]) == {"Deep Interest Network", "DIN"}
    assert methods["PCA"]["role"] == "used"
    assert "click-through rate (CTR) prediction" not in [t["name"] for t in rec["tasks"]]


def test_dataset_title_and_task_acronym(nlp):
    rec = run(nlp, "ShapeSplat: A Large-scale Dataset of Gaussian Splats",
              "Visual Place Recognition (VPR) is hard. We evaluate on ModelNet and ShapeNet.")
    assert names_of(rec, "datasets")["ShapeSplat"] == "introduced"
    vpr = next(t for t in rec["tasks"] if t["name"] in ("Visual Place Recognition", "VPR"))
    assert set([vpr["name"], *vpr["aliases"]]) == {"Visual Place Recognition", "VPR"}
    assert not rec["methods"]


def test_generic_families_are_not_methods(nlp):
    rec = run(nlp, "On models", "Large language models (LLMs) and CNNs and GNNs are trained on GPUs with PyTorch.")
    assert rec["methods"] == []


def test_evidence_offsets_point_at_the_text(nlp):
    abstract = "Our results show that CLIP works. We evaluate on CIFAR-10."
    rec = run(nlp, "Title here", abstract)
    for ev in rec["evidence"]:
        assert ev["field"] == "abstract"
        assert abstract[ev["start"]:ev["end"]] == ev["name"]
        assert abstract[ev["sentence_start"]:ev["sentence_end"]].strip() == ev["sentence"]


def test_catalog_spans_carry_the_type_and_catalog_name(nlp):
    from kg.extract.pipeline import make_doc

    doc = make_doc(nlp, Paper(title="ResNet on ImageNet-1k",
                              abstract="We train BERT and ResNet-50 on ImageNet and COCO for object detection."))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    spans = [(s.text, s.label_, s.kb_id_) for s in doc.spans["kg_catalog"]]
    assert spans == [(t, label, canon) for _, _, t, label, canon, _ in doc.user_data["kg_catalog"]]
    assert ("ImageNet-1k", "dataset", "ImageNet-1K") in spans and ("BERT", "method", "BERT") in spans
