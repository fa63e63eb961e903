/* Hub deadlines in the reader's own time zone too.
 *
 * The server states every deadline in the call's zone. This script remembers the browser's zone in a cookie (so the
 * next pages come with it from the server) and, on this page, adds the reader's time next to the open deadline.
 */
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) return;
  document.cookie = "rendezvous_tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; SameSite=Lax";
  var locale = (document.documentElement.lang || "en").indexOf("en") === 0 ? "en-GB" : document.documentElement.lang;
  document.querySelectorAll("[data-reader-zone]").forEach(function (element) {
    if (element.getAttribute("data-call-zone") === zone) return;
    var parts = {};
    new Intl.DateTimeFormat(locale, {
      timeZone: zone, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(element.getAttribute("data-deadline"))).forEach(function (part) {
      parts[part.type] = part.value;
    });
    var when = parts.day + " " + parts.month + ", " + parts.hour + ":" + parts.minute;
    element.textContent = element.getAttribute("data-template").replace("{when}", when).replace("{zone}", zone);
  });
})();
