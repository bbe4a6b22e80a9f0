// The page banner for scripts that draw records after the page loaded (the map, the movement pages).
// The rule is the server's (peacekeeper/access/marking.py: the combined marking of every label shown): a
// script tells show() the markings of all the labels on screen, and a moment after the last change the
// banner asks GET /api/access/banner to combine them. Until the answer arrives it keeps what it says, so it
// never drops below what was on screen before; answers are remembered, so showing a layer again asks nothing.
// body[data-banner] is "pending" while a question is open, then "ready"; "error" when no answer came: the
// banner then says the marking is unknown, in the highest level's colour, until an answer arrives.
const DELAY_MS = 150;
const RETRY_MS = 5000;
const UNMARKED = "NO RECORDS SHOWN · NOT MARKED";
const UNKNOWN = { marking: "MARKING UNKNOWN · HANDLE AS THE HIGHEST ON SCREEN", css_class: "banner-nato-secret" };

function distinct(markings) {
  return Array.from(new Set(markings.filter(Boolean))).sort();
}

export class Banner {
  // api: the API's root ("/api/"); shown: the markings the banner the server rendered covers.
  constructor(api, shown) {
    this.api = api;
    this.wanted = JSON.stringify(distinct(shown || []));
    this.answers = {};
    this.timer = null;
    this.elements = document.querySelectorAll("[data-testid=banner-top], [data-testid=banner-bottom]");
  }

  // markings: every label's marking on screen now (repeats and empty values are ignored).
  show(markings) {
    const wanted = distinct(markings);
    const key = JSON.stringify(wanted);
    if (key === this.wanted) return;
    this.wanted = key;
    clearTimeout(this.timer);
    if (!wanted.length) {
      this.paint({ marking: null, css_class: "banner-none" });
    } else if (Object.prototype.hasOwnProperty.call(this.answers, key)) {
      this.paint(this.answers[key]);
    } else {
      this.later(key, wanted, DELAY_MS);
    }
  }

  later(key, wanted, ms) {
    document.body.dataset.banner = "pending";
    this.timer = setTimeout(() => this.ask(key, wanted), ms);
  }

  ask(key, wanted) {
    const query = wanted.map((marking) => "marking=" + encodeURIComponent(marking)).join("&");
    fetch(this.api + "access/banner?" + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) {
          const error = new Error("banner: HTTP " + response.status);
          error.retry = response.status >= 500;
          throw error;
        }
        return response.json();
      })
      .then((answer) => {
        this.answers[key] = answer;
        if (key === this.wanted) this.paint(answer);
      }, (error) => {
        if (key !== this.wanted) return;
        // Never keep an older, possibly lower banner over records it may not cover.
        this.paint(UNKNOWN);
        // The server refused these markings (422): asking again will not help. Otherwise try again later.
        if (error.retry !== false) this.later(key, wanted, RETRY_MS);
        document.body.dataset.banner = "error";
      });
  }

  paint(answer) {
    const text = answer.marking || UNMARKED;
    this.elements.forEach((element) => {
      element.textContent = text;
      element.className = element.className.replace(/\bbanner-(?!bottom\b)[a-z-]+/g, "").trim() + " " + answer.css_class;
    });
    document.body.dataset.marking = answer.marking || "";
    document.body.dataset.banner = "ready";
  }
}
