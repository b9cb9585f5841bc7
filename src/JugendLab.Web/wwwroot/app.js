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

// Neues Projekt: checks the name as it is typed (<input data-name-check="url-of-the-check">) and shows the git address
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
  const radios = document.querySelectorAll("input[name='Input.Starter']");
  const showGit = () => { gitField.hidden = document.querySelector("input[name='Input.Starter']:checked")?.value !== "git"; };
  radios.forEach((radio) => radio.addEventListener("change", showGit));
  showGit();
})();
