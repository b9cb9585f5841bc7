"""Scenario "routes": the route table changes every ~100 ms while visitors keep using a project that stays live.

Changes are real API calls: Node projects are stopped and started again (the cheapest change for a container: no build,
the container goes and comes back from its image), and new static websites are created, pushed and deleted. Meanwhile a
visitor requests the steady project over a kept-alive connection as fast as it answers. Reported: the visitor's failed
requests (anything but a 200 with the right page; must be 0) and how long its requests took; how long the gateway took
to serve a new route, counted from the moment its container answered (the container is polled too, from the start call's
start) or from the push returning (a push returns once the site is live), to the start of the first request the gateway
served; and how long after the stop or delete call began it stopped serving a removed one."""
import http.client
import os
import threading
import time

from .platform import App
from .util import container_ip, get, median, note, now, say

CHURN_PROJECTS = 12
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
    """Seconds until the gateway serves (serving=True: a 200 with the project's page) or no longer serves it, counted to
    the start of the first request that showed it: by then the route had changed. (Its end would add how long that
    request took on a busy box, which is not the route's delay; the visitor's request times are reported apart.)"""
    t0 = now()
    while now() - t0 < limit:
        asked = now()
        status, body = get(addr, host_header=host)
        if (status == 200 and "route" in body) == serving:
            return asked - t0
        time.sleep(0.005)
    return None


class Call:
    """An API call running in its own thread, so that the gateway can be watched while it runs."""

    def __init__(self, platform, path, method="POST"):
        self.model = self.error = self.seconds = None
        self.started = now()
        self.thread = threading.Thread(target=self._run, args=(platform, method, path), daemon=True)
        self.thread.start()

    def _run(self, platform, method, path):
        try:
            self.model = platform.api(method, path, timeout=60)
        except Exception as e:
            self.error = e
        self.seconds = now() - self.started

    def result(self):
        self.thread.join(timeout=90)
        return self.model


def watch_start(addr, host, container, statuses, started, limit=30.0):
    """While a start call runs, and after it returned: polls the new container itself and the gateway, every 5 ms, until
    both serve the page. Returns (seconds from the call's start until the container answered, until the gateway served
    it), or Nones: the container counts when its answer came, the gateway from the start of the first request it
    served (as in `poll`). What the gateway answered after the container had answered, before it served the page, is
    counted in `statuses` (a visitor who came then saw that instead of the app)."""
    ip, seen_container, seen_gateway = None, None, None
    while now() - started < limit and (seen_container is None or seen_gateway is None):
        if seen_container is None:
            ip = ip or _address(container)
            if ip and get((ip, 8080), timeout=0.5)[0] == 200:
                seen_container = now() - started
        if seen_gateway is None:
            asked = now()
            status, body = get(addr, host_header=host)
            if status == 200 and "route" in body:
                seen_gateway = asked - started
            elif seen_container is not None:
                statuses[status] = statuses.get(status, 0) + 1
        time.sleep(0.005)
    return seen_container, seen_gateway


def _address(container):
    """The container's address; None while it is stopped or not made yet, or while the engine is too busy to say."""
    try:
        return container_ip(container)
    except (OSError, http.client.HTTPException):
        return None


def run(ctx):
    p = ctx.platform
    say(f"routes: preparing {CHURN_PROJECTS} projects to stop and start, and a steady project to visit")
    p.make_team("churn", CHURN_PROJECTS + 2, 128, 0.1, 16)
    for i in range(CHURN_PROJECTS):
        name = f"churn-{i}"
        p.make_project("churn", name)
        # Node apps: stop and start move a container (a static website has none; its route points at its files).
        app = App(os.path.join(ctx.work, "apps", name), "node")
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
    changes = {"added": [], "removed": [], "call_to_served": [], "call_s": [], "errors": [], "count": 0,
               "gateway_statuses": {}}
    lock = threading.Lock()

    def record(kind, value):
        with lock:
            changes[kind].append(value)
            if kind in ("added", "removed"):
                changes["count"] += 1

    def stop_start(name):
        try:
            stop_start_until_the_end(name)
        except Exception as e:  # reported with the changes that failed; the other workers go on
            record("errors", f"{name}: {e!r}")

    def stop_start_until_the_end(name):
        host = p.site(name)[1]
        deployment = p.api("GET", f"teams/churn/projects/{name}")["liveDeploymentId"]  # a start keeps it
        while now() < stop_at:
            for action in ("stop", "start"):
                pacer.wait()
                call = Call(p, f"teams/churn/projects/{name}/{action}")
                # Both are watched while the call runs, from its start: a stop removes the route at once and returns
                # only after the old container had time to finish its requests (DrainDelay); a start returns once the
                # app answers, so its route may be served before the call returns.
                if action == "stop":
                    record("removed", poll(addr, host, False))
                else:
                    answered, served = watch_start(addr, host, f"jl-{ctx.instance}-{name}-{deployment}",
                                                   changes["gateway_statuses"], call.started)
                model = call.result()
                if model is None:  # a failed change is reported, the loop goes on
                    record("errors", f"{action} {name}: {call.error}")
                    continue
                record("call_s", call.seconds)
                if action == "stop":
                    continue
                # How long a visitor still waited after the call returned (0: the route was served before).
                record("call_to_served", None if served is None else max(0.0, served - call.seconds))
                # The route's own delay: from the container answering to the gateway serving it.
                record("added", None if served is None or answered is None else max(0.0, served - answered))

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
                served = poll(addr, host, True)  # the push returns once the app answers
                record("call_to_served", served)
                record("added", served)
                pacer.wait()
                call = Call(p, f"teams/churn/projects/{name}?confirm={name}", method="DELETE")
                record("removed", poll(addr, host, False))
                if call.result() is None and call.error:
                    raise call.error
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
        "call_to_served_ms": _ms_stats([c for c in changes["call_to_served"] if c is not None]),
        "visitor_ms": _ms_stats(visitor.seconds),
        "gateway_statuses": {str(k): v for k, v in changes["gateway_statuses"].items()},
        "errors": len(changes["errors"]), "error_samples": changes["errors"][:5], "target_ms": TARGET_MS}
    note(f"{result['requests']} visitor requests, {visitor.failed} failed; {changes['count']} route changes "
         f"({result['changes_per_s']:.1f}/s); the gateway served a new route {result['added_ms']['median']:.1f} ms "
         f"(median), {result['added_ms']['max']:.1f} ms (max) after its container answered; "
         f"{result['call_to_served_ms']['median']:.0f} ms (median) after the call returned")
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
        self.failures, self.seconds = [], []

    def run(self):
        conn = None
        while now() < self.stop_at:
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(*self.addr, timeout=5)
                asked = now()
                conn.request("GET", "/", headers={"Host": self.host})
                answer = conn.getresponse()
                body = answer.read().decode("utf-8", "replace")
                self.seconds.append(now() - asked)
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
