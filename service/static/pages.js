// Small helps only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the list of problems after a form comes back with errors.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // A "copy" button for the owner key, shown only where the clipboard can be used.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = document.getElementById(button.getAttribute("data-copy")).textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        var status = button.parentElement.querySelector(".copy-status");
        if (status) { status.textContent = button.getAttribute("data-copied"); }
      });
    });
  });
});
