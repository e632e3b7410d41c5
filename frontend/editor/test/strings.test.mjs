import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { ACTIONS } from "../commands.js";
import { DEFAULT_STRINGS, makeTranslator } from "../strings.js";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");

test("server strings win, missing ones fall back to English, placeholders are filled", () => {
  const t = makeTranslator({ saved: "已保存", offline_retrying: "离线——{seconds} 秒后重试", hook: "" });
  assert.equal(t("saved"), "已保存");
  assert.equal(t("offline_retrying", { seconds: 4 }), "离线——4 秒后重试");
  assert.equal(t("saving"), "Saving…");
  assert.equal(t("hook"), "Hook", "an empty translation falls back too");
  assert.equal(t("no_such_key"), "no_such_key");
  assert.equal(makeTranslator(null)("saved"), "Saved");
});

test("every key the code uses has an English fallback and is listed in the README", () => {
  const used = new Set(ACTIONS.zh.concat(ACTIONS.fountain, ["save_now"]));
  for (const file of readdirSync(here).filter((f) => f.endsWith(".js"))) {
    const source = readFileSync(join(here, file), "utf8");
    for (const m of source.matchAll(/\bt\(\s*"([a-z_]+)"/g)) used.add(m[1]);
  }
  // States shown through t(state) in status.js.
  for (const state of ["saved", "saving", "unsaved", "conflict", "error", "invalid"]) used.add(state);
  const readme = readFileSync(join(here, "README.md"), "utf8");
  for (const key of used) {
    assert.ok(key in DEFAULT_STRINGS, `fallback for ${key}`);
    assert.ok(readme.includes(`\`${key}\``), `README lists ${key}`);
  }
  for (const key of Object.keys(DEFAULT_STRINGS)) assert.ok(used.has(key), `${key} is used`);
});
