/* Programme times in the reader's own time zone, on request.
 *
 * The server renders every time in the edition's zone, inside <time datetime="...Z">, so the page reads
 * well without this script. The script offers a one-click switch to the browser's zone, remembers the
 * choice in localStorage, and on the programme regroups sessions under the local days they fall on
 * (09:00 in Shanghai on Monday is still Monday 02:00 in Paris, but 20:00 Monday in Los Angeles is Sunday).
 */
(function () {
  "use strict";

  var STORAGE_KEY = "rendezvous.timezone";
  var root = document.querySelector("[data-tz-root]");
  if (!root || !window.Intl || !Intl.DateTimeFormat) return;

  var editionZone = root.getAttribute("data-edition-zone");
  var localZone;
  try {
    localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!localZone) return;

  var language = document.documentElement.lang || "en";
  // UN style for English ("Monday, 21 November 2022"); other languages use their own conventions.
  var locale = language.indexOf("en") === 0 ? "en-GB" : language;
  var toggle = root.querySelector("[data-tz-toggle]");
  var status = root.querySelector("[data-tz-status]");
  var originalStatus = status ? status.innerHTML : "";
  var programme = document.querySelector("[data-programme]");
  var originalProgramme = programme ? programme.innerHTML : null;
  var originalTexts = new Map();
  document.querySelectorAll("time[data-tz-format]").forEach(function (element) {
    originalTexts.set(element, element.textContent);
  });

  function parts(iso, zone, options) {
    var result = {};
    new Intl.DateTimeFormat(locale, Object.assign({ timeZone: zone }, options))
      .formatToParts(new Date(iso))
      .forEach(function (part) {
        result[part.type] = part.value;
      });
    return result;
  }

  function dayKey(iso, zone) {
    var p = parts(iso, zone, { year: "numeric", month: "2-digit", day: "2-digit" });
    return p.year + "-" + p.month + "-" + p.day;
  }

  function formatTime(iso, zone) {
    var p = parts(iso, zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    return p.hour + ":" + p.minute;
  }

  function formatDate(iso, zone) {
    if (locale === "en-GB") {
      var p = parts(iso, zone, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
      return p.weekday + ", " + p.day + " " + p.month + " " + p.year;
    }
    return new Intl.DateTimeFormat(locale, {
      timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric",
    }).format(new Date(iso));
  }

  function formatShortDateTime(iso, zone) {
    var p = parts(iso, zone, { weekday: "short", day: "numeric", month: "short" });
    return p.weekday + " " + p.day + " " + p.month + ", " + formatTime(iso, zone);
  }

  var formatters = { time: formatTime, date: formatDate, datetime: formatShortDateTime };

  function rewriteTimes(zone) {
    document.querySelectorAll("time[data-tz-format]").forEach(function (element) {
      var format = formatters[element.getAttribute("data-tz-format")];
      if (format) element.textContent = format(element.getAttribute("datetime"), zone);
    });
    document.querySelectorAll("[data-session-times]").forEach(function (range) {
      var times = range.querySelectorAll("time");
      var marker = range.querySelector("[data-tz-next-day]");
      if (times.length === 2 && marker) {
        marker.hidden = dayKey(times[0].getAttribute("datetime"), zone) === dayKey(times[1].getAttribute("datetime"), zone);
      }
    });
  }

  /* Sessions arrive sorted by start, which stays true in every zone: only the day boundaries move. */
  function regroupProgramme(zone) {
    var sessions = Array.prototype.slice.call(programme.querySelectorAll("[data-session-start]"));
    var fragment = document.createDocumentFragment();
    var currentKey = null;
    var section = null;
    sessions.forEach(function (session) {
      var start = session.getAttribute("data-session-start");
      var key = dayKey(start, zone);
      if (key !== currentKey) {
        section = document.createElement("section");
        section.className = "day";
        section.setAttribute("data-day", key);
        var heading = document.createElement("h2");
        heading.className = "day-heading";
        var time = document.createElement("time");
        time.setAttribute("datetime", key);
        time.textContent = formatDate(start, zone);
        heading.appendChild(time);
        section.appendChild(heading);
        fragment.appendChild(section);
        currentKey = key;
      }
      section.appendChild(session);
    });
    programme.replaceChildren(fragment);
  }

  function showEditionZone() {
    if (programme) programme.innerHTML = originalProgramme;
    originalTexts.forEach(function (text, element) {
      element.textContent = text;
    });
    document.querySelectorAll("[data-session-times]").forEach(function (range) {
      var marker = range.querySelector("[data-tz-next-day]");
      if (marker) marker.hidden = !marker.hasAttribute("data-server-next-day");
    });
    if (status) status.innerHTML = originalStatus;
    toggle.textContent = label("labelLocal", "Show times in my time zone ({zone})", localZone);
    root.setAttribute("data-tz-showing", "edition");
  }

  // Button labels come translated from the page (data-label-*), with the English as a fallback.
  function label(name, fallback, zone) {
    return (toggle.dataset[name] || fallback).split("{zone}").join(zone);
  }

  function showLocalZone() {
    rewriteTimes(localZone);
    if (programme) regroupProgramme(localZone);
    if (status) {
      // The sentence comes translated from the page; the zone goes in a <strong>, isolated for right-to-left text.
      var sentence = toggle.dataset.statusLocal || "Times are in {zone}, your time zone.";
      var parts = sentence.split("{zone}");
      status.textContent = "";
      status.append(parts[0]);
      var strong = document.createElement("strong");
      var isolated = document.createElement("bdi");
      isolated.textContent = localZone;
      strong.append(isolated);
      status.append(strong, parts.slice(1).join(localZone));
    }
    toggle.textContent = label("labelEdition", "Show times in {zone}", editionZone);
    root.setAttribute("data-tz-showing", "local");
  }

  function remember(choice) {
    try {
      window.localStorage.setItem(STORAGE_KEY, choice);
    } catch (error) {
      /* Private browsing may refuse storage; the switch still works for this page. */
    }
  }

  function remembered() {
    try {
      return window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return null;
    }
  }

  if (localZone === editionZone) {
    if (status) status.insertAdjacentText("beforeend", " It is your time zone too.");
    return;
  }

  // Restoring the server's markup must restore the server's "next day" markers too.
  document.querySelectorAll("[data-tz-next-day]").forEach(function (marker) {
    if (!marker.hidden) marker.setAttribute("data-server-next-day", "");
  });
  if (programme) originalProgramme = programme.innerHTML;

  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    if (root.getAttribute("data-tz-showing") === "local") {
      showEditionZone();
      remember("edition");
    } else {
      showLocalZone();
      remember("local");
    }
  });

  if (remembered() === "local") {
    showLocalZone();
  } else {
    showEditionZone();
  }
})();
