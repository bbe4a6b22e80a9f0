// The layer panel: a checkbox per layer (Tab, Space, or the digit keys 1–7), its count, its state
// while loading, and the legend under it.
(function () {
  "use strict";
  var COP = window.COP;

  COP.LayerPanel = function (root, onToggle) {
    var self = this;
    this.root = root;
    this.items = {};
    root.querySelectorAll("li.layer").forEach(function (item) {
      var name = item.dataset.layer;
      var box = item.querySelector("input[type=checkbox]");
      self.items[name] = { item: item, box: box, count: item.querySelector("[data-count]"), state: item.querySelector("[data-state]") };
      box.addEventListener("change", function () { item.classList.toggle("off", !box.checked); onToggle(name, box.checked); });
    });
  };

  COP.LayerPanel.prototype.names = function () { return Object.keys(this.items); };

  COP.LayerPanel.prototype.visible = function (name) {
    return Boolean(this.items[name] && this.items[name].box.checked);
  };

  COP.LayerPanel.prototype.shown = function () {
    var self = this;
    return this.names().filter(function (name) { return self.visible(name); });
  };

  COP.LayerPanel.prototype.setVisible = function (name, on) {
    var entry = this.items[name];
    if (!entry) return;
    entry.box.checked = on;
    entry.item.classList.toggle("off", !on);
  };

  // Digit key n toggles the n-th layer, as if its checkbox were clicked.
  COP.LayerPanel.prototype.toggleNth = function (n) {
    var name = this.names()[n - 1];
    if (name) this.items[name].box.click();
  };

  COP.LayerPanel.prototype.setCount = function (name, text) {
    if (this.items[name]) this.items[name].count.textContent = text === null ? "" : "(" + text + ")";
  };

  COP.LayerPanel.prototype.setState = function (name, state) {
    var entry = this.items[name];
    if (!entry) return;
    entry.item.dataset.state = state;
    entry.state.textContent = state === "loading" ? " loading…" : state === "error" ? " not available" : "";
  };

  COP.LayerPanel.prototype.setSource = function (key, text) {
    this.root.querySelectorAll("[data-source=" + key + "]").forEach(function (node) {
      node.textContent = text ? "Source: " + text : "";
    });
  };
})();
