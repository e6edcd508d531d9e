"""arXiv API Atom feeds: one `<entry>` per paper, parsed incrementally with ElementTree."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from ..model import Paper, Rejection
from .opener import open_bytes
from .records import make_paper

ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV_ID = re.compile(r"arxiv\.org/abs/([^\s/?#]+?)(?:v\d+)?$")


def read(path: Path, label: str, **opts) -> Iterator[Paper | Rejection]:
    """Entries of every feed in the file: archives often append one API page after another."""
    index, parser, lineno = 0, None, 0
    with open_bytes(path) as fh:
        for lineno, raw in enumerate(fh, 1):
            if parser is None:
                if not raw.strip():
                    continue
                parser = ET.XMLPullParser(events=("end",))
            try:
                parser.feed(raw)
                for _event, el in parser.read_events():
                    if el.tag == f"{ATOM}entry":
                        index += 1
                        yield _entry(el, label, index, **opts)
                        el.clear()
                    elif el.tag == f"{ATOM}feed":
                        parser.close()
                        parser = None  # a further document may follow
                        break
            except ET.ParseError as exc:
                yield Rejection(label, lineno, f"malformed XML ({exc.msg if hasattr(exc, 'msg') else exc}); "
                                f"{index} entries read before it")
                return
        if parser is not None:
            try:
                parser.close()
            except ET.ParseError as exc:
                yield Rejection(label, lineno, f"truncated XML ({exc}); {index} entries read before it")


def _text(el, tag: str) -> str | None:
    child = el.find(f"{ATOM}{tag}")
    return child.text if child is not None and child.text else None


def _entry(el, label: str, index: int, **opts) -> Paper | Rejection:
    url = _text(el, "id")
    m = _ARXIV_ID.search(url or "")
    authors = [a.findtext(f"{ATOM}name") or "" for a in el.findall(f"{ATOM}author")]
    paper = make_paper(f"{label}#entry{index}", None, _text(el, "title"), _text(el, "summary"),
                       arxiv_id=m.group(1) if m else None, date=_text(el, "published"),
                       authors=authors, url=url, **opts)
    if isinstance(paper, Rejection):
        paper.file, paper.reason = label, f"entry {index}: {paper.reason}"
    return paper
