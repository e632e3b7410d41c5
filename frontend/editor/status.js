// The save status (text plus icon), what is announced to screen readers, and the
// banners for the restore offer, conflicts, validation errors and lost permission.

import { el } from "./shell.js";

// Status icons: decorative (aria-hidden); the text carries the meaning.
const ICONS = {
  saved: '<path d="M3 8.5l3.2 3.2L13 4.8" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>',
  saving: '<circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="20 12" stroke-linecap="round"/>',
  unsaved: '<circle cx="8" cy="8" r="4" fill="currentColor"/>',
  offline: '<path d="M8 2.5L14.5 13.5H1.5Z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/><path d="M8 6.5v3.5M8 11.6v.4" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>',
  conflict: '<path d="M2 5h9M8.5 2.5L11 5 8.5 7.5M14 11H5M7.5 8.5L5 11l2.5 2.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>',
  forbidden: '<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M4 12L12 4" stroke="currentColor" stroke-width="1.8"/>',
};
ICONS.error = ICONS.offline;
ICONS.invalid = ICONS.offline;


const PROBLEMS = ["offline", "error", "invalid", "conflict", "forbidden"];

export class StatusView {
  /**
   * `ui` holds the elements from buildShell; `onForbidden` makes the editor read-only;
   * `timers` (setTimeout) is injected by tests.
   */
  constructor(ui, t, onForbidden, timers = { setTimeout: (f, ms) => setTimeout(f, ms) }) {
    this.ui = ui;
    this.t = t;
    this.onForbidden = onForbidden;
    this.timers = timers;
    this.lastAnnounced = "";
    this.banners = new Map();
  }

  /** Show an autosave status: {state, seconds?, errors?, conflictUrl?, tick?, manual?}. */
  show(status) {
    const { ui, t } = this;
    const { state, seconds } = status;
    const text =
      state === "offline"
        ? t("offline_retrying", { seconds })
        : state === "error"
          ? t("error_retrying", { seconds })
          : state === "forbidden"
            ? t("no_permission")
            : t(state);
    ui.status.dataset.state = state;
    ui.statusIcon.innerHTML = ICONS[state] || "";
    ui.statusText.textContent = text;
    ui.retry.hidden = !(state === "offline" || state === "error");
    // Announce problems once, and "Saved" after a manual save or a recovered problem;
    // never each countdown tick or each routine autosave while the writer types.
    if (!status.tick) {
      if (PROBLEMS.includes(state) && state !== this.lastAnnounced) {
        this.announce(state === "error" ? t("error") : text);
        this.lastAnnounced = state;
      } else if (state === "saved" && (status.manual || PROBLEMS.includes(this.lastAnnounced))) {
        this.announce(text);
        this.lastAnnounced = state;
      }
    }
    // The 400 messages stay while the writer fixes the text, until another answer comes.
    if (!["invalid", "saving", "unsaved"].includes(state)) this.clearBanner("invalid");
    if (state === "conflict") this.showConflict(status.conflictUrl);
    if (state === "invalid") this.showErrors(status.errors || {});
    if (state === "forbidden") {
      this.onForbidden();
      this.showBanner("forbidden", el("p", { text: t("no_permission") }), "alert");
    }
  }

  announce(text) {
    // Clearing first makes screen readers repeat a message that recurs ("Saved").
    this.ui.announcer.textContent = "";
    this.timers.setTimeout(() => {
      this.ui.announcer.textContent = text;
    }, 50);
  }

  showBanner(name, content, role = null) {
    this.clearBanner(name);
    const banner = el("div", { class: `sd-banner sd-banner-${name}`, role }, ...[].concat(content));
    this.banners.set(name, banner);
    this.ui.banners.append(banner);
    return banner;
  }

  clearBanner(name) {
    this.banners.get(name)?.remove();
    this.banners.delete(name);
  }

  showConflict(url) {
    const parts = [el("p", { text: this.t("conflict_banner") })];
    if (url) parts.push(el("p", {}, el("a", { href: url, class: "sd-banner-link" }, this.t("conflict_resolve"))));
    this.showBanner("conflict", parts, "alert");
  }

  showErrors(errors) {
    const list = el("ul");
    for (const messages of Object.values(errors)) {
      for (const message of [].concat(messages)) list.append(el("li", { text: String(message) }));
    }
    this.showBanner("invalid", [el("p", { text: this.t("invalid") }), list], "alert");
  }
}
