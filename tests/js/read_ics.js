/* Reads iCalendar files with ical.js (Mozilla's parser, pinned in package-lock.json), as a calendar
 * client that uses it would: `node tests/js/read_ics.js FROM TO file.ics...` prints, for each file, its
 * name and every event it has between FROM and TO (YYYY-MM-DD, both inclusive), each occurrence of a
 * recurring one expanded by ical.js itself: {uid, summary, day, allDay, alarms: [trigger]}.
 * A file ical.js cannot read makes it exit with the error. Used by tests/test_calendar.py. */
"use strict";

const fs = require("fs");
const ICAL = require("ical.js");

function isoDay(time) {
  return [time.year, String(time.month).padStart(2, "0"), String(time.day).padStart(2, "0")].join("-");
}

const [from, to, ...files] = process.argv.slice(2);
const out = {};
for (const file of files) {
  const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
  const timezones = calendar.getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid"));
  const events = [];
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    const alarms = component.getAllSubcomponents("valarm").map((alarm) => ({
      action: alarm.getFirstPropertyValue("action"),
      trigger: alarm.getFirstPropertyValue("trigger").toString(),
      description: alarm.getFirstPropertyValue("description"),
    }));
    const seen = (start) => ({
      uid: event.uid, summary: event.summary, day: isoDay(start), allDay: start.isDate, alarms: alarms,
    });
    if (event.isRecurring()) {
      const each = event.iterator();
      for (let next = each.next(); next && isoDay(next) <= to; next = each.next()) {
        if (isoDay(next) >= from) events.push(seen(next));
      }
    } else if (isoDay(event.startDate) >= from && isoDay(event.startDate) <= to) {
      events.push(seen(event.startDate));
    }
  }
  out[file] = { name: calendar.getFirstPropertyValue("x-wr-calname"), timezones: timezones, events: events };
}
process.stdout.write(JSON.stringify(out));
