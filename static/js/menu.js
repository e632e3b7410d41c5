// The account menu (a <details>) closes like a menu: on Escape, and on a click elsewhere.
(function () {
  "use strict";
  function openMenus() {
    return document.querySelectorAll("details.account-menu[open]");
  }
  document.addEventListener("click", function (event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    openMenus().forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
})();
