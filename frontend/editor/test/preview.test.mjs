import { test } from "node:test";
import assert from "node:assert/strict";

import { PreviewScheduler } from "../preview.js";
import { applyChanges, diffChanges } from "../textdiff.js";
import { FakeClock, settle } from "../test-support/fakes.mjs";

function setup() {
  const clock = new FakeClock();
  const calls = [];
  const results = [];
  let text = "v0";
  const scheduler = new PreviewScheduler({
    timers: clock,
    snapshot: () => ({ text }),
    request: (snap) =>
      new Promise((resolve, reject) => {
        calls.push({ snap, resolve, reject });
      }),
    onResult: (data, snap) => results.push([data, snap.text]),
  });
  const edit = (t) => {
    text = t;
    scheduler.changed();
  };
  return { clock, calls, results, scheduler, edit };
}

test("the preview is requested 600 ms after the last change", async () => {
  const s = setup();
  s.edit("v1");
  await s.clock.advance(500);
  s.edit("v2");
  await s.clock.advance(599);
  assert.equal(s.calls.length, 0);
  await s.clock.advance(1);
  assert.equal(s.calls.length, 1);
  assert.equal(s.calls[0].snap.text, "v2");
});

test("one preview request at a time; a newer text is asked for after the answer", async () => {
  const s = setup();
  s.edit("v1");
  await s.clock.advance(600);
  s.edit("v2");
  await s.clock.advance(600);
  assert.equal(s.calls.length, 1);
  s.calls[0].resolve({ html: "<p>v1</p>" });
  await settle();
  assert.equal(s.results.length, 1);
  assert.equal(s.calls.length, 2);
  assert.equal(s.calls[1].snap.text, "v2");
});

test("a failed preview is reported and the next change asks again", async () => {
  const errors = [];
  const s = setup();
  s.scheduler.onError = (e) => errors.push(e);
  s.edit("v1");
  await s.clock.advance(600);
  s.calls[0].reject(new Error("500"));
  await settle();
  assert.equal(errors.length, 1);
  s.edit("v2");
  await s.clock.advance(600);
  assert.equal(s.calls.length, 2);
});

test("merged text is applied as small line changes", () => {
  const mine = "第1集\n1-1 日 内 客厅\n林晚：你好。\n△门开了。\n";
  const merged = "第1集 新标题\n1-1 日 内 客厅\n林晚：你好。\n△门开了。\n【卡点】他来了。\n";
  const changes = diffChanges(mine, merged);
  assert.deepEqual(changes, [
    { from: 0, to: 4, insert: "第1集 新标题\n" },
    { from: mine.length, to: mine.length, insert: "【卡点】他来了。\n" },
  ]);
  assert.equal(applyChanges(mine, changes), merged);
  assert.deepEqual(diffChanges(mine, mine), []);
});

test("line diff round-trips on random texts", () => {
  let seed = 7;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < 500; i++) {
    const make = () => Array.from({ length: random(10) }, () => "abc"[random(3)]).join("\n") + (random(2) ? "\n" : "");
    const a = make();
    const b = make();
    const changes = diffChanges(a, b);
    assert.equal(applyChanges(a, changes), b);
    for (let k = 1; k < changes.length; k++) assert.ok(changes[k].from >= changes[k - 1].to);
  }
});
