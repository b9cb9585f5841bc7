"""What the numbers were measured on: the machine, the tools and the code."""
import datetime
import os
import platform
import subprocess

from .util import run


def describe(repo):
    def first(path, key):
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith(key):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    mem_kb = int(first("/proc/meminfo", "MemTotal").split()[0])
    runtimes = [line.split()[1] for line in run("dotnet", "--list-runtimes", check=False).splitlines()
                if line.startswith("Microsoft.AspNetCore.App")]
    with open("/etc/debian_version") as f:
        debian = f.read().strip()
    commit = run("git", "-C", repo, "rev-parse", "--short", "HEAD", check=False)
    if run("git", "-C", repo, "status", "--porcelain", "--untracked-files=no", check=False):
        commit += " (with uncommitted changes)"
    return {
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "debian": debian,
        "dotnet_sdk": run("dotnet", "--version", check=False),
        "aspnetcore": runtimes[-1] if runtimes else "?",
        "nginx": _stderr("nginx", "-v").replace("nginx version: ", ""),
        "wrk": _stderr("wrk", "-v").split(" [")[0],
        "docker": run("docker", "version", "--format", "engine {{.Server.Version}} (API {{.Server.APIVersion}}), "
                      "CLI {{.Client.Version}}", check=False),
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "commit": commit,
        "load_at_start": load(),
    }


def load():
    """The load average over 1, 5 and 15 minutes: above the core count, others were using the machine too."""
    return " / ".join(f"{v:.1f}" for v in os.getloadavg())


def _stderr(*args):
    done = subprocess.run(list(args), capture_output=True, text=True)
    return (done.stderr or done.stdout).strip().splitlines()[0] if (done.stderr or done.stdout).strip() else "?"
