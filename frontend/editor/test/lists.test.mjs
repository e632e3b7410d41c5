import { test } from "node:test";
import assert from "node:assert/strict";

import { fetchAllPages } from "../lists.js";

const answer = (body, ok = true, status = 200) => ({ ok, status, json: async () => body });

test("every page of a paginated list is read, following next", async () => {
  const pages = {
    "/c/?revision=3": { count: 3, next: "/c/?revision=3&page=2", results: [1, 2] },
    "/c/?revision=3&page=2": { count: 3, next: null, results: [3] },
  };
  const asked = [];
  const items = await fetchAllPages("/c/?revision=3", {
    fetchPage: async (url) => {
      asked.push(url);
      return answer(pages[url]);
    },
  });
  assert.deepEqual(items, [1, 2, 3]);
  assert.deepEqual(asked, Object.keys(pages));
});

test("a bare array is taken as it is; a failed page is an error; the page count is capped", async () => {
  assert.deepEqual(await fetchAllPages("/x/", { fetchPage: async () => answer([7, 8]) }), [7, 8]);
  await assert.rejects(fetchAllPages("/x/", { fetchPage: async () => answer({}, false, 500) }));
  let calls = 0;
  const loop = async () => {
    calls += 1;
    return answer({ next: "/again/", results: [calls] });
  };
  assert.deepEqual(await fetchAllPages("/x/", { fetchPage: loop, maxPages: 3 }), [1, 2, 3]);
});
