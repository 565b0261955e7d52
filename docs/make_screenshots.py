"""Screenshots of the main web pages at desktop and phone widths, for the README.

    python docs/make_screenshots.py                 # writes docs/screenshots/*.png
    python docs/make_screenshots.py --out /tmp/shots --model hashing

Loads the shipped demo profiles (data/demo/profiles.jsonl) into a temporary
database, runs `matcher serve` on a free loopback port and photographs each
page with headless Chromium (Debian's `chromium`, driven by Playwright; no
browser is downloaded). The default model is `hashing`: fast and
deterministic, so the pictures change only when the pages do.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # this tree's matcher and service, whatever is installed
DEMO_PROFILES = PROJECT / "data" / "demo" / "profiles.jsonl"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ADMIN_KEY = "admin-key-for-the-screenshots-0123456789"
SEARCH = "Ik zoek een repetitieruimte in de zomer in Brussel voor een dansvoorstelling met jongeren"
WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}


def fill_bad_form(page) -> None:
    """A profile form sent with an unknown place and a period that ends before it starts."""
    page.get_by_label("un·e artiste, une compagnie ou un collectif").check()
    page.locator("#name").fill("Compagnie du Canal")
    page.locator("#description").fill("Nous cherchons une salle de répétition cet été pour une création de danse "
                                      "avec des adolescents de Molenbeek.")
    page.locator("#place").fill("Atlantis")
    page.locator("#needs-0-type").select_option("rehearsal_space")
    page.locator("#needs-0-start").fill("2027-08-31")
    page.locator("#needs-0-end").fill("2027-07-01")
    page.locator("form.profile-form button[type=submit]").click()
    page.wait_for_selector(".error-summary")


# name, path, what to do first, where the picture starts (a selector, or the top), heights (desktop, phone)
SHOTS = [
    ("start", "/?lang=nl", None, None, (1000, 1900)),
    ("search-results", "/ui/search?who=maker&lang=nl&near=Brussel&text=" + SEARCH.replace(" ", "+"), None,
     "#results-title", (1250, 1500)),
    ("profile", "/ui/profiles/gc-de-kriekelaar?lang=en", None, None, (1500, 2400)),
    ("form-with-error", "/ui/new-profile?lang=fr", fill_bad_form, None, (1000, 1400)),
    ("alliances", "/ui/alliances?area=region&region=Brussels+Hoofdstedelijk+Gewest&theme=jongeren+en+dans"
                  "&size=4&count=3&lang=en", None, "#alliances-found", (1300, 2200)),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def demo_database(folder: Path, model: str) -> Path:
    from matcher.engine import Matcher
    from matcher.storage.store import Store

    db_path = folder / "demo.db"
    store = Store(db_path)
    report = Matcher(store, embedder=model).import_files([DEMO_PROFILES])
    store.close()
    if report.problems:
        raise SystemExit(f"demo data has problems: {report.problems[0]}")
    return db_path


def start_server(db_path: Path, model: str, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    environment = {**os.environ, "MATCHER_MODEL": model, "MATCHER_RATE_LIMIT": "off", "MATCHER_ADMIN_KEY": ADMIN_KEY}
    log = open(log_path, "w")
    process = subprocess.Popen([sys.executable, "-m", "matcher.cli", "serve", "--db", str(db_path), "--host",
                                "127.0.0.1", "--port", str(port)], cwd=PROJECT, env=environment, stdout=log,
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(base + "/health", timeout=1):
                return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("matcher serve did not start:\n" + log_path.read_text())


def photograph(base: str, out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile_dir:
        context = playwright.chromium.launch_persistent_context(
            profile_dir, executable_path=chromium, headless=True, args=CHROMIUM_ARGS, locale="en-GB")
        page = context.new_page()
        for name, path, action, anchor, heights in SHOTS:
            for (label, (width, height)), clip_height in zip(WIDTHS.items(), heights):
                context.clear_cookies()
                page.set_viewport_size({"width": width, "height": height})
                page.goto(base + path)
                if action:
                    action(page)
                top = 0
                if anchor:
                    top = max(0, int(page.locator(anchor).bounding_box()["y"] + page.evaluate("scrollY")) - 16)
                total = page.evaluate("document.documentElement.scrollHeight")
                target = out / f"{name}-{label}.png"
                page.screenshot(path=str(target), full_page=True,
                                clip={"x": 0, "y": top, "width": width, "height": min(clip_height, total - top)})
                written.append(target)
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(PROJECT / "docs" / "screenshots"), help="folder for the PNG files")
    parser.add_argument("--model", default="hashing", help="embedding model (default: hashing)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db_path = demo_database(Path(folder), args.model)
        process, base = start_server(db_path, args.model, Path(folder) / "serve.log")
        try:
            written = photograph(base, out, args.chromium)
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(json.dumps([str(path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path) for path in written],
                     indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
