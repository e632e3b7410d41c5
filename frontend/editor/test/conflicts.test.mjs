import { test } from "node:test";
import assert from "node:assert/strict";

import { conflictBanners, conflictsFrom } from "../conflicts.js";

test("the writer whose save found an overlap and the co-writer each get their banner", () => {
  const list = [
    { id: 3, url: "/scripts/1/conflicts/3/", mine: false, by: "陈思远" },
    { id: 4, url: "/scripts/1/conflicts/4/", mine: true, by: "杨帆" },
  ];
  assert.deepEqual(conflictBanners(list), {
    mine: { url: "/scripts/1/conflicts/4/" },
    theirs: { url: "/scripts/1/conflicts/3/", by: "陈思远" },
  });
});

test("no open conflict clears both banners; junk is ignored", () => {
  assert.deepEqual(conflictBanners([]), { mine: null, theirs: null });
  assert.deepEqual(conflictBanners(null), { mine: null, theirs: null });
  assert.deepEqual(conflictBanners([{ id: 1 }, null]), { mine: null, theirs: null });
});

test("the list is read from a save answer or a paginated list, and absent otherwise", () => {
  const one = [{ id: 1, url: "/x/", mine: true, by: "" }];
  assert.equal(conflictsFrom({ status: "saved", open_conflicts: one }), one);
  assert.equal(conflictsFrom({ count: 1, results: one }), one);
  assert.equal(conflictsFrom({ status: "saved" }), null);
  assert.equal(conflictsFrom(null), null);
});
