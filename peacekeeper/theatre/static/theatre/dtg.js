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
