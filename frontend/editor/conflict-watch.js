// Open conflicts on the series, as banners: this writer's ("Someone else changed this
// script…", with the link to resolve it) and a co-writer's ("An edit by {name} overlaps
// this script"). They come with every save answer, with the page, and from asking
// data-conflicts-url every 15 s while the page is visible, so both writers of an overlap
// see it within one poll. conflicts.js reads the lists; this keeps the banners in step.

import { conflictBanners, conflictsFrom } from "./conflicts.js";
import { el } from "./shell.js";

export const CONFLICT_POLL_MS = 15000;

/**
 * @param {object} o
 * @param {StatusView} o.statusView          shows and clears the banners
 * @param {Function} o.t
 * @param {string} o.url                     data-conflicts-url; no polling when empty
 * @param {Function} o.fetch
 * @param {() => Autosave|null} o.autosave   its status and whether a save is in flight
 * @param {Document} [o.doc]                 its visibilityState
 * @param {{setInterval: Function}} [o.timers]
 * @returns {{show, poll, afterSave, start}}
 */
export function watchConflicts({ statusView, t, url, fetch, autosave, doc = document, timers = { setInterval: (f, ms) => setInterval(f, ms) } }) {
  let shown = { mine: "", theirs: "" }; // redraw (and re-announce) only on change

  /** Show the banners for a list of open conflicts; null (no list) changes nothing. */
  function show(list) {
    if (list === null) return;
    const { mine, theirs } = conflictBanners(list);
    const saver = autosave();
    const mineUrl = mine ? mine.url : "";
    if (mineUrl !== shown.mine) {
      if (mine) statusView.showConflict(mine.url);
      else if (!saver || saver.status.state !== "conflict") statusView.clearBanner("conflict");
    }
    const theirsUrl = theirs ? theirs.url : "";
    if (theirsUrl !== shown.theirs) {
      statusView.clearBanner("cowriter-conflict");
      if (theirs) {
        const link = el("a", { href: theirs.url, class: "sd-banner-link" }, t("conflict_resolve"));
        const text = el("p", { text: t("cowriter_conflict_banner", { name: theirs.by }) });
        statusView.showBanner("cowriter-conflict", [text, el("p", {}, link)], "status");
      }
    }
    shown = { mine: mineUrl, theirs: theirsUrl };
  }

  /** Ask the server for the open conflicts, unless the page is hidden or a save is in flight. */
  async function poll() {
    const saver = autosave();
    if (doc.visibilityState === "hidden" || (saver && saver.inFlight)) return;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) show(conflictsFrom(await response.json()));
    } catch {
      // offline: the autosave status already says so; try again on the next tick
    }
  }

  /** After every successful save answer (the autosave status shows a new conflict itself). */
  function afterSave(data) {
    if (data.status !== "conflict") statusView.clearBanner("conflict");
    else shown.mine = data.conflict_url || shown.mine;
    show(conflictsFrom(data));
  }

  /** Poll every 15 s, so a co-writer's overlap shows without waiting for this writer's next save. */
  function start() {
    if (url) timers.setInterval(poll, CONFLICT_POLL_MS);
  }

  return { show, poll, afterSave, start };
}
