"""Sets up a team with many live projects through the API and git, signs in like a browser, and measures every page.
Called by run.sh, which starts the platform; see there."""
import base64, html.parser, http.client, json, os, re, statistics, subprocess, time, urllib.parse

PORT, PASSWORD = int(os.environ["PORT"]), os.environ["PASSWORD"]
PROJECTS, REQUESTS, WORK = int(os.environ["PROJECTS"]), int(os.environ["REQUESTS"]), os.environ["WORK"]
HOST = f"lab.localhost:{PORT}"
TEAM, YOUTH, YOUTH_PASSWORD = "bench", "mia", "sommer-im-kiez-bench"


def call(method, path, body=None, auth=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    head = {"Host": HOST, **(headers or {})}
    if auth:
        head["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode()
    if body is not None:
        head["Content-Type"] = "application/json"
        body = json.dumps(body)
    conn.request(method, path, body=body, headers=head)
    answer = conn.getresponse()
    data = answer.read()
    if answer.status >= 400:
        raise SystemExit(f"{method} {path}: {answer.status} {data[:300]!r}")
    return answer, data


def api(method, path, body=None):
    return call(method, "/api/" + path, body, auth=f"admin:{PASSWORD}")


TOKEN = None


def git(*args, cwd):
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"git {args[0]} failed in {cwd}:\n{done.stderr}")


def push(project, text, message):
    folder = os.path.join(WORK, "sites", project)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "index.html"), "w") as f:
        f.write(f"<h1>{text}</h1>\n")
    if not os.path.isdir(os.path.join(folder, ".git")):
        git("init", "-q", "-b", "main", cwd=folder)
    git("add", "-A", cwd=folder)
    git("-c", "user.name=bench", "-c", "user.email=b@b", "commit", "-qm", message, cwd=folder)
    git("push", "-q", f"http://admin:{TOKEN}@{HOST}/git/{TEAM}/{project}.git", "main", cwd=folder)  # git takes tokens only


def set_up():
    global TOKEN
    TOKEN = json.loads(api("POST", "tokens", {"name": "bench"})[1])["token"]
    api("POST", "teams", {"name": TEAM})
    api("PUT", f"teams/{TEAM}/quota", {"maxProjects": PROJECTS, "memoryMb": 64, "cpus": 0.1, "diskMb": 16})
    api("POST", "users", {"name": YOUTH, "password": YOUTH_PASSWORD})
    api("POST", f"teams/{TEAM}/members", {"user": YOUTH})
    for i in range(PROJECTS):
        name = f"kiez-{i:02d}"
        api("POST", f"teams/{TEAM}/projects", {"name": name})
        push(name, f"Projekt {i}", "Erste Seite")
        print(f"       {i + 1}/{PROJECTS} live", flush=True)
    for v in range(2, 5):
        push("kiez-00", f"Version {v}", f"Version {v}")
    for name, value, secret in [("CITY", "Zürich", False), ("API_KEY", "geheim", True)]:
        api("PUT", f"teams/{TEAM}/projects/kiez-00/variables/{name}", {"value": value, "secret": secret})
        while json.loads(api("GET", f"teams/{TEAM}/projects/kiez-00/deployments")[1])[0]["status"] in ("Building", "Starting"):
            time.sleep(0.2)  # each change restarts the app; the next waits for that


class FormToken(html.parser.HTMLParser):
    token = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "__RequestVerificationToken":
            self.token = attrs.get("value")


def sign_in():
    """GET the form (antiforgery cookie + token), POST it: the session cookie, as a browser gets it."""
    answer, body = call("GET", "/anmelden")
    cookies = {c.split("=", 1)[0]: c.split(";", 1)[0] for c in answer.headers.get_all("Set-Cookie") or []}
    form = FormToken()
    form.feed(body.decode())
    data = urllib.parse.urlencode({"Input.Name": YOUTH, "Input.Password": YOUTH_PASSWORD, "__RequestVerificationToken": form.token})
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    conn.request("POST", "/anmelden", body=data, headers={"Host": HOST, "Content-Type": "application/x-www-form-urlencoded",
                                                         "Cookie": "; ".join(cookies.values())})
    answer = conn.getresponse()
    answer.read()
    session = [c.split(";", 1)[0] for c in answer.headers.get_all("Set-Cookie") or [] if c.startswith("jugendlab.session")]
    if not session:
        raise SystemExit(f"sign-in failed: {answer.status}")
    return session[0]


class Assets(html.parser.HTMLParser):
    """Everything a page loads from the platform: stylesheets, scripts, images."""
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        url = attrs.get("href") if tag == "link" and attrs.get("rel") == "stylesheet" else attrs.get("src") if tag in ("script", "img") else None
        if url and url.startswith("/"):
            self.urls.append(url)


def measure(conn, path, cookie):
    times, size, body = [], 0, b""
    for i in range(REQUESTS + 5):
        start = time.perf_counter()
        conn.request("GET", path, headers={"Host": HOST, "Cookie": cookie, "Accept-Language": "de-CH"})
        answer = conn.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise SystemExit(f"GET {path}: {answer.status}")
        if i >= 5:  # the first few warm the caches, as a second visit would
            times.append((time.perf_counter() - start) * 1000)
        size = len(body)
    return times, size, body


def main():
    set_up()
    cookie = sign_in()
    _, data = api("GET", f"teams/{TEAM}/projects/kiez-00/deployments")
    version = json.loads(data)[0]["id"]
    base = f"/projekte/{TEAM}/kiez-00"
    pages = [("Meine Projekte", "/"), ("Team", f"/teams/{TEAM}"), ("Neues Projekt", f"/teams/{TEAM}/neues-projekt"),
             ("Übersicht", base), ("Verlauf", f"{base}/verlauf"), ("Version (Bau-Protokoll)", f"{base}/verlauf/{version}"),
             ("Logs", f"{base}/logs"), ("Ressourcen", f"{base}/ressourcen"), ("Einstellungen", f"{base}/einstellungen"),
             ("Löschen", f"{base}/loeschen"), ("Zugangs-Tokens", "/tokens"), ("Profil", "/profil")]
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    reference, _, _ = measure(conn, "/app.css", cookie)
    reference_ms = statistics.median(reference)
    asset_sizes = {}
    rows = []
    for name, path in pages:
        times, size, body = measure(conn, path, cookie)
        parser = Assets()
        parser.feed(body.decode())
        for url in parser.urls:
            if url not in asset_sizes:
                asset_sizes[url] = measure(conn, url, cookie)[1]
        weight = size + sum(asset_sizes[u] for u in set(parser.urls))
        median, p90 = statistics.median(times), statistics.quantiles(times, n=10)[-1]
        rows.append((name, path, weight, size, median, p90, median / reference_ms))
    print(f"\nReference: the platform serving /app.css, median {reference_ms:.2f} ms ({REQUESTS} requests)\n")
    print("| page | weight (HTML + CSS + JS) | HTML | median | p90 | median ÷ reference |")
    print("|---|---|---|---|---|---|")
    for name, path, weight, size, median, p90, ratio in rows:
        print(f"| {name} | {weight / 1024:.1f} KB | {size / 1024:.1f} KB | {median:.1f} ms | {p90:.1f} ms | {ratio:.1f}× |")
    heavy = [r for r in rows if r[2] > 150 * 1024]
    slow = [r for r in rows if r[4] > 100]
    print(f"\nPages over 150 KB: {', '.join(r[0] for r in heavy) or 'none'}; median over 100 ms: {', '.join(r[0] for r in slow) or 'none'}")


main()
