"""Headless Chromium for screenshots, benchmarks and tests (Debian's chromium; nothing
downloads a browser). Playwright drives it through ``executable_path``."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

from ..errors import KGError

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for cand in (os.environ.get("KG_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if cand and os.path.exists(cand):
            return cand
    return None


@contextmanager
def browser():
    """A Playwright Chromium browser (raises KGError when Chromium or Playwright is missing)."""
    path = chromium_path()
    if path is None:
        raise KGError("Chromium not found: apt-get install chromium (or set KG_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise KGError("playwright is not installed: pip install playwright") from None
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def offline_page(b, width: int = 1400, height: int = 900):
    """A page whose every network request is refused (the view must work offline)."""
    ctx = b.new_context(viewport={"width": width, "height": height}, offline=True)
    page = ctx.new_page()
    blocked: list[str] = []

    def refuse(route):
        if not route.request.url.startswith(("file:", "data:", "about:")):
            blocked.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", refuse)
    page.blocked = blocked
    return page
