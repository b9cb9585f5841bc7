"""The real platform process: build it once, start it with a temporary data directory and its own instance name,
talk to its API with a token, push with git, and remove everything it made in the engine afterwards."""
import base64
import http.client
import json
import os
import signal
import subprocess
import time

from .util import get, note, run, say

ADMIN_PASSWORD = "bench-admin-password"


class ApiError(RuntimeError):
    pass


class Platform:
    def __init__(self, repo, work, instance, port):
        self.repo, self.work, self.instance, self.port = repo, work, instance, port
        self.process = None
        self.token = None
        self.log = None

    # ---- build and start -------------------------------------------------------------------------------------------

    def build(self):
        say("Building the platform (dotnet build -c Release)")
        out = os.path.join(self.work, "platform")
        done = subprocess.run(["dotnet", "build", os.path.join(self.repo, "src/JugendLab.Web"), "-c", "Release",
                               "-o", out, "-nologo", "-v", "q"], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError("dotnet build failed:\n" + done.stdout[-3000:])

    def start(self):
        """Starts `dotnet JugendLab.Web.dll` with default settings, only the bench's own port, data and instance."""
        say(f"Starting the platform (instance '{self.instance}', http://lab.localhost:{self.port})")
        registry = run("npm", "config", "get", "registry", check=False) if _have_npm() else ""
        env = dict(os.environ,
                   Urls=f"http://127.0.0.1:{self.port}",
                   JUGENDLAB_ADMIN_PASSWORD=ADMIN_PASSWORD,
                   JugendLab__Domain__PublicUrl=f"http://lab.localhost:{self.port}",
                   JugendLab__Orchestrator__DataDirectory=os.path.join(self.work, "data"),
                   JugendLab__Orchestrator__Instance=self.instance,
                   JugendLab__Matrix__Enabled="false",
                   # Its own address pool: the box's platform (10.200/16) and the tests (10.201/16) may share the engine.
                   JugendLab__Network__Pool="10.202.0.0/16",
                   JugendLab__Build__NpmRegistry=registry)
        self.log = open(os.path.join(self.work, "platform.log"), "ab")
        # A session of its own: Ctrl-C in the terminal reaches bench/run, which then stops the platform itself.
        self.process = subprocess.Popen(["dotnet", os.path.join(self.work, "platform", "JugendLab.Web.dll")],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the platform stopped at start-up:\n" + self.first_error())
            try:
                self._call("GET", "/api/openapi.json")
                break
            except (OSError, http.client.HTTPException, ApiError):
                time.sleep(0.5)
        else:
            raise RuntimeError("the platform did not answer within 180 s")
        # One password check, then a token for everything else (each password check is a deliberate, costly hash).
        basic = "Basic " + base64.b64encode(f"admin:{ADMIN_PASSWORD}".encode()).decode()
        self.token = self._call("POST", "/api/tokens", {"name": "bench"}, auth=basic)["token"]

    def first_error(self):
        with open(os.path.join(self.work, "platform.log"), errors="replace") as f:
            lines = [line.strip() for line in f if "exception" in line.lower() or "error" in line.lower()]
        return lines[0][:500] if lines else "(nothing in its log)"

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()

    # ---- API -------------------------------------------------------------------------------------------------------

    def _call(self, method, path, body=None, auth=None, timeout=300):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Host": f"lab.localhost:{self.port}", "Accept-Language": "en"}
        if auth:
            headers["Authorization"] = auth
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        try:
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
        finally:
            conn.close()
        if answer.status >= 400:
            raise ApiError(f"{method} {path}: {answer.status} {data[:300].decode('utf-8', 'replace')}")
        if not data or not answer.getheader("Content-Type", "").startswith("application/json"):
            return data.decode("utf-8", "replace")
        return json.loads(data)

    def api(self, method, path, body=None, timeout=300):
        return self._call(method, "/api/" + path, body, auth=f"Bearer {self.token}", timeout=timeout)

    def make_team(self, name, max_projects, memory_mb, cpus, disk_mb=64):
        self.api("POST", "teams", {"name": name})
        self.api("PUT", f"teams/{name}/quota",
                 {"maxProjects": max_projects, "memoryMb": memory_mb, "cpus": cpus, "diskMb": disk_mb})

    def make_project(self, team, name, **settings):
        return self.api("POST", f"teams/{team}/projects", {"name": name, **settings})

    # ---- git and the sites -----------------------------------------------------------------------------------------

    def remote(self, team, project):
        return f"http://admin:{self.token}@lab.localhost:{self.port}/git/{team}/{project}.git"

    def push(self, team, project, folder):
        """git push of the folder's main branch. Returns (ok, stderr). The push ends when the deploy has ended."""
        done = subprocess.run(["git", "-C", folder, "push", "-q", self.remote(team, project), "main"],
                              capture_output=True, text=True)
        return done.returncode == 0, done.stderr

    def push_until_live(self, team, project, folder, marker, limit=300):
        """git push, while polling the site every 20 ms for the marker (the site may show it before git has finished).
        Returns (seconds from the push's start until the site showed the marker, or None if it failed; git's stderr)."""
        addr, host = self.site(project)
        t0 = time.monotonic()
        git = subprocess.Popen(["git", "-C", folder, "push", "-q", self.remote(team, project), "main"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seen = None
        while seen is None and time.monotonic() - t0 < limit:
            status, body = get(addr, host_header=host)
            if status == 200 and marker in body:
                seen = time.monotonic() - t0
            elif git.poll() not in (None, 0):
                break  # the push failed: the marker will not come
            else:
                time.sleep(0.02)
        try:
            _, err = git.communicate(timeout=max(1, limit - (time.monotonic() - t0)))
        except subprocess.TimeoutExpired:
            git.kill()
            _, err = git.communicate()
        if git.returncode != 0:
            return None, err or "git push failed"
        return seen, err

    def site(self, project):
        """(address to connect to, Host header) of a project's site through the gateway."""
        return ("127.0.0.1", self.port), f"{project}.lab.localhost:{self.port}"

    def containers(self):
        """Names of this instance's running containers."""
        out = run("docker", "ps", "--filter", f"label=jugendlab.managed={self.instance}", "--format", "{{.Names}}")
        return out.split() if out else []

    def container_ip(self, project):
        """The bridge-network address of the project's live container (the newest one, if two overlap)."""
        prefix = f"jl-{self.instance}-{project}-"
        names = [n for n in self.containers() if n.startswith(prefix) and n[len(prefix):].isdigit()]
        if not names:
            raise RuntimeError(f"no running container for {project}")
        newest = max(names, key=lambda n: int(n[len(prefix):]))
        return run("docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", newest)

    def memory_mb(self):
        """(PSS, RSS) of the platform process in MB, from /proc/<pid>/smaps_rollup."""
        values = {}
        with open(f"/proc/{self.pid}/smaps_rollup") as f:
            for line in f:
                parts = line.split()
                if parts and parts[0] in ("Pss:", "Rss:"):
                    values[parts[0][:-1]] = int(parts[1]) / 1024
        return values["Pss"], values["Rss"]

    # ---- clean-up --------------------------------------------------------------------------------------------------

    def remove_engine_objects(self):
        """Everything this instance made in the engine: containers, images, networks, volumes, loop devices."""
        label = f"label=jugendlab.managed={self.instance}"
        ids = run("docker", "ps", "-aq", "--filter", label, check=False).split()
        if ids:
            run("docker", "rm", "-f", "-v", *ids, check=False)
        images = [i for i in run("docker", "images", "--format", "{{.Repository}}:{{.Tag}}", check=False).split()
                  if i.startswith(f"jugendlab-{self.instance}/")]
        if images:
            run("docker", "rmi", "-f", *images, check=False)
        for _ in range(30):  # containers still going away hold their network for a moment (longer on a busy box)
            # By name: the build network is labelled differently from the team networks.
            nets = [n for n in run("docker", "network", "ls", "--format", "{{.Name}}", check=False).split()
                    if n.startswith(f"jl-{self.instance}-")]
            if not nets or subprocess.run(["docker", "network", "rm", *nets], capture_output=True).returncode == 0:
                break
            time.sleep(1)
        vols = [v for v in run("docker", "volume", "ls", "-q", check=False).split() if v.startswith(f"jl-{self.instance}-")]
        if vols:
            run("docker", "volume", "rm", "-f", *vols, check=False)
        # The projects' /data images hang on loop devices: detach those backed by files of this run.
        for line in run("losetup", "-a", check=False).splitlines():
            if f"({self.work}/" in line:
                run("losetup", "-d", line.split(":")[0], check=False)


def _have_npm():
    return subprocess.run(["sh", "-c", "command -v npm"], capture_output=True).returncode == 0


class App:
    """A small project in a git folder: static, node or python, answering with a marker we can wait for."""

    def __init__(self, folder, template, body=None):
        self.folder, self.template, self.body = folder, template, body
        os.makedirs(folder, exist_ok=True)
        if not os.path.isdir(os.path.join(folder, ".git")):
            run("git", "init", "-q", "-b", "main", cwd=folder)

    def write(self, marker):
        """One-line change: the marker is the page's text (or the 512-byte body, if one is given)."""
        text = self.body if self.body is not None else marker
        files = {
            "static": {"index.html": f"<h1>{text}</h1>\n"},
            "node": {"package.json": '{ "name": "bench", "private": true, "scripts": { "start": "node server.js" } }\n',
                     # keep-alive is on by default in Node's http server
                     "server.js": f"// {marker}\nrequire('http').createServer((q, r) => r.end({json.dumps(text)}))"
                                  ".listen(process.env.PORT, '0.0.0.0');\n"},
            "python": {"app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n\n\n"
                                 f"@app.route('/')\ndef home():\n    return {json.dumps(text)}\n\n\n"
                                 "app.run(host='0.0.0.0', port=int(os.environ['PORT']))\n"},
        }[self.template]
        for name, content in files.items():
            with open(os.path.join(self.folder, name), "w") as f:
                f.write(content)
        run("git", "add", "-A", cwd=self.folder)
        run("git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", marker,
            cwd=self.folder)
