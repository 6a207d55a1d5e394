#!/usr/bin/env python3
"""Runs WPT test URLs in headless Chromium, for the README's side-by-side pass counts.

`./mach wpt-chromium [--include PAT]... PATHS...` starts `wpt-runner --serve-only` (the same
server, overlay and harness files Aperture's runs use), drives `chromedriver` over WebDriver
(standard library only), and for each test URL waits for the result JSON that
wpt/harness/testharnessreport.js prints with console.log after its marker when the engine's
test hook is absent. It prints subtests passed/total per test URL and per directory, and
writes every result to a JSON file (--out).

Needs the `chromium` and `chromium-driver` packages (`./mach bootstrap --with-chromium`).
Never part of `./mach test`.
"""

import argparse
import json
import queue
import subprocess
import sys
import threading
import time
import urllib.request
from collections import defaultdict

MARKER = "@@APERTURE-WPT-RESULT@@"
PASS = 0  # testharness.js subtest status codes: PASS 0, FAIL 1, TIMEOUT 2, NOTRUN 3, PRECONDITION_FAILED 4


class WebDriver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None, timeout=120):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, method=method, data=data,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)

    def start(self, binary):
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {"binary": binary, "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required"]},
        }}}
        self.session = self.call("POST", "/session", caps)["value"]["sessionId"]
        self.call("POST", f"/session/{self.session}/timeouts", {"pageLoad": 60000, "script": 30000})

    def stop(self):
        if self.session:
            try:
                self.call("DELETE", f"/session/{self.session}")
            except Exception:
                pass
            self.session = None

    def navigate(self, url):
        self.call("POST", f"/session/{self.session}/url", {"url": url}, timeout=90)

    def console(self):
        return self.call("POST", f"/session/{self.session}/se/log", {"type": "browser"})["value"]


def result_from_console(entries):
    """The harness's JSON, if one of the console messages carries it."""
    for entry in entries:
        message = entry.get("message", "")
        at = message.find(MARKER)
        if at < 0:
            continue
        text = message[at + len(MARKER):].strip()
        # Chrome quotes console.log string arguments in its log lines ("…" with \" escapes).
        if text.endswith('"'):
            text = text[:-1]
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            try:
                return json.loads(json.loads('"' + text + '"'))
            except json.JSONDecodeError:
                continue
    return None


def directory_of(url, depth):
    path = url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0]
    parts = path.split("/")[:-1]
    return "/".join(parts[:depth]) or "."


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runner", required=True, help="the wpt-runner binary")
    parser.add_argument("--wpt-root", required=True)
    parser.add_argument("--meta", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="chromedriver")
    parser.add_argument("--port", type=int, default=9515)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per test URL")
    parser.add_argument("--depth", type=int, default=2, help="path components of the per-directory rows")
    parser.add_argument("--out", default="chromium-wpt.json")
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()

    command = [args.runner, "--serve-only", "--binary", "/bin/true", "--meta", args.meta, "--wpt-root", args.wpt_root]
    for pattern in args.include:
        command += ["--include", pattern]
    for pattern in args.exclude:
        command += ["--exclude", pattern]
    server = subprocess.Popen(command + args.paths, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    # The runner prints "Serving …", then every URL at once, then serves until killed; a thread
    # reads the lines so that a quiet pipe does not block.
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=30)
    except queue.Empty:
        first = ""
    if not first.startswith("Serving"):
        print(f"wpt-runner did not start serving: {first.strip()}", file=sys.stderr)
        server.kill()
        return 2
    urls = []
    while True:
        try:
            line = lines.get(timeout=2.0)
        except queue.Empty:
            break
        if line.startswith("  http"):
            urls.append(line.strip())
    driver_process = subprocess.Popen([args.chromedriver, f"--port={args.port}"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    driver = WebDriver(args.port)
    results = {}
    try:
        driver.start(args.chromium)
        for index, url in enumerate(urls, 1):
            status = "TIMEOUT"
            subtests = []
            try:
                driver.console()  # drop what earlier pages logged
                driver.navigate(url)
                if "-crash" in url or "/crashtests/" in url:
                    # A crashtest passes when the page loads without the tab crashing (WebDriver's
                    # navigation waits for the load event).
                    driver.call("POST", f"/session/{driver.session}/execute/sync", {"script": "return 1", "args": []})
                    results[url] = {"status": "OK", "passed": 1, "total": 1, "subtests": {"crashtest": PASS}}
                    print(f"[{index}/{len(urls)}] OK           1/1     {url}", file=sys.stderr, flush=True)
                    continue
                end = time.time() + args.timeout
                while time.time() < end:
                    result = result_from_console(driver.console())
                    if result is not None:
                        status = {0: "OK", 1: "ERROR", 2: "TIMEOUT", 3: "PRECONDITION_FAILED"}.get(
                            result.get("status"), "ERROR")
                        subtests = result.get("tests", [])
                        break
                    time.sleep(0.2)
            except Exception as error:  # a crashed tab or a hung page: start a new session
                status = f"CRASH ({type(error).__name__}: {error})"
                driver.stop()
                driver.start(args.chromium)
            passed = sum(1 for t in subtests if t.get("status") == PASS)
            results[url] = {"status": status, "passed": passed, "total": len(subtests),
                            "subtests": {t.get("name"): t.get("status") for t in subtests}}
            print(f"[{index}/{len(urls)}] {status:8} {passed:5}/{len(subtests):<5} {url}", file=sys.stderr, flush=True)
    finally:
        driver.stop()
        driver_process.kill()
        server.kill()

    with open(args.out, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    rows = defaultdict(lambda: [0, 0, 0, 0])
    for url, r in results.items():
        variant = "worker" if ".worker.html" in url or "worker" in url.rsplit("/", 1)[-1] else "window"
        row = rows[(directory_of(url, args.depth), variant)]
        row[0] += r["passed"]
        row[1] += r["total"]
        row[2] += 1
        row[3] += 0 if r["status"] == "OK" else 1
    print(f"{'directory':50} {'variant':7} {'passed':>8} {'total':>8} {'urls':>5} {'not OK':>6}")
    for (directory, variant), (passed, total, count, bad) in sorted(rows.items()):
        print(f"{directory:50} {variant:7} {passed:8} {total:8} {count:5} {bad:6}")
    print(f"{sum(r['passed'] for r in results.values())} passed of {sum(r['total'] for r in results.values())} subtests; results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
