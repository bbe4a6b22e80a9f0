// The time window (24 h, 7 d, 30 d or custom) and the replay: a cursor stepping through the window,
// the events layer showing what happened up to it. Each step asks the server for since→cursor.
import { dtg } from "../theatre/dtg.js";
import { iso } from "./dom.js";

const MINUTE = 60000, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
const PRESETS = {
  "24h": { span: DAY, step: 15 * MINUTE, label: "24 h" },
  "7d": { span: 7 * DAY, step: HOUR, label: "7 d" },
  "30d": { span: 30 * DAY, step: 6 * HOUR, label: "30 d" }
};

// "Now" to the next whole minute: a refresh within the minute asks for the same URL.
function nowRounded() { return new Date(Math.ceil(Date.now() / MINUTE) * MINUTE); }

// <input type=datetime-local> holds no zone: this page reads and writes it as UTC.
function toInput(date) { return iso(date).slice(0, 16); }
function fromInput(value) { const d = new Date(value + ":00Z"); return isNaN(d.getTime()) ? null : d; }

export class Timebar {
  constructor(root, handlers) {
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

    this.radios.forEach((radio) => {
      radio.addEventListener("change", () => {
        if (!radio.checked) return;
        if (radio.value === "custom") {
          this.customForm.hidden = false;
          this.sinceInput.value = toInput(this.since);
          this.untilInput.value = toInput(this.until);
          this.sinceInput.focus();
        } else {
          this.setWindow(radio.value);
        }
      });
    });
    this.customForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const since = fromInput(this.sinceInput.value), until = fromInput(this.untilInput.value);
      if (!since || !until || since >= until) { handlers.status("The window needs a start before its end.", true); return; }
      this.setWindow("custom", since, until);
    });
    this.playButton.addEventListener("click", () => { this.toggle(); });
    this.slider.addEventListener("input", () => { this.pause(); this.moveTo(parseInt(this.slider.value, 10)).catch(() => {}); });
  }

  atEnd() { return this.index >= this.steps; }

  cursor() {
    return this.atEnd() ? this.until : new Date(this.since.getTime() + this.index * this.step);
  }

  // Sets the window and puts the cursor at its end; tells the page unless quiet.
  setWindow(preset, since, until, quiet) {
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
    this.radios.forEach((radio) => { radio.checked = radio.value === preset; });
    this.customForm.hidden = preset !== "custom";
    if (preset === "custom") {
      this.sinceInput.value = toInput(this.since);
      this.untilInput.value = toInput(this.until);
    }
    this.slider.max = String(this.steps);
    this.slider.value = String(this.index);
    this.showLabel();
    if (!quiet) this.handlers.onWindow();
  }

  // A preset window follows the clock; true if it moved.
  slide() {
    if (this.preset === "custom" || this.playing || !this.atEnd()) return false;
    const until = nowRounded();
    if (until.getTime() === this.until.getTime()) return false;
    this.setWindow(this.preset, null, null, true);
    return true;
  }

  showLabel() {
    const text = this.atEnd()
      ? "All of the window: " + dtg(this.since) + " – " + dtg(this.until)
      : "Replay: up to " + dtg(this.cursor()) + " (from " + dtg(this.since) + ")";
    this.label.textContent = text;
    this.slider.setAttribute("aria-valuetext", text);
    this.root.dataset.cursor = iso(this.cursor());
  }

  moveTo(index) {
    this.index = Math.max(0, Math.min(this.steps, index));
    this.slider.value = String(this.index);
    this.showLabel();
    return this.handlers.onCursor();
  }

  stepBy(delta) {
    this.pause();
    return this.moveTo(this.index + delta);
  }

  toggle() { if (this.playing) this.pause(); else this.play(); }

  play() {
    if (this.atEnd()) this.index = 0;
    this.playing = true;
    this.playButton.textContent = "❚❚ Pause";
    this.playButton.setAttribute("aria-pressed", "true");
    this.root.classList.add("playing");
    this.tick();
  }

  pause() {
    this.playing = false;
    clearTimeout(this.timer);
    this.playButton.textContent = "▶ Play";
    this.playButton.setAttribute("aria-pressed", "false");
    this.root.classList.remove("playing");
  }

  // One step, then the next once it is drawn: a slow server slows the replay instead of piling up requests.
  tick() {
    if (!this.playing) return;
    const started = Date.now();
    this.moveTo(this.index + 1).then(() => {
      if (!this.playing) return;
      if (this.atEnd()) { this.pause(); return; }
      const wait = Math.max(0, 1000 / parseInt(this.speed.value, 10) - (Date.now() - started));
      this.timer = setTimeout(() => { this.tick(); }, wait);
    }, () => { this.pause(); });
  }
}
