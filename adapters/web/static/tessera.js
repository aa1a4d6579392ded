// The little script the pages use; every figure shows without it.
// The period picker applies a preset as soon as it is picked, and shows the date fields only for
// custom dates.
(function () {
  "use strict";
  var form = document.getElementById("picker");
  var period = document.getElementById("period");
  if (!form || !period) { return; }
  function showDates() {
    document.body.classList.toggle("no-custom", period.value !== "custom");
  }
  showDates();
  period.addEventListener("change", function () {
    showDates();
    if (period.value !== "custom") {
      form.querySelectorAll(".custom input").forEach(function (input) { input.disabled = true; });
      form.submit();
    }
  });
})();
