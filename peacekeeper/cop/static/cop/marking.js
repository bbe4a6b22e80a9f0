// The map's banner: the combined marking of every label on screen, derived layers included, never below
// what the server rendered. Every body the map reads lists the markings of the labels behind it
// (`markings`); the banner gathers those of the sources on screen and has the server combine them
// (access/static/access/banner.js). The script never parses, orders or combines a marking itself.
(function () {
  "use strict";
  var COP = window.COP;

  // The markings of the labels behind a body; none when it holds no releasable record.
  COP.markingsOf = function (body) {
    return (body && body.markings) || [];
  };

  // initial: the markings of the banner the server rendered; visible(name) says if a source is on
  // screen now. sources: name -> the markings of what that source draws.
  COP.Banner = function (api, initial, visible) {
    this.banner = new window.Peacekeeper.Banner(api, initial);
    this.initial = initial;
    this.visible = visible;
    this.sources = {};
  };

  COP.Banner.prototype.set = function (source, markings) {
    this.sources[source] = markings || [];
    this.update();
  };

  COP.Banner.prototype.update = function () {
    var self = this;
    var shown = this.initial.slice();
    Object.keys(this.sources).forEach(function (name) {
      if (self.visible(name)) shown = shown.concat(self.sources[name]);
    });
    this.banner.show(shown);
  };
})();
