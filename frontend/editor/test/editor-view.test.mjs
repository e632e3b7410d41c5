import { test } from "node:test";
import assert from "node:assert/strict";

import { Compartment, EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { undo, undoDepth } from "@codemirror/commands";

import { LineTracker } from "../cm-extensions.js";
import {
  applyServerText,
  contentAttributes,
  editorExtensions,
  fromServer,
  jumpTo,
  makeReadOnly,
  updateListener,
} from "../editor-view.js";
import { makeTranslator } from "../strings.js";
import { FakeView } from "../test-support/view.mjs";

const t = makeTranslator({ editor_label: "剧本正文" });
const contentAttrs = (state) => Object.assign({}, ...state.facet(EditorView.contentAttributes));

function extensionsFor(overrides = {}) {
  return editorExtensions({
    format: "zh",
    readOnly: false,
    t,
    phrases: null,
    readOnlyConf: new Compartment(),
    elementKeymap: [],
    onCommentMarker: () => {},
    onUpdate: () => {},
    ...overrides,
  });
}

test("the content is named, and Chinese scripts are marked zh-Hans while Fountain is spell-checked", () => {
  assert.deepEqual(contentAttributes("zh", t), { "aria-label": "剧本正文", "aria-multiline": "true", tabindex: "0", lang: "zh-Hans" });
  assert.deepEqual(contentAttributes("fountain", t), {
    "aria-label": "剧本正文",
    "aria-multiline": "true",
    tabindex: "0",
    spellcheck: "true",
  });
});

test("the extensions carry the read-only state, the phrases, the nonce, the element keys first and the listener", () => {
  const run = () => true;
  const onUpdate = () => {};
  const state = EditorState.create({
    doc: "第1集\n",
    extensions: extensionsFor({
      readOnly: true,
      phrases: { Find: "查找" },
      cspNonce: "n0nce",
      elementKeymap: [{ key: "Ctrl-Alt-e", run }],
      onUpdate,
    }),
  });
  assert.equal(state.readOnly, true);
  assert.equal(contentAttrs(state)["aria-readonly"], "true");
  assert.equal(contentAttrs(state).lang, "zh-Hans");
  assert.equal(state.phrase("Find"), "查找");
  assert.equal(state.facet(EditorView.cspNonce), "n0nce");
  assert.equal(state.facet(keymap)[0][0].run, run, "the element keymap takes precedence");
  assert.ok(state.facet(EditorView.updateListener).includes(onUpdate));

  const plain = EditorState.create({ doc: "", extensions: extensionsFor() });
  assert.equal(plain.readOnly, false);
  assert.equal(plain.facet(EditorView.cspNonce), "");
  assert.equal(plain.phrase("Find"), "Find");
});

test("lost permission switches an editable view to read-only", () => {
  const readOnlyConf = new Compartment();
  const view = new FakeView({ doc: "第1集\n", extensions: extensionsFor({ readOnlyConf }) });
  assert.equal(view.state.readOnly, false);
  makeReadOnly(view, readOnlyConf);
  assert.equal(view.state.readOnly, true);
  assert.equal(contentAttrs(view.state)["aria-readonly"], "true");
});

test("edits reach the trackers, autosave and preview; the server's text and cursor moves do not count as edits", () => {
  const calls = [];
  const trackers = new Set();
  const view = new FakeView({ doc: "第1集\n△门开了。\n" });
  const tracker = new LineTracker(view.state.doc);
  trackers.add(tracker);
  view.onUpdate = updateListener({
    trackers,
    onUserEdit: () => calls.push("user"),
    onEdit: () => calls.push("edit"),
    onCursor: () => calls.push("cursor"),
  });

  view.dispatch({ changes: { from: 0, insert: "《标题》\n" } });
  assert.deepEqual(calls.splice(0), ["user", "edit", "cursor"]);
  assert.equal(tracker.posOfLine(2), view.state.doc.line(3).from, "the tracker follows the edit");

  applyServerText(view, `${view.text}【卡点】他来了。\n`);
  assert.deepEqual(calls.splice(0), ["edit", "cursor"], "merged text is not a user edit");

  view.dispatch({ selection: { anchor: 2 } });
  assert.deepEqual(calls.splice(0), ["cursor"]);
});

test("the server's merged text replaces the buffer as line changes, outside the undo history", () => {
  const view = new FakeView({ doc: "第1集\n林晚：你好。\n", extensions: extensionsFor() });
  view.type("△门开了。\n");
  const cursor = view.state.selection.main.head;
  assert.equal(undoDepth(view.state), 1);

  assert.equal(applyServerText(view, "第1集 新标题\n林晚：你好。\n△门开了。\n"), true);
  assert.equal(view.text, "第1集 新标题\n林晚：你好。\n△门开了。\n");
  const tr = view.transactions.at(-1);
  assert.equal(tr.annotation(fromServer), true);
  assert.equal(undoDepth(view.state), 1, "not undoable");
  assert.equal(view.state.selection.main.head, cursor + 4, "the cursor stays after the writer's line");

  undo({ state: view.state, dispatch: (tr) => view.dispatch(tr) });
  assert.equal(view.text, "第1集 新标题\n林晚：你好。\n", "undo takes back the writer's edit only");
});

test("nothing is replaced during an IME composition", () => {
  const view = new FakeView({ doc: "第1集\n" });
  view.composing = true;
  assert.equal(applyServerText(view, "第2集\n"), false);
  assert.equal(view.text, "第1集\n");
  assert.equal(view.transactions.length, 0);
});

test("a jump puts the cursor at the clamped position, scrolls there and focuses; no position, no jump", () => {
  const view = new FakeView({ doc: "第1集\n1-1 日 内 客厅\n" });
  jumpTo(view, 4, "center");
  assert.equal(view.state.selection.main.head, 4);
  assert.equal(view.focused, 1);
  assert.equal(view.transactions.at(-1).effects.length, 1, "with the scroll-into-view effect");
  jumpTo(view, 10_000);
  assert.equal(view.state.selection.main.head, view.state.doc.length);
  jumpTo(view, null);
  jumpTo(view, undefined);
  assert.equal(view.transactions.length, 2);
  assert.equal(view.focused, 2);
});
