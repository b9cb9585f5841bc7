"""Scenario "memory": the platform process's memory (PSS and RSS) with 50 running projects.

PSS (proportional set size) counts the shared libraries' pages divided among the processes that use them, so it is the
fairest "how much of the box is the platform" figure; RSS counts them in full. Projects are small Node apps, five per
team across ten teams, so there are several team networks as on a real box, and the platform watches 50 containers
(static websites would be cheaper still: they run no container at all)."""
import os
import time
from concurrent.futures import ThreadPoolExecutor

from .platform import App
from .util import TICKS_PER_SECOND, cpu_ticks, note, say

TARGET_MB = 150
PROJECTS = 50
PER_TEAM = 5


def snapshot(ctx, label, target=False):
    """Records the platform's memory now (median of three readings a second apart)."""
    readings = []
    for _ in range(3):
        readings.append(ctx.platform.memory_mb())
        time.sleep(1)
    readings.sort()
    pss, rss = readings[1]
    live = len(project_containers(ctx))
    ctx.memory.append({"when": label, "pss_mb": pss, "rss_mb": rss, "projects": live, "target": target})
    note(f"memory {label}: PSS {pss:.0f} MB, RSS {rss:.0f} MB, {live} projects running")


def project_containers(ctx):
    # Build containers are not named jl-<instance>-<project>-<deployment>; project containers end in the deployment id.
    return [n for n in ctx.platform.containers() if n.rsplit("-", 1)[-1].isdigit()]


def run(ctx):
    p = ctx.platform
    if ctx.ran("gateway"):
        snapshot(ctx, "after the gateway load")
    missing = PROJECTS - len(project_containers(ctx))
    say(f"memory: deploying {missing} Node projects, {PER_TEAM} per team")
    names = [f"mem-{i:02d}" for i in range(missing)]
    for t in range(0, len(names), PER_TEAM):
        p.make_team(f"mem-team-{t // PER_TEAM}", PER_TEAM, 128, 0.1, 16)  # a small node app needs about 40 MB

    def deploy(index):
        """Creates and pushes one project; returns None when it went live, else why not."""
        name, team = names[index], f"mem-team-{index // PER_TEAM}"
        folder = os.path.join(ctx.work, "apps", name)
        if not os.path.isdir(folder):
            p.make_project(team, name)
            App(folder, "node").write(f"quiet project {name}")
        ok, err = p.push(team, name, folder)
        return None if ok else f"{name}: {err.strip()[-300:]}"

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        first_try = list(pool.map(deploy, range(len(names))))
    failed = [i for i, why in enumerate(first_try) if why]
    first_reasons = [first_try[i] for i in failed]
    reasons = [why for why in map(deploy, failed) if why]  # one more try each, one at a time
    note(f"{len(names) - len(reasons)} deployed in {time.monotonic() - started:.0f} s ({len(failed)} needed a second "
         f"try), {len(reasons)} failed")
    for why in first_reasons[:3]:
        note("first try failed: " + why.replace("\n", " | ")[:300])
    time.sleep(15)  # let the first reconciler pass and resource samples after the deploys settle
    snapshot(ctx, f"{PROJECTS} projects deployed", target=True)
    # While nobody visits: the platform's own CPU time over a quiet window (its upkeep passes look at every project).
    say(f"memory: the platform's CPU over {ctx.idle_seconds} s with nobody visiting")
    before = cpu_ticks([p.pid])
    time.sleep(ctx.idle_seconds)
    idle = (cpu_ticks([p.pid]) - before) / TICKS_PER_SECOND / ctx.idle_seconds * 100
    note(f"idle CPU: {idle:.1f} % of one core")
    return {"target_mb": TARGET_MB, "deploy_failures": len(reasons), "retried": len(failed),
            "failure_reasons": first_reasons[:3], "idle_cpu_percent": idle,
            "idle_seconds": ctx.idle_seconds}
