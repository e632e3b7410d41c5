import { test } from "node:test";
import assert from "node:assert/strict";

import { Autosave, backoffSeconds, csrfTokenFrom } from "../autosave.js";
import { FakeClock, FakeFetch, MemoryStorage, saved } from "../test-support/fakes.mjs";

const KEY = "series-12-episode-57";

/** An Autosave over a fake buffer; `edit(text)` is what the editor's update listener does. */
function setup({ base = 34, episode = 57, text = "第1集\n", storage = new MemoryStorage(), ...options } = {}) {
  const clock = new FakeClock();
  const server = new FakeFetch();
  const statuses = [];
  const buffer = { text };
  const replaced = [];
  const savedAnswers = [];
  const autosave = new Autosave({
    url: "/api/v1/series/12/revisions/",
    fetch: server.fetch,
    getText: () => buffer.text,
    base,
    episode,
    storage,
    storageKey: KEY,
    csrfToken: () => "token-1",
    timers: clock,
    now: clock.now,
    onStatus: (status) => statuses.push(status),
    replaceText: (newText) => {
      replaced.push(newText);
      buffer.text = newText;
      autosave.changed(); // the editor's listener fires for the replacement too
      return true;
    },
    onSaved: (data, info) => savedAnswers.push([data, info]),
    ...options,
  });
  const edit = (newText) => {
    buffer.text = newText;
    autosave.changed();
  };
  const state = () => statuses[statuses.length - 1]?.state;
  return { autosave, clock, server, storage, statuses, buffer, replaced, savedAnswers, edit, state };
}

test("a save starts 1.5 s after typing stops, not before", async () => {
  const s = setup();
  s.edit("第1集\n1");
  await s.clock.advance(1000);
  s.edit("第1集\n1-");
  await s.clock.advance(1400);
  assert.equal(s.server.requests.length, 0);
  assert.equal(s.state(), "unsaved");
  await s.clock.advance(100);
  assert.equal(s.server.requests.length, 1);
  const request = s.server.last;
  assert.deepEqual(request.body, { text: "第1集\n1-", base: 34, episode: 57, autosave: true });
  assert.equal(request.init.method, "POST");
  assert.equal(request.init.credentials, "same-origin");
  assert.equal(request.init.headers["X-CSRFToken"], "token-1");
  assert.equal(s.state(), "saving");
});

test("continuous typing still saves every 20 s", async () => {
  const s = setup();
  for (let i = 1; i <= 19; i++) {
    s.edit(`text ${i}`);
    await s.clock.advance(1000);
  }
  assert.equal(s.server.requests.length, 0);
  s.edit("text 20");
  await s.clock.advance(1000);
  assert.equal(s.server.requests.length, 1, "the 20 s ceiling fired although typing never paused");
  assert.equal(s.server.last.body.text, "text 20");
});

test("never two saves in flight; edits made meanwhile are saved right after", async () => {
  const s = setup();
  s.edit("a");
  await s.clock.advance(1500);
  assert.equal(s.server.pending.length, 1);
  s.edit("ab");
  await s.clock.advance(1500); // debounce fires while the first request is open
  s.autosave.saveNow();
  s.autosave.saveNow();
  assert.equal(s.server.pending.length, 1);
  await s.server.respond(201, saved(35));
  assert.equal(s.server.pending.length, 1, "one follow-up request, not two");
  assert.equal(s.server.last.body.text, "ab");
  assert.equal(s.server.last.body.base, 35);
  assert.equal(s.server.last.body.autosave, false, "a queued manual save stays manual");
  await s.server.respond(201, saved(36));
  assert.equal(s.state(), "saved");
  assert.equal(s.autosave.hasUnsavedChanges(), false);
});

test("saved and unchanged answers move the base to the head", async () => {
  const s = setup();
  s.edit("a");
  await s.clock.advance(1500);
  await s.server.respond(201, saved(35));
  assert.equal(s.autosave.base, 35);
  assert.equal(s.state(), "saved");
  s.edit("a");
  await s.clock.advance(1500);
  await s.server.respond(200, { status: "unchanged", head: { number: 35 }, own: null, text: null, conflict_url: null });
  assert.equal(s.autosave.base, 35);
  assert.equal(s.savedAnswers.length, 2);
});

test("network failures back off 1, 2, 4 … 30 s and show a countdown", async () => {
  const s = setup();
  s.edit("a");
  await s.clock.advance(1500);
  const waits = [];
  for (let i = 0; i < 7; i++) {
    await s.server.failNetwork();
    const status = s.statuses.filter((x) => !x.tick).at(-1);
    assert.equal(status.state, "offline");
    waits.push(status.seconds);
    const before = s.server.requests.length;
    await s.clock.advance(status.seconds * 1000 - 1);
    assert.equal(s.server.requests.length, before, "no retry before the backoff ends");
    await s.clock.advance(1);
    assert.equal(s.server.requests.length, before + 1);
  }
  assert.deepEqual(waits, [1, 2, 4, 8, 16, 30, 30]);
  assert.ok(s.statuses.some((x) => x.tick && x.state === "offline"), "the seconds count down");
  await s.server.respond(201, saved(35));
  assert.equal(s.state(), "saved");
  assert.deepEqual([1, 2, 3, 5, 6, 7].map(backoffSeconds), [1, 2, 4, 16, 30, 30]);
});

test("a 5xx answer is treated like being offline", async () => {
  const s = setup();
  s.edit("a");
  await s.clock.advance(1500);
  await s.server.respond(502, null);
  assert.equal(s.state(), "offline");
  assert.equal(s.statuses.at(-1).seconds, 1);
});

test("typing while offline does not hammer the server; the retry carries the latest text", async () => {
  const s = setup();
  s.edit("a");
  await s.clock.advance(1500);
  await s.server.failNetwork(); // retry in 1 s
  await s.clock.advance(1000);
  await s.server.failNetwork(); // retry in 2 s
  s.edit("ab");
  await s.clock.advance(1500); // the debounce fires during the backoff
  assert.equal(s.server.pending.length, 0);
  await s.clock.advance(500);
  assert.equal(s.server.pending.length, 1);
  assert.equal(s.server.last.body.text, "ab");
});

test("the browser's online event retries at once", async () => {
  const s = setup();
  s.edit("a");
  await s.clock.advance(1500);
  await s.server.failNetwork();
  await s.clock.advance(1000);
  await s.server.failNetwork();
  await s.clock.advance(2000);
  await s.server.failNetwork(); // now waiting 4 s
  assert.equal(s.statuses.at(-1).seconds, 4);
  s.autosave.online();
  assert.equal(s.server.pending.length, 1);
  await s.server.respond(201, saved(35));
  assert.equal(s.state(), "saved");
});

test("a request that hangs times out and goes to the offline state", async () => {
  const s = setup();
  s.edit("a");
  await s.clock.advance(1500);
  await s.clock.advance(30000);
  assert.equal(s.state(), "offline");
});

test("merged, buffer unchanged since sending: the buffer takes the merged text and base = head", async () => {
  const s = setup({ text: "第1集\n1-1 日 内 客厅\n" });
  s.edit("第1集\n1-1 日 内 客厅\n林晚：你好。\n");
  await s.clock.advance(1500);
  const merged = "第1集 新标题\n1-1 日 内 客厅\n林晚：你好。\n";
  await s.server.respond(200, { status: "merged", head: { number: 37 }, own: { number: 36 }, text: merged, conflict_url: null });
  assert.deepEqual(s.replaced, [merged]);
  assert.equal(s.buffer.text, merged);
  assert.equal(s.autosave.base, 37);
  assert.equal(s.state(), "saved");
  assert.equal(s.autosave.hasUnsavedChanges(), false, "the replacement is not an unsaved edit");
  assert.deepEqual(s.savedAnswers.at(-1)[1], { replaced: true });
  await s.clock.advance(30000);
  assert.equal(s.server.requests.length, 1, "nothing more to save");
});

test("merged, buffer changed since sending: keep the buffer, base = own, the next save merges again", async () => {
  const s = setup();
  s.edit("a");
  await s.clock.advance(1500);
  s.edit("ab"); // typed while the request was open
  await s.server.respond(200, { status: "merged", head: { number: 37 }, own: { number: 36 }, text: "X\na", conflict_url: null });
  assert.deepEqual(s.replaced, []);
  assert.equal(s.buffer.text, "ab");
  assert.equal(s.autosave.base, 36);
  assert.equal(s.state(), "unsaved");
  await s.clock.advance(1500);
  assert.equal(s.server.last.body.base, 36);
  assert.equal(s.server.last.body.text, "ab");
});

test("merged text that cannot be shown now (IME composition) is fetched by another save", async () => {
  const s = setup({ replaceText: () => false });
  s.edit("a");
  await s.clock.advance(1500);
  await s.server.respond(200, { status: "merged", head: { number: 37 }, own: { number: 36 }, text: "X\na", conflict_url: null });
  assert.equal(s.autosave.base, 36);
  assert.equal(s.state(), "unsaved");
  await s.clock.advance(1500);
  assert.equal(s.server.requests.length, 2);
  assert.equal(s.server.last.body.base, 36);
});

test("a conflict stops autosave, keeps the text safe and allows a manual save", async () => {
  const s = setup();
  s.edit("mine");
  await s.clock.advance(1500);
  await s.server.respond(200, {
    status: "conflict",
    head: { number: 40 },
    own: { number: 39 },
    text: null,
    conflict_url: "/scripts/12/conflicts/3/",
  });
  assert.equal(s.state(), "conflict");
  assert.equal(s.statuses.at(-1).conflictUrl, "/scripts/12/conflicts/3/");
  assert.equal(s.autosave.base, 39);
  s.edit("mine, more");
  await s.clock.advance(60000);
  assert.equal(s.server.requests.length, 1, "no autosave after a conflict");
  assert.equal(s.state(), "conflict");
  assert.equal(JSON.parse(s.storage.getItem(KEY)).text, "mine, more", "still backed up");
  s.autosave.saveNow();
  assert.equal(s.server.requests.length, 2);
  assert.deepEqual(s.server.last.body, { text: "mine, more", base: 39, episode: 57, autosave: false });
});

test("400 shows the field errors and waits for the writer", async () => {
  const s = setup();
  s.edit("x".repeat(10));
  await s.clock.advance(1500);
  await s.server.respond(400, { errors: { text: ["The text is too long."] } });
  assert.equal(s.state(), "invalid");
  assert.deepEqual(s.statuses.at(-1).errors, { text: ["The text is too long."] });
  await s.clock.advance(120000);
  assert.equal(s.server.requests.length, 1, "no automatic retries");
  assert.ok(s.storage.getItem(KEY), "the text is kept");
  s.edit("x");
  await s.clock.advance(1500);
  assert.equal(s.server.requests.length, 2, "the writer's next edit tries again");
});

for (const code of [401, 403, 404]) {
  test(`${code} stops saving for good and keeps the local copy`, async () => {
    const s = setup();
    s.edit("a");
    await s.clock.advance(1500);
    await s.server.respond(code, { detail: "no" });
    assert.equal(s.state(), "forbidden");
    s.edit("ab");
    s.autosave.saveNow();
    s.autosave.online();
    await s.clock.advance(60000);
    assert.equal(s.server.requests.length, 1);
    assert.equal(JSON.parse(s.storage.getItem(KEY)).text, "ab");
  });
}

test("every edit is backed up with base and time; writes are coalesced and flushed", async () => {
  const s = setup();
  s.edit("a");
  const first = JSON.parse(s.storage.getItem(KEY));
  assert.deepEqual(first, { v: 1, text: "a", base: 34, episode: 57, savedAt: s.clock.time });
  s.edit("ab");
  s.edit("abc");
  assert.equal(JSON.parse(s.storage.getItem(KEY)).text, "a", "coalesced within 250 ms");
  await s.clock.advance(250);
  assert.equal(JSON.parse(s.storage.getItem(KEY)).text, "abc");
  s.edit("abcd");
  s.autosave.flush(); // pagehide
  assert.equal(JSON.parse(s.storage.getItem(KEY)).text, "abcd");
  await s.clock.advance(1500); // the save request flushes too and sends the same text
  assert.equal(s.server.last.body.text, "abcd");
  await s.server.respond(201, saved(35));
  assert.equal(s.storage.getItem(KEY), null, "removed once that text is saved");
});

test("a backup made while a save is in flight survives the save and carries the new base", async () => {
  const s = setup();
  s.edit("a");
  await s.clock.advance(1500);
  s.edit("ab");
  await s.server.respond(201, saved(35));
  const entry = JSON.parse(s.storage.getItem(KEY));
  assert.equal(entry.text, "ab");
  assert.equal(entry.base, 35);
});

test("on load, unsaved local text is offered for restore and set aside", () => {
  const storage = new MemoryStorage();
  storage.setItem(KEY, JSON.stringify({ v: 1, text: "server text + my edits", base: 34, episode: 57, savedAt: 123 }));
  const s = setup({ storage });
  const candidate = s.autosave.restoreCandidate("server text");
  assert.deepEqual(candidate, { text: "server text + my edits", base: 34, savedAt: 123, sameBase: true });
  assert.equal(storage.getItem(KEY), null, "moved aside so typing cannot overwrite it");
  s.edit("typing before deciding");
  assert.ok(storage.getItem(`${KEY}:restore`));
  s.autosave.restore(candidate);
  assert.equal(s.autosave.base, 34);
  assert.equal(storage.getItem(`${KEY}:restore`), null);
});

test("the restore offer survives a reload when the writer ignored it", () => {
  const storage = new MemoryStorage();
  storage.setItem(KEY, JSON.stringify({ v: 1, text: "mine", base: 34, episode: 57, savedAt: 1 }));
  assert.ok(setup({ storage }).autosave.restoreCandidate("server"));
  const again = setup({ storage }).autosave.restoreCandidate("server");
  assert.equal(again.text, "mine");
  setup({ storage }).autosave.discardBackup();
  assert.equal(setup({ storage }).autosave.restoreCandidate("server"), null);
});

test("text made on an older base is offered with its base, so the server merges it", () => {
  const storage = new MemoryStorage();
  storage.setItem(KEY, JSON.stringify({ v: 1, text: "old edits", base: 30, episode: 57, savedAt: 1 }));
  const s = setup({ storage, base: 34 });
  const candidate = s.autosave.restoreCandidate("newer server text");
  assert.equal(candidate.sameBase, false);
  s.autosave.restore(candidate);
  s.edit(candidate.text);
  assert.equal(s.autosave.base, 30);
});

test("no offer when the local copy equals the server text, or is corrupt", () => {
  const storage = new MemoryStorage();
  storage.setItem(KEY, JSON.stringify({ v: 1, text: "same", base: 33, episode: 57, savedAt: 1 }));
  const s = setup({ storage });
  assert.equal(s.autosave.restoreCandidate("same"), null);
  assert.equal(storage.getItem(KEY), null);
  assert.equal(storage.getItem(`${KEY}:restore`), null);
  storage.setItem(KEY, "{not json");
  assert.equal(setup({ storage }).autosave.restoreCandidate("same"), null);
});

test("storage that throws (private mode, quota) never breaks saving", async () => {
  const broken = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("quota"); }, removeItem: () => { throw new Error("denied"); } };
  const s = setup({ storage: broken });
  assert.equal(s.autosave.restoreCandidate("x"), null);
  s.edit("a");
  await s.clock.advance(1500);
  await s.server.respond(201, saved(35));
  assert.equal(s.state(), "saved");
});

test("the csrftoken cookie is read by name", () => {
  assert.equal(csrfTokenFrom("sessionid=abc; csrftoken=Tok%3D1; other=2"), "Tok=1");
  assert.equal(csrfTokenFrom(""), "");
});
