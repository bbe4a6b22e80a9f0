// A moment written as a date-time group in UTC, to the letter as the server writes it
// (peacekeeper/theatre/dtg.py, format_dtg; docs/standards.md): 291430ZNOV26. The map's popups and timebar
// and the report form's "Now" use it, so a page never shows one moment in two ways.

// A fixed table, never the browser's locale, which would write e.g. "OKT"; the server's table too.
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

function two(number) { return String(number).padStart(2, "0"); }

// Seconds are dropped, not rounded, as a clock (and the server) shows them: 14:30:59 is 1430.
export function dtg(date) {
  return two(date.getUTCDate()) + two(date.getUTCHours()) + two(date.getUTCMinutes()) + "Z" +
    MONTHS[date.getUTCMonth()] + two(date.getUTCFullYear() % 100);
}

// --- reading: a full DTG or the shorthand watchkeepers type, as theatre/dtg.py's read_dtg reads it ----
// 060300Z: this month and year in that zone; 0300: today in the mission time zone (J); 0300B: today in
// zone B; 060300ZDEC26: as written. "Today" and "this month" are those of the zone named, at `now`.
// The answer is {moment, full, zulu, assumption, echo} or {error}; the server reads the same text alike
// (events/tests/test_shorthand_and_live_rows_in_browser.py holds the two together).

const FULL = /^([0-9]{2})([0-9]{2})([0-9]{2})([A-Z])([A-Z]{3})([0-9]{2})$/;
const SHORT_TIME = /^([0-9]{2})([0-9]{2})([A-Z]?)$/;
const SHORT_DAY = /^([0-9]{2})([0-9]{2})([0-9]{2})([A-Z])$/;
const EAST = "ABCDEFGHIKLM";
const WEST = "NOPQRSTUVWXY";

function offsetMinutes(letter) {
  if (letter === "Z") return 0;
  if (EAST.includes(letter)) return 60 * (EAST.indexOf(letter) + 1);
  return -60 * (WEST.indexOf(letter) + 1);
}

function letterFor(minutes) {
  for (const letter of "Z" + EAST + WEST) if (offsetMinutes(letter) === minutes) return letter;
  return null;
}

// The wall clock of an instant in an IANA zone: {year, month (1-12), day, hour, minute}.
function wallClock(ms, zone) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit",
  }).formatToParts(new Date(ms));
  const value = (type) => Number(parts.find((part) => part.type === type).value);
  return { year: value("year"), month: value("month"), day: value("day"), hour: value("hour"), minute: value("minute") };
}

function wallOf(ms, zone, letter) {
  if (letter === "J") return wallClock(ms, zone);
  const date = new Date(ms + offsetMinutes(letter) * 60000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(),
    hour: date.getUTCHours(), minute: date.getUTCMinutes() };
}

function sameWall(a, b) {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

function daysIn(year, month) { return new Date(Date.UTC(year, month, 0)).getUTCDate(); }

function dayMonthYear(wall) { return two(wall.day) + " " + MONTHS[wall.month - 1] + " " + wall.year; }

// A wall-clock time in the local zone as an instant: a time the clocks skip is refused, one that
// happens twice is the first (the earlier instant), as the server decides.
function localInstant(wall, zone) {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const found = new Set();
  for (const probe of [asUtc - 86400000, asUtc, asUtc + 86400000]) {
    const there = wallClock(probe, zone);
    const offset = Date.UTC(there.year, there.month - 1, there.day, there.hour, there.minute) - Math.floor(probe / 60000) * 60000;
    const candidate = asUtc - offset;
    if (sameWall(wallClock(candidate, zone), wall)) found.add(candidate);
  }
  return found.size ? Math.min(...found) : null;
}

function problemsOf(day, hour, minute, monthName, year) {
  const problems = [];
  const month = MONTHS.indexOf(monthName) + 1;
  if (!month) {
    problems.push("unknown month '" + monthName + "' (expected JAN..DEC)");
    if (day < 1 || day > 31) problems.push("day " + two(day) + " is out of range 01-31");
  } else if (day < 1 || day > daysIn(year, month)) {
    problems.push("day " + two(day) + " does not exist in " + monthName + " " + year);
  }
  if (hour > 23) problems.push("hour " + two(hour) + " is out of range 00-23");
  if (minute > 59) problems.push("minute " + two(minute) + " is out of range 00-59");
  return problems;
}

function readFull(compact, zone) {
  const [, dd, hh, mm, letter, monthName, yy] = FULL.exec(compact);
  const wall = { year: 2000 + Number(yy), month: MONTHS.indexOf(monthName) + 1, day: Number(dd), hour: Number(hh), minute: Number(mm) };
  const problems = problemsOf(wall.day, wall.hour, wall.minute, monthName, wall.year);
  if (problems.length) return { error: problems.join("; ") };
  if (letter === "J") {
    const ms = localInstant(wall, zone);
    if (ms === null) {
      return { error: "local time " + hh + ":" + mm + " on " + dayMonthYear(wall) + " does not exist in " + zone +
        ", because the clocks skip that hour for daylight saving time; write it in UTC (Z) or with a fixed zone letter" };
    }
    return { ms };
  }
  return { ms: Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - offsetMinutes(letter) * 60000 };
}

function answer(ms, full, assumption) {
  const zulu = dtg(new Date(ms));
  const echo = "read as " + full + (full === zulu ? "" : " (" + zulu + ")") + (assumption ? " — " + assumption : "");
  return { moment: new Date(ms), full, zulu, assumption, echo };
}

export function readDtg(text, { now = new Date(), zone = "Europe/Belgrade" } = {}) {
  const shown = text.trim();
  const compact = text.replace(/\s+/g, "").toUpperCase();
  if (FULL.test(compact)) {
    const read = readFull(compact, zone);
    return read.error ? { error: "DTG '" + shown + "': " + read.error } : answer(read.ms, compact, "");
  }
  const short = SHORT_DAY.exec(compact) || SHORT_TIME.exec(compact);
  if (!short) {
    if (/^[0-9]{6}$/.test(compact)) {
      return { error: "DTG '" + shown + "': a day and time need a zone letter, e.g. " + compact + "Z (UTC) or " + compact + "J (mission time)" };
    }
    return { error: "DTG '" + shown + "': expected DDHHMM + zone letter + month + year, e.g. 291430ZNOV26, or a shorthand: " +
      "0300 (today, mission time), 0300B (today, zone B) or 060300Z (this month)" };
  }
  const withDay = short.length === 5;
  const [dayText, hh, mm, given] = withDay ? short.slice(1) : [null, ...short.slice(1)];
  const letter = given || "J";
  const today = wallOf(now.getTime(), zone, letter);
  let assumption;
  if (withDay) {
    assumption = "this month and year (" + MONTHS[today.month - 1] + " " + today.year + ") assumed";
  } else {
    const where = letter === "J" ? "today in mission time (" + zone + ")" : letter === "Z" ? "today in UTC" : "today in zone " + letter;
    assumption = where + ", " + dayMonthYear(today) + ", assumed";
  }
  const expanded = (dayText || two(today.day)) + hh + mm + letter + MONTHS[today.month - 1] + two(today.year % 100);
  const read = readFull(expanded, zone);
  if (read.error) return { error: "DTG '" + shown + "' (read as " + expanded + ", " + assumption + "): " + read.error };
  let full = expanded;
  if (letter === "J") {
    const wall = wallClock(read.ms, zone);
    const minutes = (Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - read.ms) / 60000;
    const fixed = letterFor(minutes);
    if (fixed) {
      const there = wallOf(read.ms, zone, fixed);
      full = two(there.day) + two(there.hour) + two(there.minute) + fixed + MONTHS[there.month - 1] + two(there.year % 100);
    }
  }
  return answer(read.ms, full, assumption);
}
