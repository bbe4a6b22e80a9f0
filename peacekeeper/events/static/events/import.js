// Upload progress for the import form: a large ACLED file takes a while to send before the server works.
document.body.addEventListener("htmx:xhr:progress", (event) => {
  const bar = document.getElementById("import-progress");
  const status = document.getElementById("import-status");
  if (!bar || !event.detail.lengthComputable) return;
  bar.hidden = false;
  bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  status.textContent = bar.value < 100 ? "Uploading… " + bar.value + " %" : "Uploaded; checking and storing every row…";
});
