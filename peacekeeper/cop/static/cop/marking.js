// The banner: the highest marking among what the map shows, derived layers included, never below what
// the server rendered. Every body the map reads gives its highest marking with `marking_rank`, its place
// in the order of peacekeeper/access/marking.py: the script compares ranks and never parses a marking.
(function () {
  "use strict";
  var COP = window.COP;
  // Only for the banner's colour, as banner_css_class does.
  var LEVELS = ["PUBLIC", "NATO UNCLASSIFIED", "NATO RESTRICTED", "NATO CONFIDENTIAL", "NATO SECRET"];

  // { marking, rank } of a body or a feature's properties; null when it holds no releasable record.
  COP.markingOf = function (body) {
    return body && body.marking ? { marking: body.marking, rank: body.marking_rank } : null;
  };

  // A marking that came without a rank counts as the highest: a banner may over-state, never under-state.
  function rankOf(item) {
    return Number.isFinite(item.rank) ? item.rank : Infinity;
  }

  // The highest of { marking, rank } items (nulls skipped); the first of equals, as Python's max().
  COP.highestMarking = function (items) {
    var best = null;
    items.forEach(function (item) {
      if (!item || !item.marking) return;
      if (best === null || rankOf(item) > rankOf(best)) best = item;
    });
    return best;
  };

  COP.bannerClass = function (marking) {
    for (var i = LEVELS.length - 1; marking && i >= 0; i -= 1) {
      if (marking.indexOf(LEVELS[i]) === 0) return "banner-" + LEVELS[i].toLowerCase().replace(/ /g, "-");
    }
    return "banner-none";
  };

  // sources: name -> the highest { marking, rank } of what that source draws; visible(name) says if
  // the source is on screen now.
  COP.Banner = function (initial, visible) {
    this.initial = initial && initial.marking ? initial : null;
    this.visible = visible;
    this.sources = {};
    this.elements = document.querySelectorAll("[data-testid=banner-top], [data-testid=banner-bottom]");
  };

  COP.Banner.prototype.set = function (source, item) {
    this.sources[source] = item || null;
    this.update();
  };

  COP.Banner.prototype.update = function () {
    var self = this;
    var shown = Object.keys(this.sources).filter(function (name) { return self.visible(name); })
      .map(function (name) { return self.sources[name]; });
    var highest = COP.highestMarking([this.initial].concat(shown));
    if (!highest) return;
    var css = COP.bannerClass(highest.marking);
    this.elements.forEach(function (banner) {
      banner.textContent = highest.marking;
      banner.className = banner.className.replace(/\bbanner-(?!bottom\b)[a-z-]+/g, "").trim() + " " + css;
    });
    document.body.dataset.marking = highest.marking;
    document.body.dataset.markingRank = String(highest.rank);
  };
})();
