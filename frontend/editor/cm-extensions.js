// CodeMirror pieces the editor needs besides the language: line tracking for server line
// numbers, parse-warning marks, upper-cased typing on new Fountain cues, read-only state.

import { ChangeSet, EditorState, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView } from "@codemirror/view";

// --- line tracking ----------------------------------------------------------------------

/**
 * Line numbers from the server refer to the text that was posted (preview) or saved
 * (comments). A tracker keeps that document and every change made since, so a line
 * number maps to where that line is now, however much the writer typed meanwhile.
 */
export class LineTracker {
  constructor(doc) {
    this.doc = doc;
    this.changes = ChangeSet.empty(doc.length);
  }
  map(changes) {
    this.changes = this.changes.compose(changes);
  }
  posOfLine(n) {
    if (!Number.isInteger(n) || n < 1) return null;
    const line = this.doc.line(Math.min(n, this.doc.lines));
    return this.changes.mapPos(line.from, 1);
  }
  lineOfPos(pos) {
    return this.doc.lineAt(Math.min(this.changes.invertedDesc.mapPos(pos, -1), this.doc.length)).number;
  }
}

// --- parse-warning line marks --------------------------------------------------------------

export const setWarnings = StateEffect.define();
export const warningField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const e of tr.effects) if (e.is(setWarnings)) marks = e.value;
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// --- Fountain cue typing: upper-case letters typed on a new cue line ------------------

export const setCapsLine = StateEffect.define();
export const capsField = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setCapsLine)) return e.value;
    if (value === null) return null;
    const pos = tr.changes.mapPos(value);
    const line = tr.state.doc.lineAt(pos);
    // Leaving the line (Enter, arrows, a click) ends cue typing.
    return tr.state.doc.lineAt(tr.state.selection.main.head).number === line.number ? line.from : null;
  },
});

export const capsInput = EditorView.inputHandler.of((view, from, to, text) => {
  const caps = view.state.field(capsField, false);
  // Never touch IME composition: upper-casing is only for plain Latin keystrokes.
  if (caps === null || caps === undefined || view.composing || !/^[a-z]+$/.test(text)) return false;
  if (view.state.doc.lineAt(from).from !== caps) return false;
  const upper = text.toUpperCase();
  view.dispatch({
    changes: { from, to, insert: upper },
    selection: { anchor: from + upper.length },
    userEvent: "input.type",
  });
  return true;
});

export function warningMarks(warnings, tracker, doc) {
  const ranges = [];
  for (const warning of warnings) {
    const pos = tracker.posOfLine(warning.line);
    if (pos === null) continue;
    const from = doc.lineAt(Math.min(pos, doc.length)).from;
    ranges.push(Decoration.line({ class: "sd-line-warning", attributes: { title: String(warning.message) } }).range(from));
  }
  ranges.sort((a, b) => a.from - b.from);
  return Decoration.set(ranges, true);
}

/** Read-only state, also told to assistive technology. */
export function readOnlyExtension(readOnly) {
  return [EditorState.readOnly.of(readOnly), EditorView.contentAttributes.of({ "aria-readonly": String(readOnly) })];
}

/** Start (in the new document) of the line a cue command typed on. */
export function capsLineStart(doc, spec) {
  const nl = spec.insert.lastIndexOf("\n");
  return nl >= 0 ? spec.from + nl + 1 : doc.lineAt(spec.from).from;
}
