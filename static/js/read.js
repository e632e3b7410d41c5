// Reading view: clicking a line of the script puts its number in the comment form.
document.addEventListener("DOMContentLoaded", function () {
  var page = document.querySelector(".script-page");
  var lineInput = document.getElementById("comment-line");
  if (!page || !lineInput) return;
  page.addEventListener("click", function (event) {
    var line = event.target.closest("[data-line]");
    if (!line) return;
    lineInput.value = line.dataset.line;
    document.getElementById("comment-body").focus();
  });
});
