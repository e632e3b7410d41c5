// Reviewer's desk: selecting text in a line (or clicking it) fills the note form with that line.

// A form marked data-reset-after-request empties itself once htmx has posted it
// successfully (an hx-on attribute would need eval, which the CSP refuses).
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target;
  if (event.detail.successful && form.matches && form.matches("form[data-reset-after-request]")) {
    form.reset();
  }
});

document.addEventListener("DOMContentLoaded", function () {
  var script = document.getElementById("review-script");
  var lineInput = document.getElementById("note-line");
  var body = document.getElementById("note-body");
  if (!script || !lineInput || !body) return;

  function lineOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element ? element.closest("[data-line]") : null;
  }

  script.addEventListener("mouseup", function (event) {
    var selection = window.getSelection();
    var line = lineOf(selection && !selection.isCollapsed ? selection.anchorNode : event.target);
    if (!line) return;
    lineInput.value = line.dataset.line;
    var quoted = selection ? selection.toString().trim() : "";
    if (quoted && !body.value) body.value = "“" + quoted + "” ";
    body.focus();
  });
});
