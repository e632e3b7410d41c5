// Saving: autosave.js's state machine connected to the view (text in, merged text out),
// the status line, the Save now and Retry now buttons, the browser's online, pagehide,
// visibilitychange and beforeunload events, and Ctrl/Cmd+S anywhere in the editor.

import { Autosave } from "./autosave.js";
import { applyServerText } from "./editor-view.js";
import { IS_MAC } from "./shell.js";

/**
 * Create the autosave for an editable text and wire it up; shows "Saved".
 * @param {object} o
 * @param {HTMLElement} o.root            #script-editor (Ctrl/Cmd+S outside the text)
 * @param {object} o.ui                   buildShell's parts (save, retry)
 * @param {object} o.cfg                  saveUrl, base, episode, storageKey
 * @param {EditorView} o.view
 * @param {Function} o.fetch
 * @param {Storage} o.storage
 * @param {() => string} o.csrf
 * @param {StatusView} o.statusView
 * @param {() => void} o.onSend           a save request is leaving
 * @param {(data, info) => void} o.onSaved  a save was answered (see Autosave)
 * @param {EventTarget} [o.win]           window (online, pagehide, beforeunload)
 * @param {Document} [o.doc]              document (visibilitychange)
 * @param {boolean} [o.isMac]             Cmd instead of Ctrl
 * @param {object} [o.timers]             for Autosave; the window's by default
 * @param {() => number} [o.now]
 * @returns {Autosave}
 */
export function wireSave({ root, ui, cfg, view, fetch, storage, csrf, statusView, onSend, onSaved, win = window, doc = document, isMac = IS_MAC, timers, now }) {
  const autosave = new Autosave({
    url: cfg.saveUrl,
    fetch,
    getText: () => view.state.doc.toString(),
    base: cfg.base,
    episode: cfg.episode,
    storage,
    storageKey: cfg.storageKey,
    csrfToken: csrf,
    onStatus: (status) => statusView.show(status),
    replaceText: (text) => applyServerText(view, text),
    onSend,
    onSaved,
    timers,
    now,
  });
  ui.save.addEventListener("click", () => autosave.saveNow());
  ui.retry.addEventListener("click", () => autosave.saveNow());
  win.addEventListener("online", () => autosave.online());
  // Backups are coalesced while typing; write the pending one whenever the page may go.
  win.addEventListener("pagehide", () => autosave.flush());
  doc.addEventListener("visibilitychange", () => {
    if (doc.visibilityState === "hidden") autosave.flush();
  });
  win.addEventListener("beforeunload", (event) => {
    autosave.flush();
    if (!autosave.hasUnsavedChanges()) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need a value to show the prompt
  });
  // Ctrl/Cmd+S with focus on the toolbar or side panel saves too, instead of the
  // browser's "save page" dialog.
  root.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.isComposing) return;
    if ((isMac ? event.metaKey : event.ctrlKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      autosave.saveNow();
    }
  });
  statusView.show({ state: "saved" });
  return autosave;
}
