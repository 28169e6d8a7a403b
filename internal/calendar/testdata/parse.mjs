// Reads the iCalendar file named on the command line with ical.js and prints
// its events as JSON, for internal/calendar's tests.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const cal = new ICAL.Component(ICAL.parse(text));
const out = {
  prodid: cal.getFirstPropertyValue("prodid"),
  version: cal.getFirstPropertyValue("version"),
  name: cal.getFirstPropertyValue("x-wr-calname"),
  events: cal.getAllSubcomponents("vevent").map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      start: e.startDate.toString(),
      end: e.endDate.toString(),
      allDay: e.startDate.isDate,
      stamp: c.getFirstPropertyValue("dtstamp").toString(),
    };
  }),
};
process.stdout.write(JSON.stringify(out));
