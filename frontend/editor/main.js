// The script editor: wires CodeMirror, the toolbar, autosave, preview, navigator and
// comments to the page. The page provides #script-editor with data-* attributes and two
// JSON script elements (the text and the UI strings); see README.md for the contract.

import { Autosave, csrfTokenFrom } from "./autosave.js";
import { wireComments } from "./comments-panel.js";
import { watchConflicts } from "./conflict-watch.js";
import { applyServerText, createEditor, jumpTo, updateListener } from "./editor-view.js";
import { wirePreviewPane, wirePreviewToggle } from "./preview-pane.js";
import { IS_MAC, buildShell, el, uid } from "./shell.js";
import { buildToolbar, elementKeymap, runElement, toolbarActions, wireHelp } from "./toolbar.js";
import { StatusView } from "./status.js";
import { makeTranslator } from "./strings.js";
import { makeDateFormatter, phrasesFrom, readConfig, readJSONScript, readText, safeLocalStorage } from "./page.js";
import { diffChanges } from "./textdiff.js";


// --- the editor ---------------------------------------------------------------------------

export function initScriptEditor(root) {
  const cfg = readConfig(root);
  const stringsData = readJSONScript("script-editor-strings", {});
  const t = makeTranslator(stringsData);
  const text0 = readText();
  const storage = safeLocalStorage();
  const csrf = () => csrfTokenFrom(document.cookie);
  const formatDate = makeDateFormatter(document.documentElement.lang);
  const http = (...args) => fetch(...args);

  // ---- shell ----
  const ids = { editor: uid("editor"), preview: uid("preview"), help: uid("help"), helpTitle: uid("help-title") };
  const ui = buildShell(root, cfg, t, ids);

  // ---- CodeMirror ----
  const trackers = new Set();
  let autosave = null;
  let preview = null;
  let pane = null;
  let comments = null;

  const actions = toolbarActions(cfg);
  const keys = elementKeymap({
    actions,
    format: cfg.format,
    readOnly: cfg.readOnly,
    saveNow: () => autosave?.saveNow(),
  });

  const { view, setReadOnly } = createEditor({
    parent: ui.main,
    id: ids.editor,
    cfg,
    doc: text0,
    t,
    phrases: phrasesFrom(stringsData),
    elementKeymap: keys,
    onCommentMarker: (commentIds, pos) => {
      jump(pos, "center");
      comments.highlight(commentIds[0]);
    },
    onUpdate: updateListener({
      trackers,
      onUserEdit: () => autosave?.changed(),
      onEdit: () => preview?.changed(),
      onCursor: () => pane?.scheduleCursorSync(),
    }),
  });
  const jump = (pos, y) => jumpTo(view, pos, y);

  // ---- toolbar ----
  buildToolbar({ toolbar: ui.toolbar, actions, t, onAction: (kind) => runElement(view, kind, cfg.format) });
  wireHelp({ ui, cfg, actions, t });

  // ---- preview and navigator ----
  pane = wirePreviewPane({
    root,
    ui,
    view,
    previewUrl: cfg.previewUrl,
    episode: cfg.episode,
    fetch: http,
    csrf,
    trackers,
    t,
    jumpTo: jump,
  });
  preview = pane.preview;

  // ---- comments ----
  comments = wireComments({
    url: cfg.commentsUrl,
    base: () => (autosave ? autosave.base : cfg.base),
    fetch: http,
    view,
    trackers,
    ui,
    t,
    formatDate,
    jumpTo: jump,
  });
  comments.load();

  // ---- autosave and status ----
  const statusView = new StatusView(ui, t, () => {
    setReadOnly();
    ui.toolbar.hidden = true;
    ui.save.hidden = true;
  });
  const showStatus = (status) => statusView.show(status);
  const announce = (text) => statusView.announce(text);
  const showBanner = (...args) => statusView.showBanner(...args);
  const clearBanner = (name) => statusView.clearBanner(name);

  if (!cfg.readOnly && cfg.saveUrl) {
    // ---- open conflicts (this writer's and co-writers') ----
    const conflicts = watchConflicts({ statusView, t, url: cfg.conflictsUrl, fetch: http, autosave: () => autosave });

    autosave = new Autosave({
      url: cfg.saveUrl,
      fetch: (...args) => fetch(...args),
      getText: () => view.state.doc.toString(),
      base: cfg.base,
      episode: cfg.episode,
      storage,
      storageKey: cfg.storageKey,
      csrfToken: csrf,
      onStatus: showStatus,
      replaceText: (text) => applyServerText(view, text),
      onSend: () => comments.noteSend(),
      onSaved: (data, { replaced }) => {
        conflicts.afterSave(data);
        comments.reloadAfterSave(replaced);
      },
    });
    ui.save.addEventListener("click", () => autosave.saveNow());
    ui.retry.addEventListener("click", () => autosave.saveNow());
    window.addEventListener("online", () => autosave.online());
    // Backups are coalesced while typing; write the pending one whenever the page may go.
    window.addEventListener("pagehide", () => autosave.flush());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") autosave.flush();
    });
    window.addEventListener("beforeunload", (event) => {
      autosave.flush();
      if (!autosave.hasUnsavedChanges()) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers need a value to show the prompt
    });
    // Ctrl/Cmd+S with focus on the toolbar or side panel saves too, instead of the
    // browser's "save page" dialog.
    root.addEventListener("keydown", (event) => {
      if (event.defaultPrevented || event.isComposing) return;
      if ((IS_MAC ? event.metaKey : event.ctrlKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        autosave.saveNow();
      }
    });
    showStatus({ state: "saved" });
    offerRestore();
    conflicts.show(readJSONScript("script-editor-conflicts", []));
    conflicts.start();
  }

  function offerRestore() {
    const candidate = autosave.restoreCandidate(text0);
    if (!candidate) return;
    const when = candidate.savedAt ? formatDate(candidate.savedAt) : "";
    const restore = el("button", { type: "button", class: "sd-button" }, t("restore"));
    const discard = el("button", { type: "button", class: "sd-button secondary" }, t("discard"));
    const parts = [el("p", { text: t("restore_prompt", { time: when }) })];
    if (!candidate.sameBase) parts.push(el("p", { text: t("restore_prompt_merge") }));
    parts.push(el("p", { class: "sd-banner-actions" }, restore, " ", discard));
    showBanner("restore", parts, "region").setAttribute("aria-label", t("restore"));
    announce(t("restore_prompt", { time: when }));
    restore.addEventListener("click", () => {
      autosave.restore(candidate);
      // A normal, undoable edit: autosave backs it up and saves it against the old base.
      view.dispatch({ changes: diffChanges(view.state.doc.toString(), candidate.text), userEvent: "input.restore" });
      clearBanner("restore");
      view.focus();
    });
    discard.addEventListener("click", () => {
      autosave.discardBackup();
      clearBanner("restore");
      view.focus();
    });
  }

  // ---- preview toggle ----
  wirePreviewToggle({ root, ui, t, storage });

  root.scriptEditor = { view, autosave, preview, reloadComments: () => comments.load() };
  return root.scriptEditor;
}

function start() {
  const root = document.getElementById("script-editor");
  if (root && !root.scriptEditor) initScriptEditor(root);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
