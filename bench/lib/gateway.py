"""Scenario "gateway": the platform's gateway against nginx as a reverse proxy and against the container itself.

All three reach the same container (a Node project with 2 CPUs, so the backend is not the bottleneck: FACTS, "Measuring
fairly"). nginx and the direct runs go to the container's address on its bridge network, which is also what the gateway
does. Rounds are interleaved (gateway, nginx, direct, gateway, …) so slow phases of a busy machine hit all three alike."""
import os

from .load import NginxProxy, wrk
from .platform import App
from .util import drain_time_wait, free_port, get, median, note, say

BODY = "x" * 512
LOADS = [64, 1, 8]  # connections: saturation first, then light load


def run(ctx):
    p = ctx.platform
    say("gateway: deploying a Node backend with 2 CPUs")
    p.make_team("gw", 2, 256, 2.0)
    p.make_project("gw", "gw-backend", cpus=2.0)
    app = App(os.path.join(ctx.work, "apps", "gw-backend"), "node", body=BODY)
    app.write("gateway backend")
    ok, err = p.push("gw", "gw-backend", app.folder)
    if not ok:
        raise RuntimeError("the gateway backend did not deploy:\n" + err)
    ctx.steady_project = "gw-backend"  # the route-change scenario keeps visiting it
    ip = p.container_ip("gw-backend")
    nginx = NginxProxy(ctx.work, free_port(), f"{ip}:8080")
    nginx.start()
    ctx.on_exit(nginx.stop)

    (addr, host) = p.site("gw-backend")
    contenders = {
        "gateway": (f"http://127.0.0.1:{p.port}/", host, lambda: [p.pid]),
        "nginx proxy": (f"http://127.0.0.1:{nginx.port}/", None, nginx.pids),
        "direct": (f"http://{ip}:8080/", None, lambda: []),
    }
    # The platform's fallback answers 200 too: make sure each contender really returns the backend's page.
    for name, (url, header, _) in contenders.items():
        hostport = url.split("/")[2].split(":")
        status, body = get((hostport[0], int(hostport[1])), host_header=header)
        if status != 200 or body != BODY:
            raise RuntimeError(f"{name} does not return the backend's page ({status})")

    say(f"gateway: warm-up (gateway {ctx.warmup} s, nginx and direct 3 s; cold YARP runs at half speed)")
    for name, (url, header, pids) in contenders.items():
        wrk(url, 64, ctx.warmup if name == "gateway" else 3, host=header)
        drain_time_wait()

    runs = {(name, c): [] for name in contenders for c in LOADS}
    for connections in LOADS:
        seconds = ctx.duration if connections == 64 else ctx.light_duration
        for round_ in range(1, ctx.rounds + 1):
            for name, (url, header, pids) in contenders.items():
                drain_time_wait()
                result = wrk(url, connections, seconds, host=header, pids=pids())
                runs[(name, connections)].append(result)
                note(f"{connections:>2} connections, round {round_}, {name:<11}: {result['rps']:>9,.0f} req/s, "
                     f"p99 {result['p99_ms']:.2f} ms" + (f", {result['bad']} bad" if result["bad"] else ""))
    nginx.stop()
    return summarize(runs, ctx)


def summarize(runs, ctx):
    rows = []
    for connections in LOADS:
        row = {"connections": connections}
        for name in ("gateway", "nginx proxy", "direct"):
            results = runs[(name, connections)]
            row[name] = {"rps": median(r["rps"] for r in results), "p99_ms": median(r["p99_ms"] for r in results),
                         "cpu_per_10k": median(r["cpu_per_10k"] for r in results),
                         "bad": sum(r["bad"] for r in results), "rounds": [r["rps"] for r in results]}
        row["ratio"] = row["gateway"]["rps"] / row["nginx proxy"]["rps"]
        row["round_ratios"] = [g["rps"] / n["rps"] for g, n in zip(runs[("gateway", connections)],
                                                                    runs[("nginx proxy", connections)])]
        row["added_p99_ms"] = row["gateway"]["p99_ms"] - row["direct"]["p99_ms"]
        row["nginx_added_p99_ms"] = row["nginx proxy"]["p99_ms"] - row["direct"]["p99_ms"]
        rows.append(row)
    return {"rounds": ctx.rounds, "duration": ctx.duration, "light_duration": ctx.light_duration,
            "warmup": ctx.warmup, "rows": rows}
