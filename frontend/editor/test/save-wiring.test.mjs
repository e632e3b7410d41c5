import { test } from "node:test";
import assert from "node:assert/strict";

import { history } from "@codemirror/commands";

import { updateListener } from "../editor-view.js";
import { wireSave } from "../save-wiring.js";
import { StatusView } from "../status.js";
import { FakeWindow, click, fire, keydown } from "../test-support/dom.mjs";
import { FakeClock, FakeFetch, MemoryStorage, saved } from "../test-support/fakes.mjs";
import { shellFor } from "../test-support/shell.mjs";
import { FakeView } from "../test-support/view.mjs";

const KEY = "series-12-episode-57";
const CFG = { saveUrl: "/api/v1/series/12/revisions/", base: 34, episode: 57, storageKey: KEY };

/** The save wiring over a fake view whose edits go through the editor's real update listener. */
function setup({ isMac = false, text = "第1集\n" } = {}) {
  const shell = shellFor();
  const clock = new FakeClock();
  const server = new FakeFetch();
  const storage = new MemoryStorage();
  const win = new FakeWindow();
  const statusView = new StatusView(shell.ui, shell.t, () => {}, clock);
  const view = new FakeView({ doc: text, extensions: [history()] });
  const sends = [];
  const answers = [];
  const autosave = wireSave({
    root: shell.root,
    ui: shell.ui,
    cfg: CFG,
    view,
    fetch: server.fetch,
    storage,
    csrf: () => "token-1",
    statusView,
    onSend: () => sends.push(view.text),
    onSaved: (data, info) => answers.push([data.status, info.replaced]),
    win,
    doc: shell.doc,
    isMac,
    timers: clock,
    now: clock.now,
  });
  view.onUpdate = updateListener({ trackers: new Set(), onUserEdit: () => autosave.changed(), onEdit() {}, onCursor() {} });
  const status = () => shell.ui.statusText.textContent;
  return { ...shell, clock, server, storage, win, view, autosave, sends, answers, status };
}

test("typing is saved after the pause, as the writer, and the status follows", async () => {
  const { view, clock, server, status, sends, answers, autosave } = setup();
  assert.equal(status(), "已保存", "the page starts saved");
  view.type("1-1 日 内 客厅\n");
  assert.equal(status(), "有未保存的修改");
  await clock.advance(1500);
  assert.equal(status(), "正在保存…");
  const request = server.last;
  assert.equal(request.url, "/api/v1/series/12/revisions/");
  assert.equal(request.init.headers["X-CSRFToken"], "token-1");
  assert.deepEqual(request.body, { text: "第1集\n1-1 日 内 客厅\n", base: 34, episode: 57, autosave: true });
  assert.deepEqual(sends, ["第1集\n1-1 日 内 客厅\n"]);
  await server.respond(201, saved(35));
  assert.equal(status(), "已保存");
  assert.deepEqual(answers, [["saved", false]]);
  assert.equal(autosave.base, 35);
});

test("a failed save retries by itself after the backoff, at once on Retry now and when the browser is online", async () => {
  const { view, clock, server, status, ui, win } = setup();
  view.type("△");
  await clock.advance(1500);
  await server.failNetwork();
  assert.equal(status(), "离线——1 秒后重试");
  assert.equal(ui.retry.hidden, false);
  await clock.advance(1000);
  assert.equal(server.requests.length, 2, "retried after 1 s");
  await server.failNetwork();
  assert.equal(status(), "离线——2 秒后重试");

  click(ui.retry);
  assert.equal(server.requests.length, 3, "Retry now does not wait");
  assert.equal(server.last.body.autosave, false);
  await server.respond(502, {});
  assert.equal(status(), "离线——4 秒后重试");

  fire(win, "online", { bubbles: false });
  assert.equal(server.requests.length, 4, "back online: retried at once");
  await server.respond(201, saved(35));
  assert.equal(status(), "已保存");
  assert.equal(ui.retry.hidden, true);
  await clock.advance(60_000);
  assert.equal(server.requests.length, 4, "no retry is left over");
});

test("Save now saves at once, as a manual save", async () => {
  const { ui, server, view } = setup();
  view.type("△");
  click(ui.save);
  assert.equal(server.requests.length, 1);
  assert.equal(server.last.body.autosave, false);
});

test("Ctrl+S anywhere in the editor saves instead of opening the browser's dialog", () => {
  const { ui, server } = setup();
  const event = keydown(ui.toolbar, { key: "s", ctrlKey: true });
  assert.equal(event.defaultPrevented, true);
  assert.equal(server.requests.length, 1);
  assert.equal(server.last.body.autosave, false);
  // Caps Lock on: still a save. (The second save waits for the first, as always.)
  assert.equal(keydown(ui.save, { key: "S", ctrlKey: true }).defaultPrevented, true);

  for (const props of [
    { key: "s", ctrlKey: true, altKey: true }, // Ctrl+Alt+S types a character on some layouts
    { key: "s", metaKey: true }, // Cmd is not the modifier off a Mac
    { key: "s", ctrlKey: true, isComposing: true },
    { key: "d", ctrlKey: true },
  ]) {
    assert.equal(keydown(ui.toolbar, props).defaultPrevented, false, JSON.stringify(props));
  }
  assert.equal(server.requests.length, 1);
});

test("a Ctrl/Cmd+S the editor itself handled is not saved twice; on a Mac it is Cmd+S", () => {
  const { ui, server, root } = setup({ isMac: true });
  root.firstElementChild.addEventListener("keydown", (event) => event.preventDefault()); // CodeMirror's keymap
  keydown(ui.toolbar, { key: "s", metaKey: true });
  assert.equal(server.requests.length, 0);
  const mac = setup({ isMac: true });
  assert.equal(keydown(mac.ui.toolbar, { key: "s", ctrlKey: true }).defaultPrevented, false);
  assert.equal(keydown(mac.ui.toolbar, { key: "s", metaKey: true }).defaultPrevented, true);
  assert.equal(mac.server.requests.length, 1);
});

test("the local copy is written when the page may go, and leaving with unsaved text asks first", async () => {
  const { view, storage, win, doc, clock, server } = setup();
  view.type("1");
  view.type("2"); // within 250 ms: this copy is still pending
  assert.equal(JSON.parse(storage.getItem(KEY)).text, "第1集\n1");
  fire(win, "pagehide", { bubbles: false });
  assert.equal(JSON.parse(storage.getItem(KEY)).text, "第1集\n12");

  view.type("3");
  doc.visibilityState = "hidden";
  fire(doc, "visibilitychange", { bubbles: false });
  assert.equal(JSON.parse(storage.getItem(KEY)).text, "第1集\n123");

  const leaving = fire(win, "beforeunload", { bubbles: false });
  assert.equal(leaving.defaultPrevented, true);
  assert.equal(leaving.returnValue, "");

  await clock.advance(1500);
  await server.respond(201, saved(35));
  assert.equal(storage.getItem(KEY), null, "the saved text needs no copy");
  const after = fire(win, "beforeunload", { bubbles: false });
  assert.equal(after.defaultPrevented, false);
  assert.equal(after.returnValue, undefined);
});

test("merged text from the server goes into the buffer outside the undo history and is not saved again", async () => {
  const { view, clock, server, answers, status, autosave } = setup();
  view.type("△门开了。\n");
  await clock.advance(1500);
  const merged = "编剧：合作者\n第1集\n△门开了。\n";
  await server.respond(200, { status: "merged", head: { number: 37, sha256: "x" }, own: { number: 36 }, text: merged, conflict_url: null });
  assert.equal(view.text, merged);
  assert.deepEqual(answers, [["merged", true]]);
  assert.equal(status(), "已保存");
  assert.equal(autosave.base, 37);
  await clock.advance(30_000);
  assert.equal(server.requests.length, 1);
});
