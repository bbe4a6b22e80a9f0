// The banner: the highest marking among what the map shows, never below what the server rendered.
// Ordering as in peacekeeper/access/marking.py: level first; at one level, national-only, then the
// narrower REL TO list weighs more.
(function () {
  "use strict";
  var COP = window.COP;
  var LEVELS = ["PUBLIC", "NATO UNCLASSIFIED", "NATO RESTRICTED", "NATO CONFIDENTIAL", "NATO SECRET"];

  function level(marking) {
    for (var i = LEVELS.length - 1; i >= 0; i -= 1) {
      if (marking.indexOf(LEVELS[i]) === 0) return i;
    }
    return -1;
  }

  function weight(marking) {
    var nationalOnly = /\/\/\s*[A-Z]{3} ONLY\b/.test(marking) ? 1 : 0;
    var releasedTo = marking.indexOf("REL TO") >= 0 ? marking.split(",").length : 99;
    return [level(marking), nationalOnly, -releasedTo];
  }

  function heavier(a, b) {
    var wa = weight(a), wb = weight(b);
    for (var i = 0; i < wa.length; i += 1) {
      if (wa[i] !== wb[i]) return wa[i] > wb[i];
    }
    return false;
  }

  COP.highestMarking = function (markings) {
    var best = null;
    markings.forEach(function (marking) {
      if (typeof marking !== "string" || !marking) return;
      if (best === null || heavier(marking, best)) best = marking;
    });
    return best;
  };

  COP.bannerClass = function (marking) {
    var index = marking ? level(marking) : -1;
    return index < 0 ? "banner-none" : "banner-" + LEVELS[index].toLowerCase().replace(/ /g, "-");
  };

  // sources: layer name -> highest marking of what that layer draws; visible(name) says if it is shown.
  COP.Banner = function (initial, visible) {
    this.initial = initial || null;
    this.visible = visible;
    this.sources = {};
    this.elements = document.querySelectorAll("[data-testid=banner-top], [data-testid=banner-bottom]");
  };

  COP.Banner.prototype.set = function (source, marking) {
    this.sources[source] = marking || null;
    this.update();
  };

  COP.Banner.prototype.raise = function (source, marking) {
    this.set(source, COP.highestMarking([this.sources[source], marking]));
  };

  COP.Banner.prototype.update = function () {
    var self = this;
    var shown = Object.keys(this.sources).filter(function (name) { return self.visible(name); })
      .map(function (name) { return self.sources[name]; });
    var marking = COP.highestMarking([this.initial].concat(shown));
    if (!marking) return;
    var css = COP.bannerClass(marking);
    this.elements.forEach(function (banner) {
      banner.textContent = marking;
      banner.className = banner.className.replace(/\bbanner-(?!bottom\b)[a-z-]+/g, "").trim() + " " + css;
    });
    document.body.dataset.marking = marking;
  };
})();
