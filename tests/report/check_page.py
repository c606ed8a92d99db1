#!/usr/bin/env python3
"""Opens a `debrief-ls report` page in headless Chromium and checks it as a reader's
browser would see it:

- no console message at all (errors, warnings, uncaught exceptions);
- no network request made for the page (the browser's own background requests, made on
  behalf of no page, are told apart; every request goes to a closed port on loopback
  anyway, so nothing leaves the machine);
- the debriefs' table has one row per debrief of the report's JSON, the per-month data
  table counts the JSON's dated debriefs, and each debrief has its timeline strip;
- a screenshot in the light and in the dark colour scheme.

    check_page.py PAGE.html REPORT.json OUT_DIR
"""

import html.parser
import json
import os
import subprocess
import sys
import tempfile

CHROMIUM = os.environ.get("CHROMIUM", "chromium")
# No sandbox: CI runs as root. No background traffic, and a dead proxy on loopback for
# whatever is left.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--virtual-time-budget=5000",
]


class Page(html.parser.HTMLParser):
    """Counts what the checks need in the DOM Chromium dumps after running the page."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.in_table = None
        self.rows = 0
        self.strips = 0
        self.month_cells = []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id") == "debrief-table":
            self.in_table = "debriefs"
        if tag == "tr" and self.in_table == "debriefs" and "tbody" in self.stack:
            self.rows += 1
        if tag == "svg" and (a.get("aria-labelledby") or "").startswith("strip"):
            self.strips += 1
        if tag == "td" and self.in_table == "months":
            self.cell = ""
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = None
        if tag == "td" and self.cell is not None:
            self.month_cells.append(self.cell)
            self.cell = None
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if data.strip() == "Data: debriefs per month by severity":
            self.in_table = "months-next"
        if self.cell is not None:
            self.cell += data

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)


class MonthTable(Page):
    """The first table after the per-month chart's summary."""

    def handle_starttag(self, tag, attrs):
        if tag == "table" and self.in_table == "months-next":
            self.in_table = "months"
        super().handle_starttag(tag, attrs)


def main() -> int:
    page, report, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    url = "file://" + os.path.abspath(page)
    data = json.load(open(report))
    failures = []

    with tempfile.TemporaryDirectory() as tmp:
        netlog = os.path.join(tmp, "net.json")
        run = subprocess.run(
            [CHROMIUM, *FLAGS, "--user-data-dir=" + tmp + "/profile", "--enable-logging=stderr", "--v=0",
             "--log-net-log=" + netlog, "--net-log-capture-mode=Default", "--dump-dom", url],
            capture_output=True, text=True, timeout=120,
        )
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            return fail([f"chromium exited with {run.returncode}"])
        console = [l for l in run.stderr.splitlines() if ":CONSOLE" in l]
        if console:
            failures.append("console messages:\n  " + "\n  ".join(console))
        events = json.load(open(netlog))["events"]
        requests = sorted({
            e["params"]["url"] for e in events
            if "url" in e.get("params", {}) and e["params"].get("initiator", "not an origin") != "not an origin"
            and not e["params"]["url"].startswith(("file:", "data:", "chrome:", "about:"))
        })
        if requests:
            failures.append("network requests made for the page: " + ", ".join(requests))
        dom = MonthTable()
        dom.feed(run.stdout)

    debriefs = len(data["debriefs"])
    if dom.rows != debriefs:
        failures.append(f"the table has {dom.rows} rows; the JSON has {debriefs} debriefs")
    if dom.strips != debriefs:
        failures.append(f"{dom.strips} timeline strips for {debriefs} debriefs")
    # Each month row: its severities then its total; the totals add up to the dated debriefs.
    width = len(data["charts"]["per_month"][0]["counts"]) + 1 if data["charts"]["per_month"] else 1
    totals = [int(c) for c in dom.month_cells[width - 1 :: width]]
    if sum(totals) != data["summary"]["dated"]:
        failures.append(f"the per-month table counts {sum(totals)} debriefs; the JSON {data['summary']['dated']} dated ones")

    for scheme, extra in (("light", []), ("dark", ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"])):
        shot = os.path.join(out, f"report-{scheme}.png")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [CHROMIUM, *FLAGS, *extra, "--user-data-dir=" + tmp, "--window-size=1280,2000",
                 "--screenshot=" + shot, url],
                capture_output=True, timeout=120, check=True,
            )
        if not os.path.getsize(shot):
            failures.append(f"empty screenshot {shot}")
        else:
            print(f"screenshot: {shot}")

    if failures:
        return fail(failures)
    print(f"ok: {debriefs} debriefs, {dom.rows} rows, {dom.strips} strips, no console message, no request")
    return 0


def fail(failures: list[str]) -> int:
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
