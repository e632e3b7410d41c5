// A stand-in for CodeMirror's EditorView over a real EditorState: dispatch applies the
// transaction and tells `onUpdate` (shaped like a ViewUpdate: docChanged, selectionSet,
// changes, transactions), so the wiring modules run against real documents, selections,
// effects and history without a browser.

import { EditorState, Transaction } from "@codemirror/state";

export class FakeView {
  constructor({ doc = "", extensions = [], selection = undefined, onUpdate = null } = {}) {
    this.state = EditorState.create({ doc, extensions, selection });
    this.composing = false;
    this.onUpdate = onUpdate;
    this.transactions = [];
    this.focused = 0;
  }

  dispatch(...specs) {
    const tr = specs.length === 1 && specs[0] instanceof Transaction ? specs[0] : this.state.update(...specs);
    this.transactions.push(tr);
    this.state = tr.state;
    this.onUpdate?.({
      state: tr.state,
      docChanged: tr.docChanged,
      selectionSet: Boolean(tr.selection),
      changes: tr.changes,
      transactions: [tr],
    });
  }

  focus() {
    this.focused += 1;
  }

  /** The writer types `text` at `at` (default: the end of the document). */
  type(text, at = this.state.doc.length) {
    this.dispatch({ changes: { from: at, insert: text }, selection: { anchor: at + text.length }, userEvent: "input.type" });
  }

  get text() {
    return this.state.doc.toString();
  }

  /** The effects of the last transaction that carried one of type `effectType`. */
  lastEffect(effectType) {
    for (let i = this.transactions.length - 1; i >= 0; i--) {
      for (const e of this.transactions[i].effects) if (e.is(effectType)) return e.value;
    }
    return undefined;
  }
}
