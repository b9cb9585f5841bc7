// JugendLab's one small script. Everything works without it; it only adds conveniences.
// Copy buttons: <button data-copy="id-of-input-or-pre" data-copied="Kopiert">.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  const value = source.value ?? source.textContent;
  try {
    await navigator.clipboard.writeText(value.trim());
  } catch {
    if (source.select) source.select(); // no clipboard access (plain HTTP): select it, so the phone's own copy works
    return;
  }
  const label = button.textContent;
  button.textContent = button.dataset.copied;
  setTimeout(() => { button.textContent = label; }, 2000);
});

// Live build log (Verlauf → Version): <section data-build-log="stream address" data-after="lines already shown">.
// Appends new lines to the <pre>, keeps the one role="status" line on the phase, never moves focus.
(() => {
  const box = document.querySelector("section[data-build-log]");
  if (!box || !window.EventSource) return;
  const pre = box.querySelector("pre");
  const status = box.querySelector("[data-build-log-status]");
  const pause = box.querySelector("[data-build-log-pause]");
  const text = box.dataset;
  let follow = true;
  const say = (words) => { if (status.textContent !== words) status.textContent = words; };
  const scroll = () => { if (follow) pre.scrollTop = pre.scrollHeight; };
  box.querySelector("[data-build-log-reload]").hidden = true;
  pause.hidden = false;
  pause.addEventListener("click", () => {
    follow = !follow;
    pause.textContent = follow ? text.textPause : text.textResume;
    scroll();
  });
  scroll();
  const url = new URL(text.buildLog, location.href);
  url.searchParams.set("after", text.after);
  // On a reconnect (network, phone asleep) EventSource sends Last-Event-ID: the server resumes after the last line.
  const source = new EventSource(url);
  source.addEventListener("line", (event) => {
    pre.append(event.data + "\n");
    scroll();
  });
  source.addEventListener("progress", (event) => {
    const progress = JSON.parse(event.data);
    say(progress.phase === "starting" ? text.textStarting : text.textBuilding);
  });
  source.addEventListener("end", (event) => {
    source.close();
    const end = JSON.parse(event.data);
    pause.hidden = true;
    if (end.succeeded) {
      say(text.textOnline);
      box.querySelector("[data-build-log-success]").hidden = false;
    } else if (end.status === "Failed") {
      const message = (end.error || "").split("\n")[0];
      say(text.textFailed.replace("{step}", end.step).replace("{message}", message));
      box.querySelector("[data-build-log-failure]").hidden = false;
    } else {
      say(text.textInterrupted);
    }
  });
})();

// Neues Projekt (and Remixen): checks the name as it is typed (<input data-name-check="url-of-the-check">) and shows the git address
// field only when "Von einer Git-Adresse holen" is chosen. Without JS the server checks on submit and the field stays.
(() => {
  const name = document.querySelector("input[data-name-check]");
  if (!name) return;
  const output = document.getElementById("name-check");
  let timer;
  let asked = 0;
  name.addEventListener("input", () => {
    clearTimeout(timer);
    const value = name.value.trim();
    if (!value) { output.textContent = ""; output.className = "name-check"; return; }
    timer = setTimeout(async () => {
      const mine = ++asked;
      output.textContent = name.dataset.checking;
      output.className = "name-check";
      try {
        const answer = await fetch(`${name.dataset.nameCheck}&name=${encodeURIComponent(value)}`, { credentials: "same-origin" });
        const check = await answer.json();
        if (mine !== asked) return; // a newer check is under way
        output.textContent = check.message;
        output.className = check.available ? "name-check name-free" : "name-check name-taken";
      } catch {
        output.textContent = ""; // the server checks again on submit
      }
    }, 350);
  });

  const gitField = document.querySelector("[data-git-field]");
  if (!gitField) return; // the remix page checks a name too, but fetches nothing from a git address
  const radios = document.querySelectorAll("input[name='Input.Starter']");
  const showGit = () => { gitField.hidden = document.querySelector("input[name='Input.Starter']:checked")?.value !== "git"; };
  radios.forEach((radio) => radio.addEventListener("change", showGit));
  showGit();
})();

// Logs tab: <div data-applog="stream address" data-applog-since="time of the last line shown">. New lines arrive over
// Server-Sent Events; after a lost connection the browser resumes by itself (Last-Event-ID). A phone may drop the connection
// while the tab is in the background: it resumes after the last line seen when the tab comes back.
(() => {
  const box = document.querySelector("[data-applog]");
  if (!box) return;
  const text = box.dataset;
  const pre = box.querySelector(".applog-lines");
  const status = box.querySelector(".applog-status");
  const empty = box.querySelector(".applog-empty");
  const pause = box.querySelector(".applog-pause");
  const maxLines = 2000; // keeps a page open for hours light
  let last = text.applogSince || "";
  let live = text.applogLive === "true";
  let follow = true;
  let source = null;
  let retry = 0;

  const say = (message) => { if (status.textContent !== message) status.textContent = message; };
  const scrollDown = () => { if (follow) pre.scrollTop = pre.scrollHeight; };
  const clock = (time) => new Date(time).toLocaleTimeString("de-CH", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

  function add(line) {
    const row = document.createElement("span");
    row.className = line.stream === "stderr" ? "log-line log-err" : "log-line";
    const time = document.createElement("time");
    time.dateTime = line.time;
    time.textContent = clock(line.time);
    row.append(time, " ");
    if (line.stream === "stderr") {
      const tag = document.createElement("span");
      tag.className = "log-tag";
      tag.textContent = text.stderr;
      row.append(tag, " ");
    }
    row.append(line.text, "\n");
    pre.append(row);
    while (pre.childElementCount > maxLines) pre.firstElementChild.remove();
    pre.hidden = false;
    empty.hidden = true;
  }

  function connect(since) {
    clearTimeout(retry);
    if (source) source.close();
    const url = new URL(text.applog, location.href);
    if (since) url.searchParams.set("since", since);
    source = new EventSource(url);
    source.onmessage = (event) => {
      const line = JSON.parse(event.data);
      last = event.lastEventId || line.time;
      if (!live) { live = true; say(text.textLive); }
      add(line);
      scrollDown();
    };
    source.addEventListener("end", (event) => {
      const reason = JSON.parse(event.data).end;
      source.close();
      source = null;
      if (reason === "new-version") {
        say(text.textNewVersion);
        const mark = document.createElement("span");
        mark.className = "log-mark";
        mark.textContent = "—— " + text.textNewVersion + " ——\n";
        pre.append(mark);
        last = "";         // the new version's lines start afresh (some are older than the old version's last)
        connect("");
      } else if (reason === "too-many") {
        say(text.textTooMany);
        retry = setTimeout(() => connect(last), 15000);
      } else {
        if (live) say(text.textStopped);
        live = false;
        retry = setTimeout(() => connect(last), 15000);
      }
    });
    source.onopen = () => { if (live) say(text.textLive); };
    source.onerror = () => {
      if (!source) return;
      say(text.textReconnecting);
      if (source.readyState === EventSource.CLOSED) retry = setTimeout(() => connect(last), 5000);
    };
  }

  pause.hidden = false;
  pause.addEventListener("click", () => {
    follow = !follow;
    pause.setAttribute("aria-pressed", String(!follow));
    pause.textContent = follow ? text.textPause : text.textResume;
    scrollDown();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && (!source || source.readyState === EventSource.CLOSED)) connect(last);
  });
  // The server wrote its own clock's times; show every line in this device's time, like the ones that come live.
  for (const time of pre.querySelectorAll("time[datetime]")) time.textContent = clock(time.dateTime);
  scrollDown();
  connect(last);
})();

// Print buttons (an invite card): <button data-print>. Without script, the browser's own print works the same.
document.addEventListener("click", (event) => {
  if (event.target.closest("button[data-print]")) window.print();
});
