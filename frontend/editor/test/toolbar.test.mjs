import { test } from "node:test";
import assert from "node:assert/strict";

import { EditorState } from "@codemirror/state";

import { capsField } from "../cm-extensions.js";
import { ACTIONS } from "../commands.js";
import { buildToolbar, elementKeymap, runElement, toolbarActions, wireHelp } from "../toolbar.js";
import { click, keydown } from "../test-support/dom.mjs";
import { shellFor } from "../test-support/shell.mjs";
import { FakeView } from "../test-support/view.mjs";

const atEnd = (doc) => ({ anchor: doc.length });
const viewAt = (doc, extensions = [capsField]) => new FakeView({ doc, extensions, selection: atEnd(doc) });
const selected = (view) => view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to);

test("read-only texts get no element; each format its own", () => {
  assert.deepEqual(toolbarActions({ format: "zh", readOnly: false }), ACTIONS.zh);
  assert.deepEqual(toolbarActions({ format: "fountain", readOnly: false }), ACTIONS.fountain);
  assert.deepEqual(toolbarActions({ format: "zh", readOnly: true }), []);
});

test("a scene heading goes below with the next number for its episode, as one undoable input, and focuses the editor", () => {
  const view = viewAt("第1集 三十万\n1-1 日 内 客厅\n△门开了。\n\n第2集 证据\n");
  view.dispatch({ selection: { anchor: view.state.doc.length } });
  assert.equal(runElement(view, "scene", "zh"), true);
  assert.equal(view.text, "第1集 三十万\n1-1 日 内 客厅\n△门开了。\n\n第2集 证据\n\n2-1 日 内 ");
  assert.equal(view.state.selection.main.head, view.state.doc.length, "the cursor after the heading");
  const tr = view.transactions.at(-1);
  assert.equal(tr.isUserEvent("input.element"), true);
  assert.equal(view.focused, 1);
  assert.equal(view.state.field(capsField), null, "no upper-casing outside Fountain cues");
});

test("a Fountain cue selects the likely speaker and upper-cases what is typed on its line", () => {
  const view = viewAt("INT. COURT - DAY\n\nMIA\nHello.\n\nJUDGE\nSit.\n\n");
  assert.equal(runElement(view, "character", "fountain"), true);
  assert.equal(view.text, "INT. COURT - DAY\n\nMIA\nHello.\n\nJUDGE\nSit.\n\nMIA");
  assert.equal(selected(view), "MIA", "the one who spoke before the last speaker, ready to type over");
  assert.equal(view.state.field(capsField), view.state.doc.line(view.state.doc.lines).from, "cue typing is on");
});

test("no element is inserted during an IME composition or into a read-only text", () => {
  const composing = viewAt("第1集\n");
  composing.composing = true;
  assert.equal(runElement(composing, "episode", "zh"), false);
  const readOnly = viewAt("第1集\n", [capsField, EditorState.readOnly.of(true)]);
  assert.equal(runElement(readOnly, "episode", "zh"), false);
  assert.equal(composing.transactions.length + readOnly.transactions.length, 0);
  assert.equal(runElement(viewAt("x"), "character", "zh"), false, "an element of the other format does nothing");
});

test("the keymap has each element's shortcut and Ctrl/Cmd+S, which saves and keeps the browser's dialog away", () => {
  const saves = [];
  const keys = elementKeymap({ actions: ACTIONS.zh, format: "zh", readOnly: false, saveNow: () => saves.push(1) });
  assert.deepEqual(
    keys.map((k) => k.key),
    ["Ctrl-Alt-e", "Ctrl-Alt-1", "Ctrl-Alt-2", "Ctrl-Alt-3", "Ctrl-Alt-7", "Ctrl-Alt-h", "Ctrl-Alt-p", "Mod-s"],
  );
  const save = keys.at(-1);
  assert.equal(save.preventDefault, true);
  assert.equal(save.run(), true);
  assert.deepEqual(saves, [1]);

  const view = viewAt("第1集\n\n");
  assert.equal(keys[0].run(view), true, "Ctrl+Alt+E inserts the next episode");
  assert.equal(view.text, "第1集\n\n第2集 ");

  assert.deepEqual(elementKeymap({ actions: [], format: "zh", readOnly: true, saveNow: () => {} }), []);
});

test("the toolbar has a labelled button per element with its shortcut; a click runs it", () => {
  const { ui } = shellFor();
  const ran = [];
  buildToolbar({ toolbar: ui.toolbar, actions: ACTIONS.zh, t: (k) => `«${k}»`, onAction: (kind) => ran.push(kind), isMac: false });
  const buttons = ui.toolbar.querySelectorAll("button");
  assert.equal(buttons.length, ACTIONS.zh.length);
  const episode = buttons[0];
  assert.equal(episode.textContent, "«episode»");
  assert.equal(episode.getAttribute("title"), "«episode» (Ctrl+Alt+E)");
  assert.equal(episode.getAttribute("aria-keyshortcuts"), "Control+Alt+E");
  assert.equal(episode.getAttribute("type"), "button");
  assert.ok(episode.classList.contains("sd-tool") && episode.classList.contains("sd-tool-episode"));
  click(buttons[2]);
  assert.deepEqual(ran, ["action"]);

  const mac = shellFor();
  buildToolbar({ toolbar: mac.ui.toolbar, actions: ["hook"], t: (k) => k, onAction: () => {}, isMac: true });
  assert.equal(mac.ui.toolbar.querySelector("button").getAttribute("title"), "hook (⌃⌥H)");
});

test("the toolbar is one tab stop; arrow keys move between its buttons", () => {
  const { ui, doc } = shellFor();
  buildToolbar({ toolbar: ui.toolbar, actions: ACTIONS.zh, t: (k) => k, onAction: () => {} });
  const buttons = ui.toolbar.querySelectorAll("button");
  assert.deepEqual(buttons.map((b) => b.tabIndex), [0, -1, -1, -1, -1, -1, -1]);
  buttons[0].focus();
  const event = keydown(buttons[0], { key: "ArrowRight" });
  assert.equal(event.defaultPrevented, true);
  assert.equal(doc.activeElement, buttons[1]);
  assert.deepEqual(buttons.map((b) => b.tabIndex), [-1, 0, -1, -1, -1, -1, -1]);
  keydown(buttons[1], { key: "End" });
  assert.equal(doc.activeElement, buttons.at(-1));
});

test("the shortcuts dialog lists the format's keys, opens from its button and gives focus back on close", () => {
  const { ui, doc, t, cfg } = shellFor();
  wireHelp({ ui, cfg, actions: ACTIONS.zh, t });
  const rows = ui.helpBody.querySelectorAll("tr");
  assert.equal(rows.length, ACTIONS.zh.length + 5, "elements, save, undo, redo, find, fold");
  assert.equal(rows[0].textContent, "Ctrl+Alt+E新一集");
  click(ui.helpButton);
  assert.equal(ui.help.open, true);
  click(ui.helpClose);
  assert.equal(ui.help.open, false);
  assert.equal(doc.activeElement, ui.helpButton);
});

test("without a dialog API the shortcuts dialog still opens and closes by its attribute", () => {
  const { ui, cfg, t } = shellFor();
  delete ui.help.showModal;
  delete ui.help.close;
  wireHelp({ ui, cfg, actions: [], t });
  click(ui.helpButton);
  assert.equal(ui.help.hasAttribute("open"), true);
  click(ui.helpClose);
  assert.equal(ui.help.hasAttribute("open"), false);
});
