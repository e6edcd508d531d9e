"""The embedded Cypher store (real LadybugDB) against the networkx graph it was built from."""
from __future__ import annotations

import json
import shutil
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.graph.schema import load_schema
from kg.resolve.normalize import name_key
from kg.store.embedded import EmbeddedStore, ddl
from kg.store.queries import load_queries
from tests.conftest import EXAMPLES

ARGS = {"dataset": "MS-COCO", "task": "object detection", "method": "CLIP", "a": "CLIP", "b": "ImageNet"}


@pytest.fixture(scope="module")
def store(example_graph_dir):
    with EmbeddedStore.in_dir(example_graph_dir) as s:
        yield s


def nodes_with_key(g, name, labels):
    k = name_key(name)
    return {i for i, d in g.nx.nodes(data=True) if d["label"] in labels and k in d.get("keys", [])}


def papers_to(g, targets, rels):
    return {(u, v) for v in targets for u, _, k in g.nx.in_edges(v, keys=True) if k in rels}


def ranked(counter, n):
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def expected(g, name):
    """What the networkx graph says each named query should return."""
    nm = lambda i: g.nx.nodes[i]["name"]  # noqa: E731
    title = lambda i: g.nx.nodes[i]["title"]  # noqa: E731
    by_label = lambda lab: {i for i, d in g.nx.nodes(data=True) if d["label"] == lab}  # noqa: E731

    def top(label, rels):
        c = Counter()
        for v in by_label(label):
            c[nm(v)] += len({u for u, _ in papers_to(g, [v], rels)})
        return ranked(c, 10)

    if name == "top_datasets":
        return top("Dataset", {"USES", "INTRODUCES"})
    if name == "top_methods":
        return top("Method", {"PROPOSES", "USES"})
    if name == "top_tasks":
        return top("Task", {"ADDRESSES"})
    if name == "papers_using_dataset":
        ds = nodes_with_key(g, ARGS["dataset"], {"Dataset", "Benchmark"})
        return sorted(title(u) for u, _ in papers_to(g, ds, {"USES", "INTRODUCES", "EVALUATES_ON"}))
    if name in ("datasets_for_task", "methods_for_task"):
        papers = {u for u, _ in papers_to(g, nodes_with_key(g, ARGS["task"], {"Task"}), {"ADDRESSES"})}
        if name == "methods_for_task":
            return sorted((nm(v), title(p)) for p in papers for _, v, k in g.nx.out_edges(p, keys=True) if k == "PROPOSES")
        c = Counter()
        for v in by_label("Dataset") | by_label("Benchmark"):
            c[nm(v)] += len({u for u, _ in papers_to(g, [v], {"USES", "INTRODUCES", "EVALUATES_ON"})} & papers)
        return ranked(Counter({k: v for k, v in c.items() if v}), 10)
    if name == "papers_with_code_for_method":
        papers = {u for u, _ in papers_to(g, nodes_with_key(g, ARGS["method"], {"Method"}), {"PROPOSES", "USES"})}
        return sorted((title(p), nm(v)) for p in papers for _, v, k in g.nx.out_edges(p, keys=True) if k == "HAS_CODE")
    if name in ("co_used_datasets", "methods_on_dataset"):
        ds = nodes_with_key(g, ARGS["dataset"], {"Dataset"})
        papers = {u for u, _ in papers_to(g, ds, {"USES", "INTRODUCES"})}
        label, rels = ("Dataset", {"USES", "INTRODUCES"}) if name == "co_used_datasets" else ("Method", {"PROPOSES", "USES"})
        c = Counter()
        for v in by_label(label) - ds:
            c[nm(v)] += len({u for u, _ in papers_to(g, [v], rels)} & papers)
        return ranked(Counter({k: v for k, v in c.items() if v}), 10)
    if name == "path_between":
        a = nodes_with_key(g, ARGS["a"], set(load_schema().nodes))
        b = nodes_with_key(g, ARGS["b"], set(load_schema().nodes))
        U = g.nx.to_undirected(as_view=True)
        return min(nx.shortest_path_length(U, x, y) for x in a for y in b)
    raise AssertionError(name)


def test_ddl_comes_from_the_schema():
    stmts = ddl(load_schema())
    assert sum(s.startswith("CREATE NODE TABLE") for s in stmts) == len(load_schema().nodes)
    assert any("CREATE REL TABLE USES(FROM Paper TO Method, FROM Paper TO Dataset" in s for s in stmts)


def test_store_holds_every_node_and_edge(store, example_graph):
    counts = dict(store.cypher("MATCH (n) RETURN label(n) AS l, count(*) AS c").rows)
    assert counts == dict(Counter(d["label"] for _, d in example_graph.nx.nodes(data=True)))
    assert store.cypher("MATCH ()-[e]->() RETURN count(e)").rows[0][0] == example_graph.nx.number_of_edges()


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_named_query_matches_networkx(store, example_graph, name):
    q = load_queries()[name]
    res = store.cypher(q.text, q.bind({p: ARGS[p] for p, d in q.params if d is None}))
    want = expected(example_graph, name)
    if name == "path_between":
        assert res.rows[0][0] == want
    elif name in ("papers_using_dataset",):
        assert sorted(r[0] for r in res.rows) == want
    elif name in ("methods_for_task", "papers_with_code_for_method"):
        assert sorted((r[0], r[1]) for r in res.rows) == want
    else:
        got = [tuple(r) for r in res.rows]
        assert len(got) == len(want)
        assert got[:5] == [tuple(w) for w in want[:5]]
    assert len(res) > 0


def test_write_needs_write_flag(example_graph_dir, tmp_path):
    copy = tmp_path / "g"
    shutil.copytree(example_graph_dir, copy)
    r = CliRunner().invoke(main, ["query", "MATCH (p:Paper) DETACH DELETE p", str(copy)])
    assert r.exit_code == 1 and "write refused" in r.output and "--write" in r.output
    with EmbeddedStore.in_dir(copy) as s:
        assert s.cypher("MATCH (p:Paper) RETURN count(*)").rows == [[398]]
    r = CliRunner().invoke(main, ["query", "MATCH (p:Paper) WHERE p.title STARTS WITH 'A' DETACH DELETE p", str(copy),
                                  "--write"])
    assert r.exit_code == 0, r.output
    with EmbeddedStore.in_dir(copy) as s:
        assert s.cypher("MATCH (p:Paper) RETURN count(*)").rows[0][0] < 398


def test_syntax_error_is_one_line(example_graph_dir):
    r = CliRunner().invoke(main, ["query", "MATCH (p:Paper RETURN p", str(example_graph_dir)])
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1 and "Parser exception" in r.output


def test_query_formats_and_params(example_graph_dir):
    r = CliRunner().invoke(main, ["query", "MATCH (d:Dataset) WHERE $k IN d.keys RETURN d.name AS name",
                                  str(example_graph_dir), "--param", "k=mscoco", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output) == [{"name": "COCO"}]
    r = CliRunner().invoke(main, ["ask", "top_datasets", str(example_graph_dir), "--param", "limit=2", "--format", "csv"])
    assert r.exit_code == 0 and r.output.splitlines()[0] == "dataset,papers" and len(r.output.splitlines()) == 3
    r = CliRunner().invoke(main, ["ask", "--list"])
    assert all(name in r.output for name in load_queries())


def test_python_api_cypher_and_ask(example_graph):
    rows = example_graph.cypher("MATCH (p:Paper) RETURN count(*) AS n")
    assert rows == [{"n": 398}]
    assert example_graph.ask("top_datasets", limit=3) == [
        {"dataset": d, "papers": n} for d, n in expected(example_graph, "top_datasets")[:3]]
    with pytest.raises(KGError, match="needs --param dataset"):
        example_graph.ask("papers_using_dataset")


def test_cypher_text_in_titles_is_data(tmp_path):
    evil = 'x"}) DETACH DELETE n //'
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"title": evil, "abstract": "We propose EvilNet and test it on COCO."}) + "\n" +
                   json.dumps({"title": "Good paper", "abstract": "We use CLIP on ImageNet."}) + "\n")
    out = tmp_path / "g"
    assert CliRunner().invoke(main, ["build", str(src), "-o", str(out)]).exit_code == 0
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": evil + " 2", "abstract": "We propose EvilNet2 on COCO."}) + "\n")
    assert CliRunner().invoke(main, ["build", str(extra), "-o", str(out), "--update"]).exit_code == 0
    with EmbeddedStore.in_dir(out) as s:
        titles = sorted(r[0] for r in s.cypher("MATCH (p:Paper) RETURN p.title").rows)
    assert titles == ["Good paper", evil, evil + " 2"]


def test_update_with_overlap_is_idempotent(tmp_path):
    lines = EXAMPLES.read_text().splitlines()
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(lines[:250]) + "\n")
    second.write_text("\n".join(lines[200:300]) + "\n")
    out = tmp_path / "g"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(first), "-o", str(out)]).exit_code == 0
    counts = []
    for _ in range(2):
        r = runner.invoke(main, ["build", str(second), "-o", str(out), "--update"])
        assert r.exit_code == 0, r.output
        with EmbeddedStore.in_dir(out) as s:
            n = s.cypher("MATCH (n) RETURN count(n)").rows[0][0]
            e = s.cypher("MATCH ()-[e]->() RETURN count(e)").rows[0][0]
        manifest = json.loads((out / "manifest.json").read_text())
        counts.append((n, e, sum(manifest["nodes"].values()), sum(manifest["relationships"].values())))
    assert counts[0] == counts[1]
    n, e, mn, me = counts[0]
    assert (n, e) == (mn, me)
    assert json.loads((out / "manifest.json").read_text())["nodes"]["Paper"] == 300
