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
