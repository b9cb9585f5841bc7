"""Scenario "push": time from `git push` to the site answering with the new version, cold (first push) and warm
(one-line changes), for the static, node and python templates.

The reference, measured in the same run: the same by hand with the docker CLI, the way bench/push-to-live does it:
`docker build` with the same template Dockerfile, a hardened `docker run` with the same memory and CPU, and polling the
container until it answers. Platform and by-hand rounds alternate. The ratio is what the platform adds: git transport,
the pre-receive hook, bookkeeping, the readiness check, the route switch and the gateway hop."""
import os
import shutil
import time

from .platform import App
from .util import median, note, now, run as sh, say, wait_for_text

TEMPLATES = ["static", "node", "python"]
TARGETS = {"static": 0.3, "node": 1.3, "python": 1.3}  # seconds, warm


def run(ctx):
    p = ctx.platform
    p.make_team("push", 3, 256, 0.5)  # the default quota: what a new team gets
    results = {}
    for template in TEMPLATES:
        project = f"push-{template}"
        p.make_project("push", project)
        app = App(os.path.join(ctx.work, "apps", project), template)
        hand = ByHand(ctx, template)
        timings = {"platform": [], "by hand": []}
        say(f"push: {template}, first push then {ctx.warm} one-line changes, each also by hand")
        for round_ in range(ctx.warm + 1):
            marker = f"{template}-{round_}-{time.time_ns()}"
            app.write(marker)
            took, err = p.push_until_live("push", project, app.folder, marker)
            if took is None:
                raise RuntimeError(f"push of {project} failed or did not show up:\n{err}")
            timings["platform"].append(took)
            timings["by hand"].append(hand.deploy(app.folder, marker))
            kind = "cold" if round_ == 0 else "warm"
            note(f"{template} {kind}: platform {timings['platform'][-1]:.2f} s, by hand {timings['by hand'][-1]:.2f} s")
        hand.remove()
        results[template] = {
            "cold": timings["platform"][0], "cold_by_hand": timings["by hand"][0],
            "warm": median(timings["platform"][1:]), "warm_by_hand": median(timings["by hand"][1:]),
            "all": timings["platform"], "all_by_hand": timings["by hand"], "target_s": TARGETS[template]}
    return {"warm_changes": ctx.warm, "templates": results}


class ByHand:
    """docker build + docker run + poll, with the template's own Dockerfile and the same limits as the platform's."""

    def __init__(self, ctx, template):
        self.ctx, self.template = ctx, template
        self.image = f"jl-{ctx.instance}-byhand-{template}"
        self.dockerfile = os.path.join(ctx.repo, "sandbox-images", "templates", f"{template}.Dockerfile")
        self.container = None
        ctx.on_exit(self.remove)

    def deploy(self, folder, platform_marker):
        # The build context is the commit's files, as the platform builds them (copied before the clock starts), with a
        # marker of its own so that polling cannot mistake the platform's version for this one.
        context = os.path.join(self.ctx.work, "by-hand", self.template)
        sh("rm", "-rf", context)
        os.makedirs(context)
        marker = platform_marker + "-by-hand"
        copy_files(folder, context, platform_marker, marker)
        # The template's Dockerfile goes where the platform puts it: inside the context, as .jugendlab/Dockerfile
        # (the templates copy it along with the package lists, so their install layer never depends on a missing file).
        os.makedirs(os.path.join(context, ".jugendlab"))
        shutil.copyfile(self.dockerfile, os.path.join(context, ".jugendlab", "Dockerfile"))
        t0 = now()
        sh("docker", "build", "-q", "-f", os.path.join(context, ".jugendlab", "Dockerfile"), "--build-arg", f"NPM_CONFIG_REGISTRY={self.ctx.npm_registry}",
           "-t", self.image, context, env=dict(os.environ, DOCKER_BUILDKIT="0"))
        old = self.container
        self.container = sh("docker", "run", "-d", "--label", f"jugendlab.bench-run={self.ctx.instance}",
                            "--network", "bridge", "--read-only", "--tmpfs", "/tmp", "--user", "10001:10001",
                            "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--memory", "256m",
                            "--cpus", "0.5", "-e", "PORT=8080", self.image)
        ip = sh("docker", "inspect", "-f", "{{.NetworkSettings.IPAddress}}", self.container)
        seen = wait_for_text((ip, 8080), marker)
        if old:  # like the platform: the old version goes once the new one answers (not timed)
            sh("docker", "rm", "-f", old, check=False)
        return seen - t0

    def remove(self):
        if self.container:
            sh("docker", "rm", "-f", self.container, check=False)
            self.container = None
        sh("docker", "rmi", "-f", self.image, check=False)


def copy_files(folder, context, old, new):
    """The app's committed files, with the text `old` replaced by `new`."""
    for name in sh("git", "-C", folder, "ls-files").split():
        with open(os.path.join(folder, name)) as f:
            text = f.read()
        with open(os.path.join(context, name), "w") as f:
            f.write(text.replace(old, new))
