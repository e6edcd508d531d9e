"""Open input files as bytes, transparently un-gzipping them."""
from __future__ import annotations

import gzip
import io
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


def decode_line(raw: bytes) -> str:
    """Decode one line as UTF-8 (with or without BOM); raises UnicodeDecodeError."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.decode("utf-8")
