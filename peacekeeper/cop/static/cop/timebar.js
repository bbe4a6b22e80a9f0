// The time window (24 h, 7 d, 30 d or custom) and the replay: a cursor stepping through the window,
// the events layer showing what happened up to it. Each step asks the server for since→cursor.
(function () {
  "use strict";
  var COP = window.COP;
  var dtg = window.Peacekeeper.dtg;
  var MINUTE = 60000, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
  var PRESETS = {
    "24h": { span: DAY, step: 15 * MINUTE, label: "24 h" },
    "7d": { span: 7 * DAY, step: HOUR, label: "7 d" },
    "30d": { span: 30 * DAY, step: 6 * HOUR, label: "30 d" }
  };

  // "Now" to the next whole minute: a refresh within the minute asks for the same URL.
  function nowRounded() { return new Date(Math.ceil(Date.now() / MINUTE) * MINUTE); }

  // <input type=datetime-local> holds no zone: this page reads and writes it as UTC.
  function toInput(date) { return COP.iso(date).slice(0, 16); }
  function fromInput(value) { var d = new Date(value + ":00Z"); return isNaN(d.getTime()) ? null : d; }

  COP.Timebar = function (root, handlers) {
    var self = this;
    this.handlers = handlers;
    this.radios = root.querySelectorAll("input[name=window]");
    this.customForm = root.querySelector("#custom-window");
    this.sinceInput = root.querySelector("#window-since");
    this.untilInput = root.querySelector("#window-until");
    this.playButton = root.querySelector("#play");
    this.speed = root.querySelector("#speed");
    this.slider = root.querySelector("#cursor");
    this.label = root.querySelector("#cursor-label");
    this.root = root;
    this.playing = false;
    this.timer = null;

    this.radios.forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (!radio.checked) return;
        if (radio.value === "custom") {
          self.customForm.hidden = false;
          self.sinceInput.value = toInput(self.since);
          self.untilInput.value = toInput(self.until);
          self.sinceInput.focus();
        } else {
          self.setWindow(radio.value);
        }
      });
    });
    this.customForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var since = fromInput(self.sinceInput.value), until = fromInput(self.untilInput.value);
      if (!since || !until || since >= until) { handlers.status("The window needs a start before its end.", true); return; }
      self.setWindow("custom", since, until);
    });
    this.playButton.addEventListener("click", function () { self.toggle(); });
    this.slider.addEventListener("input", function () { self.pause(); self.moveTo(parseInt(self.slider.value, 10)).catch(function () {}); });
  };

  COP.Timebar.prototype.atEnd = function () { return this.index >= this.steps; };

  COP.Timebar.prototype.cursor = function () {
    return this.atEnd() ? this.until : new Date(this.since.getTime() + this.index * this.step);
  };

  // Sets the window and puts the cursor at its end; tells the page unless quiet.
  COP.Timebar.prototype.setWindow = function (preset, since, until, quiet) {
    this.pause();
    if (preset === "custom") {
      this.since = since;
      this.until = until;
      this.step = Math.max(MINUTE, Math.round((until - since) / 100 / MINUTE) * MINUTE);
    } else {
      this.until = nowRounded();
      this.since = new Date(this.until.getTime() - PRESETS[preset].span);
      this.step = PRESETS[preset].step;
    }
    this.preset = preset;
    this.steps = Math.ceil((this.until - this.since) / this.step);
    this.index = this.steps;
    this.radios.forEach(function (radio) { radio.checked = radio.value === preset; });
    this.customForm.hidden = preset !== "custom";
    if (preset === "custom") {
      this.sinceInput.value = toInput(this.since);
      this.untilInput.value = toInput(this.until);
    }
    this.slider.max = String(this.steps);
    this.slider.value = String(this.index);
    this.showLabel();
    if (!quiet) this.handlers.onWindow();
  };

  // A preset window follows the clock; true if it moved.
  COP.Timebar.prototype.slide = function () {
    if (this.preset === "custom" || this.playing || !this.atEnd()) return false;
    var until = nowRounded();
    if (until.getTime() === this.until.getTime()) return false;
    this.setWindow(this.preset, null, null, true);
    return true;
  };

  COP.Timebar.prototype.showLabel = function () {
    var text = this.atEnd()
      ? "All of the window: " + dtg(this.since) + " – " + dtg(this.until)
      : "Replay: up to " + dtg(this.cursor()) + " (from " + dtg(this.since) + ")";
    this.label.textContent = text;
    this.slider.setAttribute("aria-valuetext", text);
    this.root.dataset.cursor = COP.iso(this.cursor());
  };

  COP.Timebar.prototype.moveTo = function (index) {
    this.index = Math.max(0, Math.min(this.steps, index));
    this.slider.value = String(this.index);
    this.showLabel();
    return this.handlers.onCursor();
  };

  COP.Timebar.prototype.stepBy = function (delta) {
    this.pause();
    return this.moveTo(this.index + delta);
  };

  COP.Timebar.prototype.toggle = function () { if (this.playing) this.pause(); else this.play(); };

  COP.Timebar.prototype.play = function () {
    if (this.atEnd()) this.index = 0;
    this.playing = true;
    this.playButton.textContent = "❚❚ Pause";
    this.playButton.setAttribute("aria-pressed", "true");
    this.root.classList.add("playing");
    this.tick();
  };

  COP.Timebar.prototype.pause = function () {
    this.playing = false;
    clearTimeout(this.timer);
    this.playButton.textContent = "▶ Play";
    this.playButton.setAttribute("aria-pressed", "false");
    this.root.classList.remove("playing");
  };

  // One step, then the next once it is drawn: a slow server slows the replay instead of piling up requests.
  COP.Timebar.prototype.tick = function () {
    var self = this;
    if (!this.playing) return;
    var started = Date.now();
    this.moveTo(this.index + 1).then(function () {
      if (!self.playing) return;
      if (self.atEnd()) { self.pause(); return; }
      var wait = Math.max(0, 1000 / parseInt(self.speed.value, 10) - (Date.now() - started));
      self.timer = setTimeout(function () { self.tick(); }, wait);
    }, function () { self.pause(); });
  };
})();
