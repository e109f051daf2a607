// Positions the bars of the timeline from their data attributes (percentages of the time axis).
// Set through the CSSOM, which the Content-Security-Policy allows, instead of inline style attributes.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".sv-tijdlijn [data-links]").forEach(function (el) {
    el.style.left = el.dataset.links + "%";
    if (el.dataset.breedte !== undefined) {
      el.style.width = el.dataset.breedte + "%";
    }
  });
});
