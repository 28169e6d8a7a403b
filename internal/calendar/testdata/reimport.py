#!/usr/bin/env python3
"""Imports the iCalendar files named on the command line one after the other
into one store with Python's icalendar (Debian python3-icalendar), as a
calendar application that subscribes to them does: an event replaces the
stored one of its UID when its SEQUENCE is higher (or equal with a later
DTSTAMP), and a cancelled one removes it. Prints the stored events as JSON,
sorted by UID, in the shape reimport.mjs prints."""
import json
import sys

import icalendar

store = {}
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    for c in cal.walk("VEVENT"):
        ev = {
            "uid": str(c.get("uid")),
            "summary": str(c.get("summary")),
            "start": c.decoded("dtstart").isoformat(),
            "sequence": int(c.get("sequence", 0)),
            "stamp": c.decoded("dtstamp"),
            "cancelled": str(c.get("status", "")) == "CANCELLED",
        }
        had = store.get(ev["uid"])
        if had and (ev["sequence"] < had["sequence"] or (ev["sequence"] == had["sequence"] and ev["stamp"] <= had["stamp"])):
            continue
        store[ev["uid"]] = ev
out = [
    {"uid": e["uid"], "summary": e["summary"], "start": e["start"], "sequence": e["sequence"]}
    for e in sorted(store.values(), key=lambda e: e["uid"])
    if not e["cancelled"]
]
sys.stdout.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")))
