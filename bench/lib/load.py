"""Load tools: wrk (parse its --latency report) and nginx as a reverse proxy, the like-for-like reference."""
import os
import re
import subprocess
import time

from .util import TICKS_PER_SECOND, cpu_ticks, get, run


def wrk(url, connections, seconds, host=None, threads=None, pids=()):
    """Runs wrk and returns {rps, p99_ms, requests, bad (non-2xx/3xx + socket errors), cpu_per_10k (of pids)}."""
    threads = threads or min(2, connections)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if host:
        args += ["-H", f"Host: {host}"]
    before = cpu_ticks(pids)
    out = run(*args, url, timeout=seconds + 30)
    ticks = cpu_ticks(pids) - before
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if errors:
        bad += sum(int(n) for n in errors.groups())
    cpu = ticks / TICKS_PER_SECOND / requests * 10000 if pids and requests else None
    return {"rps": rps, "p99_ms": p99, "requests": requests, "bad": bad, "cpu_per_10k": cpu}


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


class NginxProxy:
    """nginx in front of one backend (a container's ip:port): upstream keep-alive on, no access log, one worker per core."""

    def __init__(self, work, port, backend):
        self.dir = os.path.join(work, "nginx")
        self.port, self.backend = port, backend
        self.process = None

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        os.chmod(os.path.dirname(self.dir), 0o755)  # nginx's workers run as www-data
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes auto;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path {self.dir}/body;
    proxy_temp_path {self.dir}/proxy;
    upstream backend {{ server {self.backend}; keepalive 128; }}
    server {{
        listen 127.0.0.1:{self.port};
        location / {{
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
        }}
    }}
}}
""")
        self.process = subprocess.Popen(["nginx", "-p", self.dir, "-c", conf, "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(100):
            if get(("127.0.0.1", self.port))[0] == 200:
                return
            time.sleep(0.1)
        raise RuntimeError(f"nginx did not answer on port {self.port}; see {self.dir}/error.log")

    def pids(self):
        children = run("pgrep", "-P", str(self.process.pid), check=False).split()
        return [self.process.pid] + [int(p) for p in children]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
