// Upload progress for the import form: a large ACLED file takes a while to send before the server works.
(function () {
  "use strict";
  document.body.addEventListener("htmx:xhr:progress", function (event) {
    var bar = document.getElementById("import-progress");
    var status = document.getElementById("import-status");
    if (!bar || !event.detail.lengthComputable) return;
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    status.textContent = bar.value < 100 ? "Uploading… " + bar.value + " %" : "Uploaded; checking and storing every row…";
  });
})();
