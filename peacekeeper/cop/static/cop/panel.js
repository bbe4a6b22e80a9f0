// The layer panel: a checkbox per layer (Tab, Space, or the digit keys 1–7), its count, its state
// while loading, and the legend under it.
export class LayerPanel {
  constructor(root, onToggle) {
    this.root = root;
    this.items = {};
    root.querySelectorAll("li.layer").forEach((item) => {
      const name = item.dataset.layer;
      const box = item.querySelector("input[type=checkbox]");
      this.items[name] = { item, box, count: item.querySelector("[data-count]"), state: item.querySelector("[data-state]") };
      box.addEventListener("change", () => { item.classList.toggle("off", !box.checked); onToggle(name, box.checked); });
    });
  }

  names() { return Object.keys(this.items); }

  visible(name) {
    return Boolean(this.items[name] && this.items[name].box.checked);
  }

  shown() {
    return this.names().filter((name) => this.visible(name));
  }

  setVisible(name, on) {
    const entry = this.items[name];
    if (!entry) return;
    entry.box.checked = on;
    entry.item.classList.toggle("off", !on);
  }

  // Digit key n toggles the n-th layer, as if its checkbox were clicked.
  toggleNth(n) {
    const name = this.names()[n - 1];
    if (name) this.items[name].box.click();
  }

  setCount(name, text) {
    if (this.items[name]) this.items[name].count.textContent = text === null ? "" : "(" + text + ")";
  }

  setState(name, state) {
    const entry = this.items[name];
    if (!entry) return;
    entry.item.dataset.state = state;
    entry.state.textContent = state === "loading" ? " loading…" : state === "error" ? " not available" : "";
  }

  setSource(key, text) {
    this.root.querySelectorAll("[data-source=" + key + "]").forEach((node) => {
      node.textContent = text ? "Source: " + text : "";
    });
  }
}
