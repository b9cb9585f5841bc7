"""Small helpers every part of bench/run uses: printing progress, running commands, medians, waiting."""
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time


def say(text):
    """A progress line, the way the platform prints its build steps."""
    print(f"-----> {text}", flush=True)


def note(text):
    print(f"       {text}", flush=True)


def run(*args, check=True, quiet=False, **kwargs):
    """Runs a command and returns its output (stdout) as text. Raises with its stderr when it fails."""
    done = subprocess.run(list(args), capture_output=True, text=True, **kwargs)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr.strip()[-2000:]}")
    return done.stdout.strip()


def have(command):
    return subprocess.run(["sh", "-c", f"command -v {command}"], capture_output=True).returncode == 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def now():
    return time.monotonic()


def get(host_port, path="/", host_header=None, timeout=2.0):
    """One GET on a new connection: (status, body text). (None, error) when nothing answered."""
    host, port = host_port
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": host_header} if host_header else {})
        answer = conn.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException) as e:
        return None, str(e)
    finally:
        conn.close()


def wait_for_text(host_port, text, host_header=None, every=0.02, limit=180.0):
    """Polls until the page holds `text`; returns the moment (monotonic) it did, or raises after `limit` seconds."""
    deadline = now() + limit
    while now() < deadline:
        status, body = get(host_port, host_header=host_header)
        if status == 200 and text in body:
            return now()
        time.sleep(every)
    raise TimeoutError(f"{host_header or host_port} did not show {text!r} within {limit:.0f} s")


def time_wait_sockets():
    out = run("ss", "-Htan", "state", "time-wait", check=False)
    return len(out.splitlines()) if out else 0


def drain_time_wait(max_wait=90):
    """FACTS: back-to-back load runs can use up the ephemeral ports (TIME_WAIT). Wait until they are few."""
    time.sleep(1)
    waited = 0
    while time_wait_sockets() > 500 and waited < max_wait:
        time.sleep(2)
        waited += 2


def cpu_ticks(pids):
    """user + system CPU ticks of the processes (all their threads)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total


TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def fail(text):
    print(f"bench/run: {text}", file=sys.stderr, flush=True)
    raise SystemExit(1)


class _DockerSocket(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect("/var/run/docker.sock")


def container_ip(name):
    """The container's address on its bridge network, asked of the engine's socket directly (a few ms; the docker CLI
    takes tens of ms, too slow for timing a route change). None while the container does not exist or has no address."""
    conn = _DockerSocket("docker", timeout=5)
    try:
        conn.request("GET", f"/containers/{name}/json")
        answer = conn.getresponse()
        data = answer.read()
    finally:
        conn.close()
    if answer.status != 200:
        return None
    networks = json.loads(data)["NetworkSettings"]["Networks"] or {}
    return next((n["IPAddress"] for n in networks.values() if n.get("IPAddress")), None)
