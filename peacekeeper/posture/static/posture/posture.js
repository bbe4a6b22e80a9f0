// Show progress while the optimiser runs (the page posts and waits for the solver), and keep one click.
const form = document.getElementById("run-form");
if (form) {
  form.addEventListener("submit", () => {
    document.getElementById("run-progress").hidden = false;
    for (const button of form.querySelectorAll("button")) button.disabled = true;
    const run = document.createElement("input");
    Object.assign(run, { type: "hidden", name: "run", value: "1" });
    form.append(run);
  });
}
