"""Scenario "busy": a busy afternoon. Five teams push a one-line change to their Node project at the same moment, in
waves. Reported: deploys per minute over the waves, the time each push took to go live, and failures (target: none)."""
import os
import threading
import time

from .platform import App
from .util import median, note, now, say

TEAMS = 5


def run(ctx):
    p = ctx.platform
    apps = []
    say(f"busy: {TEAMS} teams, one Node project each, first deploys")
    for i in range(1, TEAMS + 1):
        team, name = f"busy-{i}", f"busy-app-{i}"
        p.make_team(team, 1, 256, 0.5)
        p.make_project(team, name)
        apps.append((team, name, App(os.path.join(ctx.work, "apps", name), "node")))
    first = wave(ctx, apps, "first")
    note(f"first deploys: {first['ok']} live, {first['failed']} failed, {first['seconds']:.1f} s")

    waves = []
    for w in range(1, ctx.waves + 1):
        say(f"busy: wave {w} of {ctx.waves}: {TEAMS} pushes at once")
        waves.append(wave(ctx, apps, f"wave-{w}"))
        note(f"{waves[-1]['ok']} live, {waves[-1]['failed']} failed, {waves[-1]['seconds']:.1f} s for the wave, "
             f"slowest push {max(waves[-1]['times'] or [0]):.1f} s")
    deployed = sum(w["ok"] for w in waves)
    seconds = sum(w["seconds"] for w in waves)
    times = [t for w in waves for t in w["times"]]
    return {"teams": TEAMS, "waves": ctx.waves, "deploys": deployed, "failed": sum(w["failed"] for w in waves),
            "per_minute": deployed / seconds * 60 if seconds else 0, "median_s": median(times),
            "max_s": max(times or [0]), "wave_seconds": [w["seconds"] for w in waves],
            "first_wave": first, "failures": [f for w in waves for f in w["failures"]][:5]}


def wave(ctx, apps, label):
    """All apps push a one-line change together; each thread waits until its site shows the change."""
    p = ctx.platform
    times, failures, starts, ends = [], [], [], []
    lock = threading.Lock()
    gate = threading.Barrier(len(apps))

    def push(team, name, app):
        marker = f"{name}-{label}-{time.time_ns()}"
        app.write(marker)
        gate.wait()
        t0 = now()
        with lock:
            starts.append(t0)
        took, err = p.push_until_live(team, name, app.folder, marker, limit=300)
        try:
            if took is None:
                raise RuntimeError(err.strip().splitlines()[-1] if err.strip() else "git push failed")
            with lock:
                times.append(took)
        except Exception as e:
            with lock:
                failures.append(f"{name}: {e}")
        with lock:
            ends.append(t0 + took if took is not None else now())

    threads = [threading.Thread(target=push, args=a, daemon=True) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    # The wave lasts from the first push's start to the last site showing its change.
    seconds = max(ends) - min(starts) if starts and ends else 0
    return {"ok": len(times), "failed": len(failures), "seconds": seconds, "times": times,
            "failures": failures}
