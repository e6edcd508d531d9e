"""Open input files as bytes, transparently un-gzipping them."""
from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == GZIP_MAGIC


def open_bytes(path: Path) -> io.BufferedIOBase:
    """A binary stream of the file's content (decompressed if it is gzip)."""
    if is_gzip(path):
        return gzip.open(path, "rb")
    return open(path, "rb")


def head(path: Path, n: int = 4096) -> bytes:
    """The first n bytes of the (decompressed) content, for format sniffing."""
    try:
        with open_bytes(path) as fh:
            return fh.read(n)
    except (OSError, EOFError):
        return b""


_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_line(raw: bytes) -> tuple[str, bool]:
    """Decode one line: UTF-8 (with or without BOM), else Windows-1252/Latin-1 text.

    Returns (text, fell_back). Raises UnicodeDecodeError for bytes that are neither
    (binary data: control bytes, or bytes Windows-1252 leaves undefined).

    >>> decode_line("café".encode("latin-1"))
    ('café', True)
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError as exc:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise exc from None
        if _BINARY.search(text):
            raise exc from None
        return text, True


class Fallbacks:
    """Counts lines decoded as Windows-1252 in one file, for one warning at the end."""

    def __init__(self, label: str, warn):
        self.label, self.warn, self.n, self.first = label, warn, 0, None

    def note(self, lineno: int) -> None:
        self.n += 1
        self.first = self.first or lineno

    def report(self) -> None:
        if self.n and self.warn:
            self.warn(f"{self.label}: {self.n:,} line{'s' if self.n > 1 else ''} not UTF-8, read as "
                      f"Windows-1252/Latin-1 (first at line {self.first})")
