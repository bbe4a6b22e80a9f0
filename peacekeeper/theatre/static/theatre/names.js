// A place name as it follows what happened there, as the server writes it (peacekeeper/theatre/names.py,
// at_place): "Demonstration" + "at Pristina", or the name as it is when it says where already ("near
// Pristina", "north of the Ibar", "2.1 km NE of Vushtrri"); "" when there is no name.
// theatre/tests/test_place_in_a_sentence_in_browser.py holds the two together.

// Words and compass points in any case; the compass letters (NE, S) in capitals only, as the server's
// pattern reads them: "s of" in lower case is no direction.
const PREPOSITION = /^(?:near|at|on|in|by|between|outside|inside|along|across|towards?|around|off|beyond|behind|opposite|close to|next to)\s/i;
const DISTANCE = String.raw`(?:\d+(?:[.,]\d+)?\s?[kK]?[mM]\s+)?`;
const COMPASS_WORD = new RegExp("^" + DISTANCE + String.raw`(?:(?:north|south)(?:-?(?:east|west))?|east|west)\s+of\s`, "i");
const COMPASS_LETTERS = new RegExp("^" + DISTANCE + String.raw`(?:[NS]?[EW]|[NS])\s+[oO][fF]\s`);

export function atPlace(name) {
  const trimmed = (name || "").trim();
  if (!trimmed) return "";
  const saysWhere = PREPOSITION.test(trimmed) || COMPASS_WORD.test(trimmed) || COMPASS_LETTERS.test(trimmed);
  return saysWhere ? trimmed : "at " + trimmed;
}
