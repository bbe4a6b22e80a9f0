// The map's banner: the combined marking of every label on screen, derived layers included, never below
// what the server rendered. Every body the map reads lists the markings of the labels behind it
// (`markings`); the banner gathers those of the sources on screen and has the server combine them
// (access/static/access/banner.js). The script never parses, orders or combines a marking itself.
import { Banner } from "../access/banner.js";

// The markings of the labels behind a body; none when it holds no releasable record.
export function markingsOf(body) {
  return (body && body.markings) || [];
}

// initial: the markings of the banner the server rendered; visible(name) says if a source is on
// screen now. sources: name -> the markings of what that source draws.
export class MapBanner {
  constructor(api, initial, visible) {
    this.banner = new Banner(api, initial);
    this.initial = initial;
    this.visible = visible;
    this.sources = {};
  }

  set(source, markings) {
    this.sources[source] = markings || [];
    this.update();
  }

  update() {
    let shown = this.initial.slice();
    for (const name of Object.keys(this.sources)) {
      if (this.visible(name)) shown = shown.concat(this.sources[name]);
    }
    this.banner.show(shown);
  }
}
