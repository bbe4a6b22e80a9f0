// The action form's due DTG: what it will be read as is said under the field as it is typed (a shorthand
// with its assumption), as the report form does, so the full DTG is seen before saving; the server reads
// the same text alike (theatre/dtg.py read_dtg, theatre/static/theatre/dtg.js readDtg).
import { readDtg } from "../theatre/dtg.js";

for (const form of document.querySelectorAll("[data-testid='action-form']")) {
  const due = form.querySelector("input[name='due']");
  const echo = form.querySelector("[data-dtg-echo]");
  if (!due || !echo) continue;
  const say = () => {
    const text = due.value.trim();
    if (!text || text.toLowerCase() === "now") { echo.textContent = ""; return; }
    const read = readDtg(text);
    if (read.error && /^[0-9]{0,5}$/.test(text.replace(/\s+/g, ""))) { echo.textContent = ""; return; }
    echo.textContent = read.error || read.echo;
    echo.classList.toggle("error", Boolean(read.error));
  };
  due.addEventListener("input", say);
  say();
}
