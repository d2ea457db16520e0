// Polls an import job's JSON every second and updates its page until it ends
// (an interrupted job may still be taken over by another process, so it is
// polled too; its resume and discard buttons hide once it runs again).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.done === "true") return;
  var id = box.dataset.jobId;
  function set(elId, text) {
    var el = document.getElementById(elId);
    if (el) el.textContent = text;
  }
  function poll() {
    fetch("/api/v1/imports/" + id, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) {
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      })
      .then(function (job) {
        var s = job.summary || {};
        set("job-status", job.status_label);
        document.getElementById("job-status").className = "job-" + (job.display_status || job.status);
        document.getElementById("job-progress").value = job.percent;
        set("job-percent", job.percent + "%");
        set("job-read", s.read || 0);
        set("job-inserted", s.inserted || 0);
        set("job-updated", s.updated || 0);
        set("job-unchanged", s.unchanged || 0);
        set("job-rejected", s.rejected || 0);
        set("job-check-computed", s.check_computed || 0);
        set("job-check-computed-count", s.check_computed || 0);
        document.getElementById("job-check-computed-row").hidden = !(s.check_computed > 0);
        document.getElementById("job-check-computed-note").hidden = !(s.check_computed > 0);
        set("job-error", job.error || "");
        document.getElementById("job-error").hidden = !job.error;
        document.getElementById("job-rejects-line").hidden = !(s.rejected > 0);
        var actions = document.getElementById("job-actions");
        if (actions) actions.hidden = !job.can_discard;
        if (!job.done) setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
