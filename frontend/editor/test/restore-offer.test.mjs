import { test } from "node:test";
import assert from "node:assert/strict";

import { history, undo, undoDepth } from "@codemirror/commands";

import { Autosave } from "../autosave.js";
import { offerRestore } from "../restore-offer.js";
import { StatusView } from "../status.js";
import { click } from "../test-support/dom.mjs";
import { FakeClock, MemoryStorage } from "../test-support/fakes.mjs";
import { bannerNames, shellFor } from "../test-support/shell.mjs";
import { FakeView } from "../test-support/view.mjs";

const KEY = "series-12-episode-57";
const PAGE_TEXT = "第1集\n△门开了。\n";
const COPY = "第1集\n△门开了。\n林晚：你好。\n";

function setup({ copy = { v: 1, text: COPY, base: 34, episode: 57, savedAt: 1_700_000_000_000 } } = {}) {
  const shell = shellFor();
  const clock = new FakeClock();
  const storage = new MemoryStorage();
  if (copy) storage.setItem(KEY, JSON.stringify(copy));
  const statusView = new StatusView(shell.ui, shell.t, () => {}, clock);
  const view = new FakeView({ doc: PAGE_TEXT, extensions: [history()] });
  const autosave = new Autosave({ url: "/save/", fetch: () => {}, getText: () => view.text, base: 34, episode: 57, storage, storageKey: KEY, timers: clock, now: clock.now });
  offerRestore({ autosave, text: PAGE_TEXT, view, statusView, t: shell.t, formatDate: (ms) => `at ${ms}` });
  const banner = () => shell.ui.banners.querySelector(".sd-banner-restore");
  return { ...shell, clock, storage, view, autosave, banner };
}

test("a local copy that differs from the page is offered back, and announced", async () => {
  const { banner, ui, clock } = setup();
  assert.equal(banner().getAttribute("role"), "region");
  assert.equal(banner().getAttribute("aria-label"), "Restore them");
  const paragraphs = banner().querySelectorAll("p").map((p) => p.textContent);
  assert.deepEqual(paragraphs, ["This browser holds unsaved changes from at 1700000000000.", "Restore them Discard them"]);
  await clock.advance(50);
  assert.equal(ui.announcer.textContent, "This browser holds unsaved changes from at 1700000000000.");
});

test("Restore puts the copy in as one undoable edit and forgets the offer", () => {
  const { banner, ui, view, storage, doc } = setup();
  click(banner().querySelector("button.sd-button:not(.secondary)"));
  assert.equal(view.text, COPY);
  assert.equal(view.transactions.at(-1).isUserEvent("input.restore"), true);
  assert.equal(undoDepth(view.state), 1);
  assert.deepEqual(bannerNames(ui), []);
  assert.equal(view.focused, 1);
  assert.equal(storage.getItem(`${KEY}:restore`), null);
  undo({ state: view.state, dispatch: (tr) => view.dispatch(tr) });
  assert.equal(view.text, PAGE_TEXT);
  assert.equal(doc.activeElement !== null, true);
});

test("a copy made on an older revision says it will be merged, and keeps its base", () => {
  const { banner, autosave } = setup({ copy: { v: 1, text: COPY, base: 30, episode: 57, savedAt: null } });
  const paragraphs = banner().querySelectorAll("p").map((p) => p.textContent);
  assert.deepEqual(paragraphs, [
    "This browser holds unsaved changes from .",
    "They were made on an older version; restoring will merge them with the latest version when saved.",
    "Restore them Discard them",
  ]);
  click(banner().querySelector("button"));
  assert.equal(autosave.base, 30, "the server merges it rather than overwriting newer work");
});

test("Discard deletes the copy and leaves the text as it is", () => {
  const { banner, ui, view, storage } = setup();
  assert.ok(storage.getItem(`${KEY}:restore`), "moved aside while the writer decides");
  click(banner().querySelector("button.secondary"));
  assert.equal(view.text, PAGE_TEXT);
  assert.equal(storage.getItem(`${KEY}:restore`), null);
  assert.deepEqual(bannerNames(ui), []);
  assert.equal(view.focused, 1);
});

test("no copy, or the same text as the page, offers nothing", () => {
  assert.deepEqual(bannerNames(setup({ copy: null }).ui), []);
  const same = setup({ copy: { v: 1, text: PAGE_TEXT, base: 34, episode: 57, savedAt: 1 } });
  assert.deepEqual(bannerNames(same.ui), []);
  assert.equal(same.storage.getItem(`${KEY}:restore`), null);
});
