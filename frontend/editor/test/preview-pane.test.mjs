import { test } from "node:test";
import assert from "node:assert/strict";

import { warningField } from "../cm-extensions.js";
import { updateListener } from "../editor-view.js";
import { PREVIEW_PREF_KEY, wirePreviewPane, wirePreviewToggle } from "../preview-pane.js";
import { click } from "../test-support/dom.mjs";
import { FakeClock, FakeFetch, MemoryStorage } from "../test-support/fakes.mjs";
import { shellFor } from "../test-support/shell.mjs";
import { FakeView } from "../test-support/view.mjs";

const TEXT = "第1集 三十万\n1-1 日 内 客厅\n△门开了。\n1-2 夜 外 街\n△下雨了。\n";
const ANSWER = {
  html:
    '<div class="screenplay"><h2 data-line="1">第1集 三十万</h2><h3 data-line="2">1-1 日 内 客厅</h3>' +
    '<p data-line="3">△门开了。<a href="/x/">link</a></p><h3 data-line="4">1-2 夜 外 街</h3><p data-line="5">△下雨了。</p></div>',
  outline: [
    {
      number: 1,
      title: "三十万",
      line: 1,
      scenes: [
        { number: "1-1", heading: "1-1 日 内 客厅", line: 2 },
        { number: "1-2", heading: "1-2 夜 外 街", line: 4 },
      ],
    },
  ],
  characters: [{ name: "林晚", lines: 3, first_line: 3 }],
  warnings: [{ line: 4, message: "Scene without characters" }],
};

/** The pane over a fake view whose edits go through the editor's real update listener. */
function setup({ previewUrl = "/api/v1/series/12/preview/", text = TEXT } = {}) {
  const page = shellFor();
  const clock = new FakeClock();
  const server = new FakeFetch();
  const trackers = new Set();
  const jumps = [];
  const view = new FakeView({ doc: text, extensions: [warningField] });
  const jumpTo = (pos) => {
    jumps.push(pos);
    if (pos !== null) view.dispatch({ selection: { anchor: pos } });
  };
  const pane = wirePreviewPane({
    root: page.root,
    ui: page.ui,
    view,
    previewUrl,
    episode: 57,
    fetch: server.fetch,
    csrf: () => "token-1",
    trackers,
    t: page.t,
    jumpTo,
    timers: clock,
  });
  view.onUpdate = updateListener({
    trackers,
    onUserEdit: () => {},
    onEdit: () => pane.preview?.changed(),
    onCursor: () => pane.scheduleCursorSync(),
  });
  return { ...page, clock, server, trackers, jumps, view, pane };
}

const warningLines = (view) => {
  const lines = [];
  view.state.field(warningField).between(0, view.state.doc.length, (from, _to, deco) => {
    lines.push([view.state.doc.lineAt(from).number, deco.spec.attributes.title]);
  });
  return lines;
};

test("the first preview is asked for at once: the text and episode, posted as the writer", () => {
  const { server } = setup();
  assert.equal(server.requests.length, 1);
  const { url, init, body } = server.last;
  assert.equal(url, "/api/v1/series/12/preview/");
  assert.equal(init.method, "POST");
  assert.equal(init.credentials, "same-origin");
  assert.deepEqual(init.headers, { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": "token-1" });
  assert.deepEqual(body, { text: TEXT, episode: 57 });
});

test("the answer fills the preview, the outline, the characters, the warnings and the editor's warning marks", async () => {
  const { server, ui, view } = setup();
  await server.respond(200, ANSWER);
  assert.equal(ui.previewNote.hidden, true);
  assert.deepEqual(ui.previewBody.querySelectorAll("[data-line]").map((b) => b.dataset.line), ["1", "2", "3", "4", "5"]);
  assert.deepEqual(
    ui.navEpisodes.querySelectorAll(".sd-nav-item").map((b) => [b.textContent, b.dataset.line]),
    [["Episode 1 三十万", "1"], ["1-1 日 内 客厅", "2"], ["1-2 夜 外 街", "4"]],
  );
  assert.equal(ui.navCharacters.textContent, "林晚 3 lines");
  assert.equal(ui.warningsSection.hidden, false);
  assert.equal(ui.warningsCount.textContent, " (1)");
  assert.deepEqual(warningLines(view), [[4, "Scene without characters"]]);
});

test("the preview is asked for again 600 ms after typing; only the shown answer's line tracker is kept", async () => {
  const { server, clock, view, trackers } = setup();
  await server.respond(200, ANSWER);
  assert.equal(trackers.size, 1);
  view.type("△雨停了。\n");
  await clock.advance(599);
  assert.equal(server.requests.length, 1);
  await clock.advance(1);
  assert.equal(server.requests.length, 2);
  assert.equal(server.last.body.text, `${TEXT}△雨停了。\n`);
  await server.respond(200, { ...ANSWER, warnings: [] });
  assert.equal(trackers.size, 1, "the previous answer's tracker is dropped");
  assert.deepEqual(warningLines(view), []);
  assert.equal(view.state.field(warningField).size, 0);
});

test("a failed preview says so and drops its tracker; the next change asks again", async () => {
  const { server, clock, view, ui, trackers } = setup();
  await server.respond(500, { detail: "boom" });
  assert.equal(ui.previewNote.hidden, false);
  assert.equal(ui.previewNote.textContent, "Preview unavailable; it will update after your next change.");
  assert.equal(trackers.size, 0);
  view.type("x");
  await clock.advance(600);
  await server.respond(200, ANSWER);
  assert.equal(ui.previewNote.hidden, true);
});

test("an unchanged outline is not rebuilt, so focus and scroll in the side panel stay", async () => {
  const { server, clock, view, ui } = setup();
  await server.respond(200, ANSWER);
  const first = ui.navEpisodes.querySelector(".sd-nav-item");
  view.type("△");
  await clock.advance(600);
  await server.respond(200, { ...ANSWER, html: "<p>changed</p>" });
  assert.equal(ui.previewBody.textContent, "changed");
  assert.equal(ui.navEpisodes.querySelector(".sd-nav-item"), first);
});

test("a click on the preview or the outline lands on that line as it is now, after typing above it", async () => {
  const { server, view, ui, jumps } = setup();
  await server.respond(200, ANSWER);
  view.type("《法槌之下》\n", 0);
  click(ui.previewBody.querySelector('[data-line="4"]'));
  assert.equal(view.state.doc.lineAt(jumps.at(-1)).number, 5);
  assert.equal(view.state.doc.lineAt(jumps.at(-1)).text, "1-2 夜 外 街");
  click(ui.navEpisodes.querySelectorAll(".sd-nav-item")[1]);
  assert.equal(view.state.doc.lineAt(jumps.at(-1)).text, "1-1 日 内 客厅");
  const before = jumps.length;
  click(ui.previewBody.querySelector("a"));
  click(ui.previewBody.querySelector(".screenplay"));
  assert.equal(jumps.length, before, "links and blocks without a line do not move the cursor");
});

test("200 ms after the cursor stops, the outline marks its scene and the preview scrolls to it", async () => {
  const { server, clock, view, ui } = setup();
  await server.respond(200, ANSWER);
  Object.assign(ui.preview, { scrollHeight: 2000, clientHeight: 500, scrollTop: 0, rectTop: 100 });
  ui.previewBody.querySelector('[data-line="4"]').rectTop = 700;
  const marked = () => ui.navEpisodes.querySelector('[aria-current="location"]').textContent;
  assert.equal(marked(), "Episode 1 三十万", "an answer marks where the cursor is at once");
  view.dispatch({ selection: { anchor: view.state.doc.line(4).from + 2 } });
  await clock.advance(199);
  assert.equal(marked(), "Episode 1 三十万");
  assert.equal(ui.preview.scrollTop, 0);
  await clock.advance(1);
  const current = ui.navEpisodes.querySelectorAll("[aria-current]").map((b) => [b.textContent, b.getAttribute("aria-current")]);
  assert.deepEqual(current, [["Episode 1 三十万", "true"], ["1-2 夜 外 街", "location"]]);
  assert.equal(ui.preview.scrollTop, 700 - 100 + 0 - 12);
});

test("a hidden preview is not scrolled, but the outline still follows the cursor", async () => {
  const { server, clock, view, ui, root } = setup();
  await server.respond(200, ANSWER);
  root.classList.add("sd-preview-hidden");
  Object.assign(ui.preview, { scrollHeight: 2000, clientHeight: 500, scrollTop: 0 });
  ui.previewBody.querySelector('[data-line="2"]').rectTop = 300;
  view.dispatch({ selection: { anchor: view.state.doc.line(3).from } });
  await clock.advance(200);
  assert.equal(ui.navEpisodes.querySelector('[aria-current="location"]').textContent, "1-1 日 内 客厅");
  assert.equal(ui.preview.scrollTop, 0);
});

test("without a preview URL nothing is requested and clicks do nothing", async () => {
  const { server, pane, ui, jumps, clock, view } = setup({ previewUrl: "" });
  assert.equal(pane.preview, null);
  view.type("x");
  await clock.advance(1000);
  assert.equal(server.requests.length, 0);
  ui.previewBody.innerHTML = '<p data-line="1">x</p>';
  click(ui.previewBody.querySelector("p"));
  assert.deepEqual(jumps, [null]);
});

test("Hide preview hides the pane and is remembered; Show preview brings it back", () => {
  const { root, ui, t } = shellFor();
  const storage = new MemoryStorage();
  wirePreviewToggle({ root, ui, t, storage });
  assert.equal(root.classList.contains("sd-preview-hidden"), false);
  assert.equal(ui.preview.hidden, false);
  assert.equal(ui.previewToggle.textContent, "Hide preview");
  assert.equal(ui.previewToggle.getAttribute("aria-expanded"), "true");
  click(ui.previewToggle);
  assert.equal(root.classList.contains("sd-preview-hidden"), true);
  assert.equal(ui.preview.hidden, true);
  assert.equal(ui.previewToggle.textContent, "Show preview");
  assert.equal(ui.previewToggle.getAttribute("aria-expanded"), "false");
  assert.equal(storage.getItem(PREVIEW_PREF_KEY), "1");

  const next = shellFor();
  wirePreviewToggle({ root: next.root, ui: next.ui, t: next.t, storage });
  assert.equal(next.ui.preview.hidden, true, "the next page starts hidden");
  click(next.ui.previewToggle);
  assert.equal(storage.getItem(PREVIEW_PREF_KEY), "0");
});

test("a storage that refuses leaves the preview shown and the button working", () => {
  const { root, ui, t } = shellFor();
  const broken = {
    getItem() {
      throw new Error("SecurityError");
    },
    setItem() {
      throw new Error("QuotaExceededError");
    },
  };
  wirePreviewToggle({ root, ui, t, storage: broken });
  assert.equal(ui.preview.hidden, false);
  click(ui.previewToggle);
  assert.equal(ui.preview.hidden, true);
});
