// Counts down to a call's opening or closing time. The server's clock decides: the page
// carries the server's time (data-server-now), and the count runs from it, so a browser
// whose clock is wrong still shows the server's remaining time. The page is already right
// without this script; it only keeps the figure current.
(function () {
  "use strict";

  function start(element) {
    const target = Date.parse(element.getAttribute("datetime"));
    const serverNow = Date.parse(element.dataset.serverNow);
    if (Number.isNaN(target) || Number.isNaN(serverNow)) {
      return;
    }
    const offset = serverNow - Date.now();
    const template = element.dataset.template || "{d} {h} {m}";
    function render() {
      const left = Math.max(0, target - (Date.now() + offset));
      if (left === 0 && element.dataset.ended) {
        element.textContent = element.dataset.ended;
        return false;
      }
      const minutes = Math.floor(left / 60000);
      element.textContent = template
        .replace("{d}", String(Math.floor(minutes / 1440)))
        .replace("{h}", String(Math.floor((minutes % 1440) / 60)))
        .replace("{m}", String(minutes % 60));
      return left > 0;
    }
    if (render()) {
      const timer = window.setInterval(function () {
        if (!render()) {
          window.clearInterval(timer);
        }
      }, 30000);
    }
  }

  document.querySelectorAll("time[data-countdown]").forEach(start);
})();
