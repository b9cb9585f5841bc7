"""Scenario "routes": the route table changes every ~100 ms while visitors keep using a project that stays live.

Changes are real API calls: projects are stopped and started again (the cheapest change: no build, the container goes and
comes back from its image), and new projects are created, pushed and deleted. Meanwhile a visitor requests the steady
project over a kept-alive connection as fast as it answers. Reported: the visitor's failed requests (anything but a 200
with the right page; must be 0), and how long after the API call (or the push) returned the gateway served the new
route, and stopped serving a removed one."""
import http.client
import os
import threading
import time

from .platform import App
from .util import get, median, note, now, say

CHURN_PROJECTS = 4
EVERY = 0.1  # seconds between the starts of two changes, at most
TARGET_MS = 100


class Pacer:
    """Lets the workers start one change every EVERY seconds between them."""

    def __init__(self):
        self.lock, self.next = threading.Lock(), now()

    def wait(self):
        with self.lock:
            delay = self.next - now()
            self.next = max(self.next, now()) + EVERY
        if delay > 0:
            time.sleep(delay)


def poll(addr, host, serving, limit=10.0):
    """Seconds until the gateway serves (serving=True: a 200 with the project's page) or no longer serves it."""
    t0 = now()
    while now() - t0 < limit:
        status, body = get(addr, host_header=host)
        if (status == 200 and "route" in body) == serving:
            return now() - t0
        time.sleep(0.005)
    return None


def run(ctx):
    p = ctx.platform
    say(f"routes: preparing {CHURN_PROJECTS} projects to stop and start, and a steady project to visit")
    p.make_team("churn", CHURN_PROJECTS + 2, 64, 0.1, 16)
    for i in range(CHURN_PROJECTS):
        name = f"churn-{i}"
        p.make_project("churn", name)
        app = App(os.path.join(ctx.work, "apps", name), "static")
        app.write(f"route {name}")
        ok, err = p.push("churn", name, app.folder)
        if not ok:
            raise RuntimeError(f"{name} did not deploy:\n{err}")
    steady = getattr(ctx, "steady_project", None)
    if steady is None:
        steady = "steady"
        p.make_project("churn", steady)
        app = App(os.path.join(ctx.work, "apps", steady), "static")
        app.write("steady page")
        p.push("churn", steady, app.folder)
    (addr, steady_host) = p.site(steady)
    expected = get(addr, host_header=steady_host)[1]

    stop_at = now() + ctx.routes_seconds
    visitor = Visitor(addr, steady_host, expected, stop_at)
    pacer = Pacer()
    changes = {"added": [], "removed": [], "call_s": [], "errors": [], "count": 0}
    lock = threading.Lock()

    def record(kind, value):
        with lock:
            changes[kind].append(value)
            if kind in ("added", "removed"):
                changes["count"] += 1

    def stop_start(name):
        host = p.site(name)[1]
        while now() < stop_at:
            for action, serving in (("stop", False), ("start", True)):
                pacer.wait()
                t0 = now()
                try:
                    p.api("POST", f"teams/churn/projects/{name}/{action}", timeout=60)
                except Exception as e:  # a failed change is reported, the loop goes on
                    record("errors", f"{action} {name}: {e}")
                    continue
                record("call_s", now() - t0)
                waited = poll(addr, host, serving)
                record("added" if serving else "removed", waited)

    def create_delete():
        n = 0
        while now() < stop_at:
            n += 1
            name = f"new-{n}"
            host = p.site(name)[1]
            pacer.wait()
            try:
                p.make_project("churn", name)
                app = App(os.path.join(ctx.work, "apps", name), "static")
                app.write(f"route {name}")
                ok, err = p.push("churn", name, app.folder)
                if not ok:
                    raise RuntimeError(err)
                record("added", poll(addr, host, True))
                pacer.wait()
                p.api("DELETE", f"teams/churn/projects/{name}?confirm={name}", timeout=60)
                record("removed", poll(addr, host, False))
            except Exception as e:
                record("errors", f"new project {name}: {e}")

    say(f"routes: {ctx.routes_seconds} s of changes every ~{EVERY * 1000:.0f} ms while a visitor keeps asking")
    threads = [threading.Thread(target=visitor.run, daemon=True)]
    threads += [threading.Thread(target=stop_start, args=(f"churn-{i}",), daemon=True) for i in range(CHURN_PROJECTS)]
    threads += [threading.Thread(target=create_delete, daemon=True)]
    started = now()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=ctx.routes_seconds + 120)
    elapsed = now() - started

    added = [a for a in changes["added"] if a is not None]
    removed = [r for r in changes["removed"] if r is not None]
    never = len(changes["added"]) - len(added) + len(changes["removed"]) - len(removed)
    result = {
        "seconds": round(elapsed, 1), "requests": visitor.ok + visitor.failed, "failed": visitor.failed,
        "failures": visitor.failures[:5], "changes": changes["count"],
        "changes_per_s": changes["count"] / elapsed, "call_ms": (median(changes["call_s"]) or 0) * 1000,
        "added_ms": _ms_stats(added), "removed_ms": _ms_stats(removed), "never_seen": never,
        "errors": len(changes["errors"]), "error_samples": changes["errors"][:5], "target_ms": TARGET_MS}
    note(f"{result['requests']} visitor requests, {visitor.failed} failed; {changes['count']} route changes "
         f"({result['changes_per_s']:.1f}/s); new route served after {result['added_ms']['median']:.1f} ms (median), "
         f"{result['added_ms']['max']:.1f} ms (max)")
    for e in changes["errors"][:5]:
        note("change failed: " + e.strip().splitlines()[0][:200])
    return result


def _ms_stats(values):
    values = sorted(v * 1000 for v in values)
    if not values:
        return {"median": 0, "p95": 0, "max": 0, "n": 0}
    return {"median": median(values), "p95": values[min(len(values) - 1, int(len(values) * 0.95))],
            "max": values[-1], "n": len(values)}


class Visitor:
    """Requests the steady project's page over one kept-alive connection until told to stop; counts what went wrong."""

    def __init__(self, addr, host, expected, stop_at):
        self.addr, self.host, self.expected, self.stop_at = addr, host, expected, stop_at
        self.ok = self.failed = 0
        self.failures = []

    def run(self):
        conn = None
        while now() < self.stop_at:
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(*self.addr, timeout=5)
                conn.request("GET", "/", headers={"Host": self.host})
                answer = conn.getresponse()
                body = answer.read().decode("utf-8", "replace")
                if answer.status == 200 and body == self.expected:
                    self.ok += 1
                    continue
                self.fail(f"{answer.status}: {body[:80]!r}")
            except (OSError, http.client.HTTPException) as e:
                self.fail(repr(e))
                conn = None

    def fail(self, what):
        self.failed += 1
        if len(self.failures) < 20:
            self.failures.append(what)
