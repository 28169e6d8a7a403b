// Imports the iCalendar files named on the command line one after the
// other into one store with ical.js, as a calendar application that
// subscribes to them does: an event replaces the stored one of its UID when
// its SEQUENCE is higher (or equal with a later DTSTAMP), and a cancelled
// one removes it. Prints the stored events as JSON, sorted by UID.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const store = new Map();
for (const file of process.argv.slice(2)) {
  const cal = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const c of cal.getAllSubcomponents("vevent")) {
    const e = new ICAL.Event(c);
    const ev = {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toString(),
      sequence: e.sequence || 0,
      stamp: c.getFirstPropertyValue("dtstamp").toString(),
      cancelled: c.getFirstPropertyValue("status") === "CANCELLED",
    };
    const had = store.get(ev.uid);
    if (had && (ev.sequence < had.sequence || (ev.sequence === had.sequence && ev.stamp <= had.stamp))) continue;
    store.set(ev.uid, ev);
  }
}
const out = [...store.values()].filter((e) => !e.cancelled).sort((a, b) => (a.uid < b.uid ? -1 : 1));
process.stdout.write(JSON.stringify(out.map(({ cancelled, stamp, ...e }) => e)));
