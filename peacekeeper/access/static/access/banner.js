// The page banner for scripts that draw records after the page loaded (the map, the movement pages).
// The rule is the server's (peacekeeper/access/marking.py: the combined marking of every label shown): a
// script tells show() the markings of all the labels on screen, and a moment after the last change the
// banner asks GET /api/access/banner to combine them. Until the answer arrives it keeps what it says, so it
// never drops below what was on screen before; answers are remembered, so showing a layer again asks nothing.
// body[data-banner] is "pending" while a question is open, then "ready"; "error" when no answer came: the
// banner then says the marking is unknown, in the highest level's colour, until an answer arrives.
(function () {
  "use strict";
  var DELAY_MS = 150;
  var RETRY_MS = 5000;
  var UNMARKED = "NO RECORDS SHOWN · NOT MARKED";
  var UNKNOWN = { marking: "MARKING UNKNOWN · HANDLE AS THE HIGHEST ON SCREEN", css_class: "banner-nato-secret" };

  function distinct(markings) {
    return Array.from(new Set(markings.filter(Boolean))).sort();
  }

  // api: the API's root ("/api/"); shown: the markings the banner the server rendered covers.
  function Banner(api, shown) {
    this.api = api;
    this.wanted = JSON.stringify(distinct(shown || []));
    this.answers = {};
    this.timer = null;
    this.elements = document.querySelectorAll("[data-testid=banner-top], [data-testid=banner-bottom]");
  }

  // markings: every label's marking on screen now (repeats and empty values are ignored).
  Banner.prototype.show = function (markings) {
    var wanted = distinct(markings);
    var key = JSON.stringify(wanted);
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
  };

  Banner.prototype.later = function (key, wanted, ms) {
    var self = this;
    document.body.dataset.banner = "pending";
    this.timer = setTimeout(function () { self.ask(key, wanted); }, ms);
  };

  Banner.prototype.ask = function (key, wanted) {
    var self = this;
    var query = wanted.map(function (marking) { return "marking=" + encodeURIComponent(marking); }).join("&");
    fetch(this.api + "access/banner?" + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          var error = new Error("banner: HTTP " + response.status);
          error.retry = response.status >= 500;
          throw error;
        }
        return response.json();
      })
      .then(function (answer) {
        self.answers[key] = answer;
        if (key === self.wanted) self.paint(answer);
      }, function (error) {
        if (key !== self.wanted) return;
        // Never keep an older, possibly lower banner over records it may not cover.
        self.paint(UNKNOWN);
        // The server refused these markings (422): asking again will not help. Otherwise try again later.
        if (error.retry !== false) self.later(key, wanted, RETRY_MS);
        document.body.dataset.banner = "error";
      });
  };

  Banner.prototype.paint = function (answer) {
    var text = answer.marking || UNMARKED;
    this.elements.forEach(function (element) {
      element.textContent = text;
      element.className = element.className.replace(/\bbanner-(?!bottom\b)[a-z-]+/g, "").trim() + " " + answer.css_class;
    });
    document.body.dataset.marking = answer.marking || "";
    document.body.dataset.banner = "ready";
  };

  window.Peacekeeper = window.Peacekeeper || {};
  window.Peacekeeper.Banner = Banner;
})();
