// The CodeMirror view: its extensions (their order sets their precedence), the update
// listener that tells line trackers, autosave, preview and the cursor follower about
// edits, and the operations the other modules need: jump to a position, put the server's
// merged text in, switch to read-only.

import { Annotation, Compartment, EditorState, Prec, Transaction } from "@codemirror/state";
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { foldGutter, foldKeymap } from "@codemirror/language";
import { search, searchKeymap } from "@codemirror/search";

import { capsField, capsInput, readOnlyExtension, warningField } from "./cm-extensions.js";
import { commentGutter } from "./comments.js";
import { scriptLanguage } from "./highlight.js";
import { diffChanges } from "./textdiff.js";

export const fromServer = Annotation.define(); // merged text from the server: not a user edit

/** The editable content's accessible name, language (Chinese) or spellcheck (Fountain). */
export function contentAttributes(format, t) {
  // An explicit tabindex lets checkers (axe's scrollable-region-focusable) see that the
  // scroller holds focusable content; contenteditable is focusable anyway.
  const attributes = { "aria-label": t("editor_label"), "aria-multiline": "true", tabindex: "0" };
  if (format === "zh") attributes.lang = "zh-Hans";
  else attributes.spellcheck = "true";
  return attributes;
}

/**
 * Every extension of the editor.
 * @param {object} o
 * @param {"zh"|"fountain"} o.format
 * @param {boolean} o.readOnly
 * @param {string} [o.cspNonce]              for CodeMirror's run-time <style>
 * @param {Function} o.t                     the translator
 * @param {object|null} [o.phrases]          CodeMirror's own panel texts
 * @param {Compartment} o.readOnlyConf       holds the read-only state, to switch it later
 * @param {Array} o.elementKeymap            the toolbar's shortcuts and Ctrl/Cmd+S
 * @param {(ids: number[], pos: number) => void} o.onCommentMarker  a gutter marker clicked
 * @param {(update) => void} o.onUpdate      every view update (see updateListener)
 */
export function editorExtensions(o) {
  const extensions = [
    lineNumbers(),
    commentGutter(o.onCommentMarker),
    foldGutter(),
    highlightSpecialChars(),
    history(),
    highlightActiveLine(),
    highlightActiveLineGutter(),
    EditorView.lineWrapping,
    search({ top: true }),
    scriptLanguage(o.format),
    warningField,
    capsField,
    capsInput,
    o.readOnlyConf.of(readOnlyExtension(o.readOnly)),
    EditorView.contentAttributes.of(contentAttributes(o.format, o.t)),
    Prec.high(keymap.of(o.elementKeymap)),
    keymap.of([...searchKeymap, ...historyKeymap, ...foldKeymap, ...defaultKeymap]),
    EditorView.updateListener.of(o.onUpdate),
  ];
  if (o.phrases) extensions.push(EditorState.phrases.of(o.phrases));
  if (o.cspNonce) extensions.push(EditorView.cspNonce.of(o.cspNonce));
  return extensions;
}

/**
 * Create the view in `parent` with the text `doc`; `options` as for editorExtensions
 * (format, readOnly and cspNonce come from `cfg`). Returns the view and `setReadOnly()`,
 * which makes it read-only for good (lost permission).
 */
export function createEditor({ parent, id, cfg, doc, ...options }) {
  const readOnlyConf = new Compartment();
  const extensions = editorExtensions({
    ...options,
    format: cfg.format,
    readOnly: cfg.readOnly,
    cspNonce: cfg.cspNonce,
    readOnlyConf,
  });
  const view = new EditorView({ parent, state: EditorState.create({ doc, extensions }) });
  view.dom.id = id;
  return { view, setReadOnly: () => makeReadOnly(view, readOnlyConf) };
}

export function makeReadOnly(view, readOnlyConf) {
  view.dispatch({ effects: readOnlyConf.reconfigure(readOnlyExtension(true)) });
}

/**
 * The view's update listener. On an edit: every line tracker maps the changes, then
 * `onUserEdit` (not for the server's merged text), then `onEdit`; on an edit or a cursor
 * move, `onCursor`.
 */
export function updateListener({ trackers, onUserEdit, onEdit, onCursor }) {
  return (update) => {
    if (update.docChanged) {
      for (const tracker of trackers) tracker.map(update.changes);
      const serverEdit = update.transactions.some((tr) => tr.annotation(fromServer));
      if (!serverEdit) onUserEdit();
      onEdit();
    }
    if (update.docChanged || update.selectionSet) onCursor();
  };
}

/** Put the cursor at `pos` (clamped; nothing for null), scroll it into view and focus. */
export function jumpTo(view, pos, y = "start") {
  if (pos === null || pos === undefined) return;
  const at = Math.max(0, Math.min(pos, view.state.doc.length));
  view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y, yMargin: 24 }) });
  view.focus();
}

/**
 * Replace the buffer with the server's merged text as line changes, so the cursor,
 * scroll and undo history stay; not a user edit and not undoable. False during an IME
 * composition, which a replacement would break.
 */
export function applyServerText(view, text) {
  if (view.composing) return false; // replacing now would break the IME session
  const changes = diffChanges(view.state.doc.toString(), text);
  view.dispatch({
    changes,
    annotations: [fromServer.of(true), Transaction.addToHistory.of(false)],
  });
  return true;
}
