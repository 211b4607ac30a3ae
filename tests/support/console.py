"""Driving the console in Debian's chromium with Playwright: sign in, check accessibility, take screenshots."""
from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from playwright.sync_api import Page, expect

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
ROOT = Path(__file__).resolve().parents[2]
# Where the pages' screenshots go (the best few are kept in docs/console/).
SHOTS = Path(os.environ.get("CONSOLE_SCREENSHOTS") or ROOT / "var" / "screenshots" / "console")


@contextlib.contextmanager
def idle_console(gateway: str, tmp: Path, idle_seconds: int) -> Iterator[str]:
    """A console of its own (in this process) in front of the running gateway, with a short idle limit."""
    from werkzeug.serving import make_server

    from rapport_admin.web import create_app
    from rapport_admin.web.config import ConsoleSettings

    app = create_app(ConsoleSettings(gateway, tmp / "sessions.sqlite3", idle_seconds))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def sign_in(page: Page, url: str, who: tuple[str, str]) -> None:
    page.goto(f"{url}/console/")
    page.get_by_label("Email").fill(who[0])
    page.get_by_label("Password").fill(who[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def go(page: Page, section: str) -> None:
    """Follow the main navigation."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=section, exact=True).click()


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)  # evaluated through DevTools: the console's CSP rightly refuses injected scripts
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def check_page(page: Page, name: str | None = None) -> None:
    """No serious or critical accessibility finding; and, given a name, a screenshot of the page."""
    found = serious_violations(page)
    assert not found, f"{page.url}: {found}"
    if name:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def reload_until(page: Page, ready: Callable[[], bool], timeout: float = 60.0) -> None:
    """Reload until the page shows what `ready` looks for: the system follows events, not requests."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"{page.url}: still not there after {timeout}s"
        time.sleep(0.5)
        page.reload()


def row(page: Page, text: str | re.Pattern):
    """The table row holding `text`."""
    return page.get_by_role("row").filter(has_text=text)
