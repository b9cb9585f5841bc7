"""Writes the results into docs/performance.md (between the bench markers; the hand-written part stays) and the charts
into docs/performance/*.svg. The raw numbers go to docs/performance/results.json, so that running a few scenarios
updates their sections and keeps the others from the last run that measured them."""
import json
import os

from .charts import bar_chart
from .memory import PROJECTS

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
ORDER = ["gateway", "memory", "push", "routes", "busy"]


def write(repo, machine, new_results):
    folder = os.path.join(repo, "docs", "performance")
    os.makedirs(folder, exist_ok=True)
    store = os.path.join(folder, "results.json")
    results = {}
    if os.path.exists(store):
        with open(store) as f:
            results = json.load(f)
    for name, result in new_results.items():
        results[name] = dict(result, measured=machine["date"], commit=machine["commit"])
    with open(store, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")

    sections = [machine_section(machine)]
    for name in ORDER:
        if name in results:
            sections.append(SECTIONS[name](results[name], folder))
    generated = "\n\n".join(sections)

    page = os.path.join(repo, "docs", "performance.md")
    with open(page) as f:
        text = f.read()
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    with open(page, "w") as f:
        f.write(f"{head}{START}\n<!-- Written by bench/run; edits between these markers are overwritten. -->\n\n"
                f"{generated}\n\n{END}{tail}")
    return page


def met(ok):
    return "**met**" if ok else "**missed**"


def when(result):
    return (f"_Measured {result['measured']}, commit {result['commit']}; load average (1 min) "
            f"{result.get('load', '?')} when it began._")


def machine_section(m):
    rows = [("CPU", f"{m['cpu']}, {m['cores']} cores"), ("RAM", f"{m['ram_gb']} GB"), ("Kernel", m["kernel"]),
            ("Debian", m["debian"]), (".NET", f"SDK {m['dotnet_sdk']}, ASP.NET Core {m['aspnetcore']}"),
            ("nginx", m["nginx"]), ("wrk", m["wrk"]), ("Docker", m["docker"]), ("Date", m["date"]),
            ("Commit", m["commit"]),
            ("Load average (1 / 5 / 15 min)", f"{m['load_at_start']} at the start, {m.get('load_at_end', '?')} at the end"),
            ("Settings", m.get("settings", "")), ("Run took", m.get("took", "?"))]
    lines = ["## Latest run", "", "| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


def gateway_section(r, folder):
    rows = {row["connections"]: row for row in r["rows"]}
    sat = rows[64]
    with open(os.path.join(folder, "gateway.svg"), "w") as f:
        f.write(bar_chart("Requests per second, 64 connections (median)", [
            ("JugendLab gateway", sat["gateway"]["rps"], "platform"),
            ("nginx as reverse proxy", sat["nginx proxy"]["rps"], "reference"),
            ("container directly", sat["direct"]["rps"], "other")], "req/s",
            note=f"gateway / nginx proxy = {sat['ratio']:.2f}; same container behind all three"))
    light = []
    for c in (1, 8):
        for name, label, color in (("gateway", "gateway", "platform"), ("nginx proxy", "nginx proxy", "reference"),
                                   ("direct", "direct", "other")):
            light.append((f"{c} conn.: {label}", rows[c][name]["p99_ms"], color))
    with open(os.path.join(folder, "gateway-latency.svg"), "w") as f:
        f.write(bar_chart("p99 latency at light load (median of rounds)", light, "ms"))

    lines = ["## Gateway", "", when(r), "",
             f"Same Node container (2 CPUs) behind each contender; wrk with `--latency`, {r['rounds']} interleaved rounds, "
             f"{r['duration']} s per round at 64 connections and {r['light_duration']} s at 1 and 8; the gateway "
             f"warmed up {r['warmup']} s first. Medians of the rounds.", "",
             "![Requests per second](performance/gateway.svg)", "",
             "| connections | gateway req/s | nginx proxy req/s | direct req/s | gateway / nginx proxy | p99 gateway | "
             "p99 nginx proxy | p99 direct | p99 added by the gateway | target | |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for c in (64, 1, 8):
        row = rows[c]
        if c == 64:
            target = "ratio ≥ 1.0, p99 ≤ nginx proxy's"
            ok = row["ratio"] >= 1.0 and row["gateway"]["p99_ms"] <= row["nginx proxy"]["p99_ms"]
        else:
            target, ok = "≤ 0.5 ms added", row["added_p99_ms"] <= 0.5
        lines.append(f"| {c} | {row['gateway']['rps']:,.0f} | {row['nginx proxy']['rps']:,.0f} | "
                     f"{row['direct']['rps']:,.0f} | {row['ratio']:.2f} | {row['gateway']['p99_ms']:.2f} ms | "
                     f"{row['nginx proxy']['p99_ms']:.2f} ms | {row['direct']['p99_ms']:.2f} ms | "
                     f"{row['added_p99_ms']:+.2f} ms | {target} | {met(ok)} |")
    bad = sum(row[n]["bad"] for row in r["rows"] for n in ("gateway", "nginx proxy", "direct"))
    ratios = ", ".join(f"{x:.2f}" for x in sat["round_ratios"])
    cpu_g, cpu_n = sat["gateway"]["cpu_per_10k"], sat["nginx proxy"]["cpu_per_10k"]
    lines += ["", f"- Ratio gateway / nginx proxy per round at 64 connections: {ratios}.",
              f"- CPU seconds per 10,000 requests at 64 connections: platform process {cpu_g:.2f}, nginx {cpu_n:.2f}."
              if cpu_g and cpu_n else "- CPU per request: not measured.",
              f"- Failed requests (non-2xx or socket errors) in all runs: {bad}.",
              "- Targets from issue 13: at least nginx's requests per second with a p99 no worse at saturation, at most "
              "0.5 ms added at p99 at 1–8 connections. For comparison, FACTS measured a tuned YARP in a bench host at "
              "0.71–0.75 of nginx (\"Proxy performance on this box\").", "",
              "![p99 at light load](performance/gateway-latency.svg)"]
    return "\n".join(lines)


def memory_section(r, folder):
    snaps = r.get("snapshots", [])
    rows = []
    for s in snaps:
        rows.append((f"{s['when']}: PSS", s["pss_mb"], "platform"))
        rows.append((f"{s['when']}: RSS", s["rss_mb"], "reference"))
    with open(os.path.join(folder, "memory.svg"), "w") as f:
        f.write(bar_chart("Platform process memory", rows, "MB", target=r["target_mb"],
                          note="PSS shares library pages among processes; RSS counts them in full"))
    lines = ["## Memory", "", when(r), "",
             "The platform process's memory from `/proc/<pid>/smaps_rollup` (median of 3 readings a second apart).", "",
             "![Memory](performance/memory.svg)", "",
             "| moment | projects running | PSS | RSS | target | |", "|---|---:|---:|---:|---|---|"]
    for s in snaps:
        is_target_row = s.get("target") or s["when"].endswith("projects running")
        target = f"PSS < {r['target_mb']} MB" if is_target_row else ""
        verdict = met(s["pss_mb"] < r["target_mb"]) if is_target_row else ""
        lines.append(f"| {s['when']} | {s['projects']} | {s['pss_mb']:.0f} MB | {s['rss_mb']:.0f} MB | {target} | "
                     f"{verdict} |")
    if r.get("idle_cpu_percent") is not None:
        lines += ["", f"With the {PROJECTS} projects running and nobody visiting, the platform process used "
                      f"{r['idle_cpu_percent']:.1f} % of one core over {r['idle_seconds']} s (its default intervals: "
                      "reconciler every 30 s, resource samples every minute)."]
    if r.get("retried"):
        lines += ["", f"{r['retried']} of the quiet projects failed their first deploy and were pushed once more; "
                      f"{r.get('deploy_failures', 0)} failed again."]
    elif r.get("deploy_failures"):
        lines += ["", f"{r['deploy_failures']} of the quiet projects failed to deploy."]
    for why in r.get("failure_reasons", []):
        lines.append(f"- `{why.splitlines()[-1][:200]}`")
    return "\n".join(lines)


def push_section(r, folder):
    rows = []
    for t, v in r["templates"].items():
        rows += [(f"{t} warm: platform", v["warm"], "platform"), (f"{t} warm: by hand", v["warm_by_hand"], "reference"),
                 (f"{t} cold: platform", v["cold"], "platform"), (f"{t} cold: by hand", v["cold_by_hand"], "reference")]
    with open(os.path.join(folder, "push-to-live.svg"), "w") as f:
        f.write(bar_chart("git push to the new version answering", rows, "s",
                          note=f"warm: median of {r['warm_changes']} one-line change(s); by hand: docker build + run + poll"))
    lines = ["## Push to live", "", when(r), "",
             f"Time from the start of `git push` until the site answers with the new text through the gateway (polled "
             f"every 20 ms while git runs). Cold: the project's first push; warm: median of {r['warm_changes']} one-line change(s). By "
             "hand: the same files with the template's Dockerfile, `docker build` + hardened `docker run` (same memory "
             "and CPU) + polling the container, measured in turns with the platform.", "",
             "![Push to live](performance/push-to-live.svg)", "",
             "| template | cold: platform | cold: by hand | warm: platform | warm: by hand | warm ratio | target (warm) "
             "| |", "|---|---:|---:|---:|---:|---:|---|---|"]
    for t, v in r["templates"].items():
        lines.append(f"| {t} | {v['cold']:.2f} s | {v['cold_by_hand']:.2f} s | {v['warm']:.2f} s | "
                     f"{v['warm_by_hand']:.2f} s | {v['warm'] / v['warm_by_hand']:.2f} | ≤ {v['target_s']} s | "
                     f"{met(v['warm'] <= v['target_s'])} |")
    return "\n".join(lines)


def routes_section(r, folder):
    a, d, c = r["added_ms"], r["removed_ms"], r["call_to_served_ms"]
    statuses = ", ".join(f"{n}× {s}" for s, n in sorted(r["gateway_statuses"].items())) or "none"
    lines = ["## Route changes", "", when(r), "",
             f"For {r['seconds']:.0f} s, projects were stopped and started again and new projects were created, pushed "
             "and deleted (one change every ~100 ms at most, as fast as the API allowed), while one visitor kept "
             "requesting a project that stayed live over a kept-alive connection.", "",
             "| measure | value | target | |", "|---|---|---|---|",
             f"| visitor requests that failed | {r['failed']} of {r['requests']:,} | 0 | {met(r['failed'] == 0)} |",
             *([f"| how long a visitor's request took meanwhile (the box is busy with the changes) | median "
                f"{v['median']:.1f} ms, p95 {v['p95']:.1f} ms, max {v['max']:.1f} ms | | |"]
               if (v := r.get("visitor_ms")) else []),
             f"| new route: the gateway serves a request started this long after its container answered | median {a['median']:.1f} ms, p95 "
             f"{a['p95']:.1f} ms, max {a['max']:.1f} ms ({a['n']} routes) | < {r['target_ms']} ms | "
             f"{met(a['n'] > 0 and a['max'] < r['target_ms'] and r['never_seen'] == 0)} |",
             f"| new route: served after the start call or push returned | median {c['median']:.0f} ms, "
             f"max {c['max']:.0f} ms | | |",
             f"| what the gateway answered a started project's visitors after its container answered, before it was served "
             f"| {statuses} | | |",
             f"| removed route: gone after the stop or delete call began | median {d['median']:.1f} ms, max {d['max']:.1f} ms "
             f"({d['n']} routes) | | |",
             f"| route changes made (aimed at one per ~100 ms) | {r['changes']} ({r['changes_per_s']:.1f} per second) "
             "| | |",
             f"| median time of a stop or start call | {r['call_ms']:.0f} ms | | |",
             f"| changes that failed or never showed | {r['errors']} failed, {r['never_seen']} not seen within 10 s "
             "| | |"]
    if r.get("failures"):
        lines += ["", "First failed visitor requests: " + "; ".join(f"`{x}`" for x in r["failures"])]
    if r.get("error_samples"):
        lines += ["", "First failed changes: " + "; ".join(f"`{x.strip().splitlines()[0][:160]}`"
                                                         for x in r["error_samples"])]
    return "\n".join(lines)


def busy_section(r, folder):
    first = r["first_wave"]
    lines = ["## Busy afternoon", "", when(r), "",
             f"{r['teams']} teams push a one-line change to their Node project at the same moment, in {r['waves']} "
             "wave(s) one after the other. Deploys per minute count from each wave's first push to its last site showing the "
             "change.", "",
             "| measure | value | target | |", "|---|---|---|---|",
             f"| deploys that failed | {r['failed']} of {r['deploys'] + r['failed']} | none | {met(r['failed'] == 0)} |",
             f"| deploys per minute | {r['per_minute']:.1f} | | |",
             f"| push to live, each push | median {r['median_s']:.1f} s, slowest {r['max_s']:.1f} s | | |",
             f"| seconds per wave | {', '.join(f'{s:.1f}' for s in r['wave_seconds'])} | | |",
             f"| first deploys (all {r['teams']} at once, cold) | {first['ok']} live, {first['failed']} failed, "
             f"{first['seconds']:.1f} s | | |"]
    if r.get("failures"):
        lines += ["", "Failures: " + "; ".join(f"`{x[:200]}`" for x in r["failures"])]
    return "\n".join(lines)


SECTIONS = {"gateway": gateway_section, "memory": memory_section, "push": push_section, "routes": routes_section,
            "busy": busy_section}
