// Check-in desk, progressive enhancement: the form works without this file.
// - after each htmx answer, empty the field and focus it again, ready for the next scan;
// - the day selector reloads the page for the chosen day;
// - where the browser has BarcodeDetector (Chrome on Android, for instance), a camera button scans QR codes.
(function () {
  "use strict";
  var form = document.querySelector(".ci-form");
  if (!form) return;
  var input = form.querySelector("input[name=code]");

  document.body.addEventListener("htmx:afterRequest", function () {
    input.value = "";
    input.focus();
  });

  var daySelect = document.querySelector(".ci-day-form select");
  if (daySelect) {
    daySelect.addEventListener("change", function () { daySelect.form.submit(); });
  }

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var button = form.querySelector(".ci-camera");
  var video = form.querySelector(".ci-video");
  var stream = null;
  var detector = null;

  function stop() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.hidden = true;
    button.textContent = "Scan with camera";
  }

  function scan() {
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      if (codes.length) {
        input.value = codes[0].rawValue;
        stop();
        form.requestSubmit();
      } else {
        setTimeout(scan, 250);
      }
    }).catch(function () { setTimeout(scan, 500); });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) return;
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    button.hidden = false;
    button.addEventListener("click", function () {
      if (stream) { stop(); return; }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        button.textContent = "Stop camera";
        video.play().then(scan);
      }).catch(function () {
        button.textContent = "Camera not available";
        button.disabled = true;
      });
    });
  }).catch(function () {});
})();
