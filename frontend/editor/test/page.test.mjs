import { test } from "node:test";
import assert from "node:assert/strict";

import {
  makeDateFormatter,
  numberOrNull,
  phrasesFrom,
  readConfig,
  readJSONScript,
  readText,
  safeLocalStorage,
} from "../page.js";
import { installDom } from "../test-support/dom.mjs";
import { MemoryStorage } from "../test-support/fakes.mjs";

function pageWith(scripts) {
  const doc = installDom();
  for (const [id, text] of Object.entries(scripts)) {
    const node = doc.createElement("script");
    node.setAttribute("type", "application/json");
    node.id = id;
    node.textContent = text;
    doc.body.append(node);
  }
  return doc;
}

test("the settings are read from the data attributes, with numbers and flags parsed", () => {
  const doc = installDom();
  const root = doc.createElement("div");
  Object.assign(root.dataset, {
    format: "fountain",
    saveUrl: "/api/v1/series/12/revisions/",
    previewUrl: "/api/v1/series/12/preview/",
    commentsUrl: "/api/v1/series/12/comments/",
    conflictsUrl: "/api/v1/series/12/conflicts/",
    base: "34",
    episode: "57",
    readOnly: "true",
    storageKey: "series-12-episode-57",
    cspNonce: "n0nce",
  });
  assert.deepEqual(readConfig(root, "/scripts/12/write/"), {
    format: "fountain",
    saveUrl: "/api/v1/series/12/revisions/",
    previewUrl: "/api/v1/series/12/preview/",
    commentsUrl: "/api/v1/series/12/comments/",
    conflictsUrl: "/api/v1/series/12/conflicts/",
    base: 34,
    episode: 57,
    readOnly: true,
    storageKey: "series-12-episode-57",
    cspNonce: "n0nce",
  });
});

test("missing attributes give the Chinese format, no base, an editable text and a key from the path", () => {
  const root = installDom().createElement("div");
  root.dataset.format = "something else";
  root.dataset.base = "";
  root.dataset.readOnly = "false";
  const cfg = readConfig(root, "/scripts/12/write/");
  assert.equal(cfg.format, "zh");
  assert.equal(cfg.base, null);
  assert.equal(cfg.episode, null);
  assert.equal(cfg.readOnly, false);
  assert.equal(cfg.storageKey, "script-editor:/scripts/12/write/");
  assert.equal(cfg.saveUrl, "");
});

test("numbers: empty and junk are null, digits are numbers", () => {
  assert.equal(numberOrNull(""), null);
  assert.equal(numberOrNull(undefined), null);
  assert.equal(numberOrNull("abc"), null);
  assert.equal(numberOrNull("34"), 34);
  assert.equal(numberOrNull("0"), 0);
});

test("the JSON scripts are read, and a missing or broken one gives the fallback", () => {
  const doc = pageWith({
    "script-editor-text": JSON.stringify("第1集\n"),
    "script-editor-strings": '{"saved": "已保存", "phrases": {"Find": "查找"}}',
    "script-editor-conflicts": "[not json",
  });
  assert.equal(readText(doc), "第1集\n");
  const strings = readJSONScript("script-editor-strings", {}, doc);
  assert.equal(strings.saved, "已保存");
  assert.deepEqual(phrasesFrom(strings), { Find: "查找" });
  assert.deepEqual(readJSONScript("script-editor-conflicts", [], doc), []);
  assert.equal(readJSONScript("no-such-script", "fallback", doc), "fallback");
});

test("a text that is not a string becomes empty; strings without phrases give none", () => {
  assert.equal(readText(pageWith({ "script-editor-text": "42" })), "");
  assert.equal(readText(pageWith({})), "");
  assert.equal(phrasesFrom({ saved: "已保存" }), null);
  assert.equal(phrasesFrom({ phrases: "Find" }), null);
  assert.equal(phrasesFrom(null), null);
});

test("localStorage is used when it works, and a memory stand-in when it refuses", () => {
  const real = new MemoryStorage();
  assert.equal(safeLocalStorage(() => real), real);
  assert.equal(real.getItem("__script_editor_probe__"), null, "the probe is cleaned up");

  const refusing = {
    setItem() {
      throw new Error("QuotaExceededError");
    },
  };
  const memory = safeLocalStorage(() => refusing);
  assert.notEqual(memory, refusing);
  memory.setItem("k", 5);
  assert.equal(memory.getItem("k"), "5");
  memory.removeItem("k");
  assert.equal(memory.getItem("k"), null);
  const blocked = safeLocalStorage(() => {
    throw new Error("SecurityError");
  });
  assert.equal(blocked.getItem("anything"), null);
});

test("dates are formatted for the page's language; an unreadable one is shown as it is", () => {
  const format = makeDateFormatter("en-GB");
  assert.match(format("2025-03-02T10:00:00Z"), /2 Mar 2025/);
  assert.equal(format("not a date"), "not a date");
  assert.equal(typeof makeDateFormatter("")(0), "string");
});
