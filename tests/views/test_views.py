"""HTML views in real headless Chromium (Debian's chromium driven by Playwright), offline."""
from __future__ import annotations

import json

import pytest

import kg
from kg.views.browser import chromium_path

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="Chromium not installed (apt-get install chromium)")

EVIL_TITLE = '<img src=x onerror="window.__pwned=1">ImgNet: a title with HTML'
EVIL_ABSTRACT = ("We propose ImgNet <script>window.__pwned=2</script> and evaluate on COCO. "
                 "Code: https://github.com/evil/imgnet.")


@pytest.fixture(scope="module")
def chrome():
    from kg.views.browser import browser

    with browser() as b:
        yield b


def open_view(chrome, path):
    from kg.views.browser import offline_page

    page = offline_page(chrome)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=30_000)
    page.errors = errors
    return page


def node_xy(page, node_id):
    return page.evaluate("""id => {
        const net = window.kgView.network;
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const r = document.getElementById('graph').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top];
    }""", node_id)


def test_focus_view_loads_offline_and_counts_match(chrome, example_graph, tmp_path):
    path = example_graph.view(tmp_path / "coco.html", focus="COCO", depth=2, display=False)
    page = open_view(chrome, path)
    assert page.blocked == [] and page.errors == []
    drawn = page.evaluate("window.kgView.network.body.nodeIndices.length")
    said = int(page.get_attribute("#summary", "data-shown-nodes"))
    assert drawn == said > 10
    assert f"Showing {said:,} nodes" in page.inner_text("#summary")
    legend = page.inner_text("#legend")
    assert "Dataset" in legend and "Paper" in legend


def test_search_focuses_the_node(chrome, example_graph, tmp_path):
    path = example_graph.view(tmp_path / "all.html", display=False)
    page = open_view(chrome, path)
    page.fill("#search-box", "ms-coco")
    page.click("#search button")
    assert page.evaluate("window.kgView.focused") == "dataset:coco"
    assert page.evaluate("window.kgView.network.getSelectedNodes()") == ["dataset:coco"]
    assert page.inner_text("#status") == "found: COCO"
    page.fill("#search-box", "no such thing at all")
    page.click("#search button")
    assert page.evaluate("window.kgView.focused") is None


def test_node_cap_says_what_was_left_out(chrome, example_graph, tmp_path):
    path = example_graph.view(tmp_path / "cap.html", max_nodes=200, display=False)
    page = open_view(chrome, path)
    assert page.evaluate("window.kgView.network.body.nodeIndices.length") == 200
    text = page.inner_text("#summary")
    assert "Left out" in text and f"of {example_graph.nx.number_of_nodes():,} nodes" in text


def test_hostile_text_runs_nothing_and_shows_as_text(chrome, tmp_path):
    src = tmp_path / "evil.jsonl"
    src.write_text(json.dumps({"title": EVIL_TITLE, "abstract": EVIL_ABSTRACT}) + "\n")
    g = kg.build(src, tmp_path / "g")
    path = g.view(tmp_path / "evil.html", display=False)
    html = path.read_text()
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    page = open_view(chrome, path)
    pid = next(i for i, d in g.nx.nodes(data=True) if d["label"] == "Paper")
    x, y = node_xy(page, pid)
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip div.kg-tip", state="visible", timeout=5_000)
    tip = page.inner_text("div.vis-tooltip")
    assert EVIL_TITLE in tip and "<script>window.__pwned=2</script>" in tip
    assert page.evaluate("window.__pwned === undefined")
    assert page.errors == []


def test_clicking_a_repository_opens_github(chrome, tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"title": "FooNet: X", "abstract": "We propose FooNet. Code: https://github.com/foo/foonet."}) + "\n")
    g = kg.build(src, tmp_path / "g")
    page = open_view(chrome, g.view(tmp_path / "r.html", display=False))
    page.evaluate("() => { window.__opened = []; window.open = function (u) { window.__opened.push(u); return null; }; }")
    x, y = node_xy(page, "repo:foo/foonet")
    page.mouse.click(x, y)
    assert page.evaluate("window.__opened") == ["https://github.com/foo/foonet"]
