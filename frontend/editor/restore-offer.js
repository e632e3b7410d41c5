// After a crash: if this browser holds a local copy that differs from the page's text,
// a banner offers it back. Restore puts it in as a normal, undoable edit and keeps its
// base, so a copy made on an older revision is merged by the server; Discard deletes it.

import { el } from "./shell.js";
import { diffChanges } from "./textdiff.js";

/**
 * @param {object} o
 * @param {Autosave} o.autosave       finds the copy (restoreCandidate) and forgets it
 * @param {string} o.text             the text the page came with
 * @param {EditorView} o.view
 * @param {StatusView} o.statusView   banner and announcement
 * @param {Function} o.t
 * @param {(value: number) => string} o.formatDate
 */
export function offerRestore({ autosave, text, view, statusView, t, formatDate }) {
  const candidate = autosave.restoreCandidate(text);
  if (!candidate) return;
  const when = candidate.savedAt ? formatDate(candidate.savedAt) : "";
  const restore = el("button", { type: "button", class: "sd-button" }, t("restore"));
  const discard = el("button", { type: "button", class: "sd-button secondary" }, t("discard"));
  const parts = [el("p", { text: t("restore_prompt", { time: when }) })];
  if (!candidate.sameBase) parts.push(el("p", { text: t("restore_prompt_merge") }));
  parts.push(el("p", { class: "sd-banner-actions" }, restore, " ", discard));
  statusView.showBanner("restore", parts, "region").setAttribute("aria-label", t("restore"));
  statusView.announce(t("restore_prompt", { time: when }));
  restore.addEventListener("click", () => {
    autosave.restore(candidate);
    // A normal, undoable edit: autosave backs it up and saves it against the old base.
    view.dispatch({ changes: diffChanges(view.state.doc.toString(), candidate.text), userEvent: "input.restore" });
    statusView.clearBanner("restore");
    view.focus();
  });
  discard.addEventListener("click", () => {
    autosave.discardBackup();
    statusView.clearBanner("restore");
    view.focus();
  });
}
