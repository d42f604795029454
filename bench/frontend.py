"""Front-end budgets, measured: page weights, first contentful paint on Slow 3G, idle board bytes.

    .venv/bin/python bench/frontend.py [--board-seconds 120] [--write]

Starts gunicorn on a throw-away SQLite database with the demo data, measures with Debian's
Chromium (Playwright, DevTools protocol) and prints a Markdown section for bench/RESULTS.md.
"""

import argparse
import gzip
import platform
import statistics
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serve import gunicorn  # noqa: E402

PAGES = [
    "/",
    "/procedures",
    "/procedures/khai-sinh",
    "/about",
    "/login",
    "/tickets/new",
    "/board",
    "/lookup",
    "/appointments/new",
    "/feedback",
    "/news",
    "/documents",
    "/map",
    "/links",
]
FCP_PAGES = ["/", "/procedures/khai-sinh", "/tickets/new"]
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def fetch(url, encoding="gzip"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read(), response.headers


def page_weights(base):
    rows = []
    for path in PAGES:
        try:
            status, body, headers = fetch(base + path)
        except urllib.error.HTTPError as error:
            rows.append((path, error.code, None, None))
            continue
        html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
        assets = 0
        for src in __import__("re").findall(rb'src="(/static/[^"]+)"', html):
            assets += len(fetch(base + src.decode())[1])
        rows.append((path, status, len(body), len(body) + assets))
    return rows


def first_contentful_paint(browser, url, runs=3):
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(url, wait_until="load", timeout=60000)
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        times.append(fcp / 1000)
        context.close()
    return statistics.median(times)


def idle_board_bytes(browser, url, seconds):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    page.goto(url, wait_until="load")
    page.wait_for_timeout(3000)
    received = []
    cdp.on("Network.loadingFinished", lambda e: received.append(e["encodedDataLength"]))
    page.wait_for_timeout(seconds * 1000)
    context.close()
    return sum(received), len(received)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--board-seconds", type=int, default=120)
    parser.add_argument("--write", action="store_true", help="write the section into bench/RESULTS.md")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with gunicorn(open_now=True) as (base,), sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        weights = page_weights(base)
        fcps = [(path, first_contentful_paint(browser, base + path)) for path in FCP_PAGES]
        board_bytes, board_requests = idle_board_bytes(browser, base + "/board", args.board_seconds)
        browser.close()
    per_hour = board_bytes * 3600 / args.board_seconds
    out = [
        "## Front end (bench/frontend.py)",
        "",
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}.",
        "",
        "| page | status | HTML gzip (B) | first load incl. JS (B) | budget |",
        "|---|---|---|---|---|",
    ]
    for path, status, html, total in weights:
        ok = "ok" if html is not None and html <= 14 * 1024 else "OVER" if html else "-"
        out.append(f"| `{path}` | {status} | {html or '-'} | {total or '-'} | {ok} (14 KB) |")
    out += [
        "",
        "First contentful paint, cold cache, Slow 3G (400 kbit/s, 2 s latency), CPU 4x, median of 3:",
        "",
        "| page | FCP (s) | goal |",
        "|---|---|---|",
    ]
    out += [f"| `{path}` | {fcp:.2f} | {'ok' if fcp <= 2.5 else 'OVER'} (<= 2.5 s) |" for path, fcp in fcps]
    out += [
        "",
        f"Idle board during opening hours (polls every 5 s; every 60 s while closed): {board_requests} requests, {board_bytes} B in {args.board_seconds} s "
        f"= {per_hour / 1024:.0f} KB per hour (goal < 200 KB).",
        "",
    ]
    print("\n".join(out))
    if args.write:
        from bench.queue_bench import write_section

        write_section(Path(__file__).resolve().parent / "RESULTS.md", "\n".join(out))


if __name__ == "__main__":
    main()
