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
    return f


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Output JSON Lines file.")
@click.option("--rejected", type=click.Path(path_type=Path), default=None,
              help="Where to write rejected records (default: OUTPUT.rejected.jsonl when there are any).")
@input_options
def extract(inputs, output, rejected, fmt, strict, max_abstract, catalogs):
    """Extract entities from papers into one JSON object per paper (the gold format)."""
    from .build import extract_corpus
    from .graph.io import write_jsonl

    _, records, report = extract_corpus(inputs, fmt, strict=strict, max_abstract=max_abstract,
                                        catalogs=catalogs, warn=_warn, progress=_progress())
    write_jsonl(output, records)
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
@input_options
def build(inputs, outdir, fmt, strict, max_abstract, catalogs):
    """Build a knowledge graph folder from input files."""
    from .build import build_graph

    manifest, report = build_graph(inputs, outdir, fmt, strict=strict, max_abstract=max_abstract,
                                   catalogs=catalogs, warn=_warn, progress=_progress())
    click.echo(report.summary(), err=True)
    _report_rejections(report, str(outdir / "rejected.jsonl"))
    _print_counts(manifest)
    click.echo(f"graph written to {outdir}/ (nodes.jsonl, edges.jsonl, papers.jsonl, manifest.json)")


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
