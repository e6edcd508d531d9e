"""The `kg` command line: a thin layer over the library (no logic lives here)."""
from __future__ import annotations

import sys
from pathlib import Path

import click
import orjson

from .errors import KGError
from .sources import FORMATS
from .sources.records import MAX_ABSTRACT_CHARS

FORMAT = click.Choice(FORMATS)
SHOWN_REJECTIONS = 10


def _warn(msg: str) -> None:
    click.secho(f"warning: {msg}", fg="yellow", err=True)


def _progress() -> bool:
    return sys.stderr.isatty()


def _report_rejections(report, where: str | None) -> None:
    for r in report.rejected[:SHOWN_REJECTIONS]:
        click.echo(f"  rejected {r}", err=True)
    if len(report.rejected) > SHOWN_REJECTIONS:
        click.echo(f"  ... and {len(report.rejected) - SHOWN_REJECTIONS:,} more", err=True)
    if report.rejected and where:
        click.echo(f"  all rejected records with reasons: {where}", err=True)


class KGGroup(click.Group):
    """Turns KGError into one line on stderr and an exit code, unless --debug."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.secho(f"kg: error: {exc}", fg="red", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.secho("kg: interrupted; outputs left as they were", fg="red", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:  # disk full, permission denied, ... while writing
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.secho(f"kg: error: {where}{exc.strerror or exc}", fg="red", err=True)
            sys.exit(1)
        except Exception as exc:  # a bug: one line, the traceback with --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.secho(f"kg: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                        fg="red", err=True)
            sys.exit(3)


@click.group(cls=KGGroup)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="kg")
@click.pass_context
def main(ctx, debug):
    """kg: build a knowledge graph of ML papers (methods, datasets, benchmarks, tasks,
    metrics, code) from titles and abstracts."""
    ctx.obj = {"debug": debug}


def input_options(f):
    f = click.option("--format", "fmt", type=FORMAT, default=None,
                     help="Input format (default: from extension, then content).")(f)
    f = click.option("--strict", is_flag=True, help="Stop at the first bad record (exit code 2).")(f)
    f = click.option("--max-abstract", type=int, default=MAX_ABSTRACT_CHARS, show_default=True,
                     help="Reject records whose abstract is longer (characters).")(f)
    f = click.option("--catalog", "catalogs", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra catalog (JSONL) for recognition and linking; repeatable.")(f)
    f = click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
                     help="Extraction processes (default: all cores); output is the same for any number.")(f)
    f = click.option("--dask", "dask", default=None, metavar="ADDRESS",
                     help="Extract on a Dask cluster (scheduler address, or 'local' for a LocalCluster).")(f)
    return f


def _jobs(jobs):
    from .scale.local import default_jobs

    return jobs or default_jobs()


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Output JSON Lines file.")
@click.option("--rejected", type=click.Path(path_type=Path), default=None,
              help="Where to write rejected records (default: OUTPUT.rejected.jsonl when there are any).")
@input_options
def extract(inputs, output, rejected, fmt, strict, max_abstract, catalogs, jobs, dask):
    """Extract entities from papers into one JSON object per paper (the gold format)."""
    from .build import extract_corpus
    from .graph.io import write_jsonl, write_jsonl_atomic

    _, records, report = extract_corpus(inputs, fmt, strict=strict, max_abstract=max_abstract,
                                        catalogs=catalogs, warn=_warn, progress=_progress(),
                                        jobs=_jobs(jobs), dask=dask)
    write_jsonl_atomic(output, records)
    where = None
    if report.rejected:
        where = rejected or output.with_name(output.name + ".rejected.jsonl")
        write_jsonl(where, (r.to_dict() for r in report.rejected))
    click.echo(f"{report.summary()}; wrote {len(records):,} papers to {output}", err=True)
    _report_rejections(report, str(where) if where else None)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder for the graph.")
@click.option("--update", is_flag=True, help="Add the inputs to an existing graph folder (known papers are skipped).")
@click.option("--no-store", is_flag=True, help="Do not load the embedded Cypher database (graph.lbdb).")
@input_options
def build(inputs, outdir, update, no_store, fmt, strict, max_abstract, catalogs, jobs, dask):
    """Build a knowledge graph folder from input files (and its embedded Cypher database)."""
    from .build import build_graph

    manifest, report = build_graph(inputs, outdir, fmt, strict=strict, max_abstract=max_abstract,
                                   catalogs=catalogs, update=update, store=not no_store, warn=_warn,
                                   progress=_progress(), jobs=_jobs(jobs), dask=dask)
    click.echo(report.summary(), err=True)
    if manifest.get("store_update"):
        u = manifest["store_update"]
        click.echo(f"embedded store updated: {u['nodes_merged']:,} nodes merged, {u['nodes_deleted']:,} deleted, "
                   f"{u['edges_merged']:,} relationships merged, {u['edges_deleted']:,} deleted", err=True)
    _report_rejections(report, str(outdir / "rejected.jsonl"))
    _print_counts(manifest)
    click.echo(f"graph written to {outdir}/ (nodes.jsonl, edges.jsonl, papers.jsonl, manifest.json"
               f"{', graph.lbdb' if manifest.get('store') else ''})")


@main.command()
@click.argument("outdir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def info(outdir, as_json):
    """Summarise a graph folder: counts per label and relationship type."""
    from .graph.io import read_graph

    _, _, manifest = read_graph(outdir)
    if as_json:
        click.echo(orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode())
    else:
        _print_counts(manifest)


def _params(items) -> dict:
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        try:
            out[name] = orjson.loads(value)
        except orjson.JSONDecodeError:
            out[name] = value
    return out


def neo4j_options(f):
    f = click.option("--neo4j", "neo4j_uri", default=None, metavar="URI",
                     help="Run on Neo4j (bolt://HOST:7687) instead of the embedded store.")(f)
    f = click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                     help="Neo4j user (or NEO4J_USER).")(f)
    f = click.option("--password", envvar="NEO4J_PASSWORD", default=None, show_default=False,
                     help="Neo4j password (or NEO4J_PASSWORD; never printed).")(f)
    f = click.option("--database", default=None, help="Neo4j database name (default: the server's default).")(f)
    return f


def _run_query(text, params, outdir, neo4j_uri, user, password, database, write, fmt):
    if neo4j_uri:
        from .store.neo4j_server import Neo4jStore

        with Neo4jStore(neo4j_uri, user, password, database) as store:
            res = store.cypher(text, params, write=write)
    else:
        if outdir is None:
            raise KGError("give a graph folder (OUTDIR) or --neo4j URI")
        from .store.embedded import EmbeddedStore

        with EmbeddedStore.in_dir(outdir, read_only=not write) as store:
            res = store.cypher(text, params)
    click.echo(res.to_table() if fmt == "table" else res.to_json() if fmt == "json" else res.to_csv().rstrip("\n"))


OUT_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                          show_default=True, help="Output format.")


@main.command()
@click.argument("query")
@click.argument("outdir", required=False, type=click.Path(path_type=Path))
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Query parameter ($NAME); repeatable.")
@click.option("--write", is_flag=True, help="Allow statements that write (read-only otherwise).")
@OUT_FORMAT
@neo4j_options
def query(query, outdir, params, write, fmt, neo4j_uri, user, password, database):
    """Run a Cypher QUERY on a graph folder's embedded database (or on Neo4j)."""
    _run_query(query, _params(params), outdir, neo4j_uri, user, password, database, write, fmt)


@main.command()
@click.argument("name", required=False)
@click.argument("outdir", required=False, type=click.Path(path_type=Path))
@click.option("--list", "list_", is_flag=True, help="Describe the named queries.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Query parameter; repeatable.")
@OUT_FORMAT
@neo4j_options
def ask(name, outdir, list_, params, fmt, neo4j_uri, user, password, database):
    """Run a named query (see --list) on a graph folder or on Neo4j."""
    from .store.queries import get_query, load_queries

    if list_ or not name:
        for q in load_queries().values():
            click.echo(f"{q.name:<28} {q.description}\n{'':<28} params: {q.signature()}")
        return
    q = get_query(name)
    _run_query(q.text, q.bind(_params(params)), outdir, neo4j_uri, user, password, database, False, fmt)


@main.command()
@click.argument("outdir", type=click.Path(path_type=Path))
@neo4j_options
def push(outdir, neo4j_uri, user, password, database):
    """Load a graph folder into Neo4j (constraints, indexes, batched MERGE)."""
    from .graph.io import read_graph
    from .store.neo4j_server import Neo4jStore

    if not neo4j_uri:
        raise KGError("kg push needs --neo4j bolt://HOST:7687")
    nodes, edges, _ = read_graph(outdir)
    with Neo4jStore(neo4j_uri, user, password, database) as store:
        counts = store.push(nodes, edges, progress=_progress())
    click.echo(f"pushed to {neo4j_uri}: {counts['nodes_merged']:,} nodes and {counts['edges_merged']:,} "
               f"relationships merged")


@main.command()
@click.argument("outdir", type=click.Path(path_type=Path))
@click.option("-o", "--output", default="view.html", show_default=True, type=click.Path(path_type=Path),
              help="HTML file to write.")
@click.option("--focus", default=None, metavar="NAME", help="Show the neighbourhood of this entity or paper.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0, 6), help="Hops around --focus.")
@click.option("--label", "labels", multiple=True, metavar="LABEL",
              help="Keep only these node labels (repeatable); without Paper, shared papers become CO_OCCURS edges.")
@click.option("--task", default=None, help="Only papers addressing this task (and what they link to).")
@click.option("--dataset", default=None, help="Only papers using this dataset or benchmark.")
@click.option("--method", default=None, help="Only papers proposing or using this method.")
@click.option("--max-nodes", default=1500, show_default=True, type=click.IntRange(1, 100_000),
              help="Beyond this, keep the most connected nodes (the page says what was left out).")
@click.option("--title", default=None, help="Page title.")
def view(outdir, output, focus, depth, labels, task, dataset, method, max_nodes, title):
    """Write an interactive HTML view of a graph folder (works offline)."""
    from .graph.api import KnowledgeGraph

    g = KnowledgeGraph.load(outdir)
    path = g.view(output, focus=focus, depth=depth, labels=list(labels) or None, task=task, dataset=dataset,
                  method=method, max_nodes=max_nodes, title=title, display=False)
    click.echo(f"wrote {path}")


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--worst", default=15, show_default=True, help="How many most frequent misses and false hits to list.")
@click.option("--predictions", type=click.Path(path_type=Path), default=None,
              help="Also write the extraction records here (JSON Lines).")
@input_options
def eval_(gold, inputs, worst, predictions, fmt, strict, max_abstract, catalogs, jobs, dask):
    """Score extraction of INPUTS against GOLD annotations: P/R/F1 per type, worst misses."""
    from .build import extract_corpus
    from .evaluate import evaluate, format_table
    from .graph.io import read_jsonl, write_jsonl_atomic

    try:
        gold_recs = read_jsonl(gold)
    except orjson.JSONDecodeError as exc:
        raise KGError(f"{gold}: not JSON Lines ({exc})") from None
    _, records, report = extract_corpus(inputs, fmt, strict=strict, max_abstract=max_abstract, catalogs=catalogs,
                                        warn=_warn, progress=_progress(), jobs=_jobs(jobs), dask=dask)
    if predictions:
        write_jsonl_atomic(predictions, records)
    table, errors, unmatched = evaluate(gold_recs, records)
    click.echo(format_table(table))
    click.echo(f"gold papers without a prediction: {unmatched}")
    for kind in ("missed", "spurious"):
        top = errors[kind].most_common(worst)
        if top:
            click.echo(f"most {kind}: " + "; ".join(f"{name} ({n})" if n > 1 else name for name, n in top))


@main.group()
def catalog():
    """Build catalogs of known entities for recognition and linking (--catalog FILE)."""


@catalog.command("import-pwc")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Catalog file to write (JSONL).")
def catalog_import_pwc(paths, output):
    """Import Papers with Code dumps (methods, datasets, tasks, leaderboards) from PATHS."""
    from collections import Counter

    from .graph.io import write_jsonl_atomic
    from .resolve.catalog_import import import_pwc

    entries = import_pwc(paths)
    write_jsonl_atomic(output, entries)
    counts = Counter(e["type"] for e in entries)
    click.echo(f"wrote {len(entries):,} entries to {output} (" +
               ", ".join(f"{n:,} {t}s" for t, n in sorted(counts.items())) + f"); use: kg build ... --catalog {output}")


@catalog.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Catalog file to write (JSONL).")
def catalog_import(path, output):
    """Import your own catalog (CSV with type,name,aliases,id,url or JSON Lines)."""
    from .graph.io import write_jsonl_atomic
    from .resolve.catalog_import import import_user

    entries = import_user(path)
    write_jsonl_atomic(output, entries)
    click.echo(f"wrote {len(entries):,} entries to {output}")


def _print_counts(manifest: dict) -> None:
    width = 14
    click.echo(f"{'nodes':<{width}} {'count':>7}")
    for label, n in manifest["nodes"].items():
        click.echo(f"  {label:<{width - 2}} {n:>7,}")
    click.echo(f"{'relationships':<{width}} {'count':>7}")
    for rel, n in manifest["relationships"].items():
        click.echo(f"  {rel:<{width - 2}} {n:>7,}")


if __name__ == "__main__":
    main()
