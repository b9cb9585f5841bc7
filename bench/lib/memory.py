"""Scenario "memory": the platform process's memory (PSS and RSS) with 50 running projects.

PSS (proportional set size) counts the shared libraries' pages divided among the processes that use them, so it is the
fairest "how much of the box is the platform" figure; RSS counts them in full. Projects are cheap static sites, five per
team across ten teams, so there are several team networks as on a real box."""
import os
import time
from concurrent.futures import ThreadPoolExecutor

from .platform import App
from .util import TICKS_PER_SECOND, cpu_ticks, note, say

TARGET_MB = 150
PROJECTS = 50
PER_TEAM = 5


def snapshot(ctx, label):
    """Records the platform's memory now (median of three readings a second apart)."""
    readings = []
    for _ in range(3):
        readings.append(ctx.platform.memory_mb())
        time.sleep(1)
    readings.sort()
    pss, rss = readings[1]
    live = len(project_containers(ctx))
    ctx.memory.append({"when": label, "pss_mb": pss, "rss_mb": rss, "projects": live})
    note(f"memory {label}: PSS {pss:.0f} MB, RSS {rss:.0f} MB, {live} projects running")


def project_containers(ctx):
    # Build containers are not named jl-<instance>-<project>-<deployment>; project containers end in the deployment id.
    return [n for n in ctx.platform.containers() if n.rsplit("-", 1)[-1].isdigit()]


def run(ctx):
    p = ctx.platform
    if ctx.ran("gateway"):
        snapshot(ctx, "after the gateway load")
    missing = PROJECTS - len(project_containers(ctx))
    say(f"memory: deploying {missing} static projects, {PER_TEAM} per team")
    names = [f"mem-{i:02d}" for i in range(missing)]
    for t in range(0, len(names), PER_TEAM):
        p.make_team(f"mem-team-{t // PER_TEAM}", PER_TEAM, 64, 0.1, 16)

    def deploy(index):
        name, team = names[index], f"mem-team-{index // PER_TEAM}"
        p.make_project(team, name)
        app = App(os.path.join(ctx.work, "apps", name), "static")
        app.write(f"quiet project {name}")
        ok, err = p.push(team, name, app.folder)
        return ok or err

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        failed = [r for r in pool.map(deploy, range(len(names))) if r is not True]
    note(f"{len(names) - len(failed)} deployed in {time.monotonic() - started:.0f} s, {len(failed)} failed")
    time.sleep(15)  # let the first reconciler pass and resource samples after the deploys settle
    snapshot(ctx, f"{PROJECTS} projects running")
    # While nobody visits: the platform's own CPU time over a quiet window (its upkeep passes look at every project).
    say(f"memory: the platform's CPU over {ctx.idle_seconds} s with nobody visiting")
    before = cpu_ticks([p.pid])
    time.sleep(ctx.idle_seconds)
    idle = (cpu_ticks([p.pid]) - before) / TICKS_PER_SECOND / ctx.idle_seconds * 100
    note(f"idle CPU: {idle:.1f} % of one core")
    return {"target_mb": TARGET_MB, "deploy_failures": len(failed), "idle_cpu_percent": idle,
            "idle_seconds": ctx.idle_seconds}
