// The script editor: reads the page, builds the shell and the CodeMirror view, and wires
// the toolbar, preview and navigator, comments, saving, the restore offer and conflict
// banners to it. Each piece is a module that takes its elements and collaborators (see
// README.md, "Files"); this only puts them together, in this order. The page provides
// #script-editor with data-* attributes and JSON script elements; see README.md for the
// contract.

import { csrfTokenFrom } from "./autosave.js";
import { wireComments } from "./comments-panel.js";
import { watchConflicts } from "./conflict-watch.js";
import { createEditor, jumpTo, updateListener } from "./editor-view.js";
import { makeDateFormatter, phrasesFrom, readConfig, readJSONScript, readText, safeLocalStorage } from "./page.js";
import { wirePreviewPane, wirePreviewToggle } from "./preview-pane.js";
import { offerRestore } from "./restore-offer.js";
import { wireSave } from "./save-wiring.js";
import { buildShell, uid, wireSkipLinks } from "./shell.js";
import { StatusView } from "./status.js";
import { makeTranslator } from "./strings.js";
import { buildToolbar, elementKeymap, runElement, toolbarActions, wireHelp } from "./toolbar.js";

export function initScriptEditor(root) {
  const cfg = readConfig(root);
  const strings = readJSONScript("script-editor-strings", {});
  const t = makeTranslator(strings);
  const text = readText();
  const storage = safeLocalStorage();
  const csrf = () => csrfTokenFrom(document.cookie);
  const formatDate = makeDateFormatter(document.documentElement.lang);
  const http = (...args) => fetch(...args); // looked up at each call, like a bare fetch()

  const ids = { editor: uid("editor"), preview: uid("preview"), help: uid("help"), helpTitle: uid("help-title") };
  const ui = buildShell(root, cfg, t, ids);

  // The view's listeners and keys reach the pieces wired after it through these.
  const trackers = new Set(); // line trackers, mapped through every edit
  let autosave = null;
  let pane = null;
  let comments = null;

  const actions = toolbarActions(cfg);
  const { view, setReadOnly } = createEditor({
    parent: ui.main,
    id: ids.editor,
    cfg,
    doc: text,
    t,
    phrases: phrasesFrom(strings),
    elementKeymap: elementKeymap({ actions, format: cfg.format, readOnly: cfg.readOnly, saveNow: () => autosave?.saveNow() }),
    onCommentMarker: (commentIds, pos) => {
      jump(pos, "center");
      comments.highlight(commentIds[0]);
    },
    onUpdate: updateListener({
      trackers,
      onUserEdit: () => autosave?.changed(),
      onEdit: () => pane?.preview?.changed(),
      onCursor: () => pane?.scheduleCursorSync(),
    }),
  });
  const jump = (pos, y) => jumpTo(view, pos, y);

  buildToolbar({ toolbar: ui.toolbar, actions, t, onAction: (kind) => runElement(view, kind, cfg.format) });
  wireHelp({ ui, cfg, actions, t });

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

  const statusView = new StatusView(ui, t, () => {
    // Permission lost: no more editing, and no controls that suggest it.
    setReadOnly();
    ui.toolbar.hidden = true;
    ui.save.hidden = true;
  });

  if (!cfg.readOnly && cfg.saveUrl) {
    const conflicts = watchConflicts({ statusView, t, url: cfg.conflictsUrl, fetch: http, autosave: () => autosave });
    autosave = wireSave({
      root,
      ui,
      cfg,
      view,
      fetch: http,
      storage,
      csrf,
      statusView,
      onSend: () => comments.noteSend(),
      onSaved: (data, { replaced }) => {
        conflicts.afterSave(data);
        comments.reloadAfterSave(replaced);
      },
    });
    offerRestore({ autosave, text, view, statusView, t, formatDate });
    conflicts.show(readJSONScript("script-editor-conflicts", []));
    conflicts.start();
  }

  wirePreviewToggle({ root, ui, t, storage });
  wireSkipLinks(root, () => {
    view.focus();
    view.dom.scrollIntoView({ block: "nearest" });
  });

  root.scriptEditor = { view, autosave, preview: pane.preview, reloadComments: () => comments.load() };
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
