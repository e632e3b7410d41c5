import { test } from "node:test";
import assert from "node:assert/strict";

import { outlineItems, renderNavigator, rovingOutline } from "../navigator.js";
import { wireSkipLinks } from "../shell.js";
import { click, fire, keydown } from "../test-support/dom.mjs";
import { shellFor } from "../test-support/shell.mjs";

const DATA = {
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
    { number: 2, title: "", line: 6, scenes: [] },
  ],
  characters: [{ name: "林晚", lines: 3, first_line: 3 }],
  warnings: [],
};

function outline() {
  const page = shellFor();
  const jumps = [];
  const parts = {
    episodes: page.ui.navEpisodes,
    characters: page.ui.navCharacters,
    warnings: page.ui.navWarnings,
    warningsSection: page.ui.warningsSection,
    warningsCount: page.ui.warningsCount,
  };
  const refresh = rovingOutline(page.ui.nav, page.doc);
  renderNavigator(parts, DATA, page.t, (line) => jumps.push(line));
  refresh();
  const stops = () => page.ui.nav.querySelectorAll("summary, .sd-nav-item").filter((item) => item.tabIndex === 0);
  const label = (item) => item.textContent.trim();
  return { ...page, jumps, refresh, stops, label };
}

test("the whole outline is one tab stop, on its first heading", () => {
  const { ui, stops, label } = outline();
  const items = outlineItems(ui.nav);
  assert.equal(items.length, 7, "two headings' worth of entries: Episodes, Episode 1, 1-1, 1-2, Episode 2, Characters, 林晚");
  assert.deepEqual(stops().map(label), ["Episodes"]);
  assert.equal(ui.warningsSection.hidden, true);
  assert.ok(!items.includes(ui.warningsSection.querySelector("summary")), "a hidden panel is skipped");
});

test("Down and Up walk the headings and entries, Home and End jump, and the stop follows focus", () => {
  const { ui, doc, stops, label } = outline();
  const items = outlineItems(ui.nav);
  items[0].focus();
  keydown(items[0], { key: "ArrowDown" });
  assert.equal(label(doc.activeElement), "Episode 1 三十万");
  keydown(doc.activeElement, { key: "ArrowDown" });
  keydown(doc.activeElement, { key: "ArrowDown" });
  assert.equal(label(doc.activeElement), "1-2 夜 外 街");
  assert.deepEqual(stops().map(label), ["1-2 夜 外 街"], "Tab comes back to where you were");
  keydown(doc.activeElement, { key: "ArrowUp" });
  assert.equal(label(doc.activeElement), "1-1 日 内 客厅");
  const end = keydown(doc.activeElement, { key: "End" });
  assert.equal(end.defaultPrevented, true, "the page does not scroll");
  assert.match(label(doc.activeElement), /^林晚/);
  keydown(doc.activeElement, { key: "ArrowDown" });
  assert.match(label(doc.activeElement), /^林晚/, "no wrapping past the end");
  keydown(doc.activeElement, { key: "Home" });
  assert.equal(label(doc.activeElement), "Episodes");
});

test("Enter follows an entry as a click does; other keys are left alone", () => {
  const { ui, doc, jumps } = outline();
  const scene = outlineItems(ui.nav)[2];
  scene.focus();
  click(scene); // what Enter and Space do on a button
  assert.deepEqual(jumps, [2]);
  assert.equal(keydown(scene, { key: "a" }).defaultPrevented, false);
  assert.equal(keydown(scene, { key: "ArrowDown", ctrlKey: true }).defaultPrevented, false);
  assert.equal(doc.activeElement, scene);
});

test("Left closes a panel and Right opens it; a closed panel's entries are skipped", () => {
  const { ui, doc, stops, label } = outline();
  const [episodes] = outlineItems(ui.nav);
  episodes.focus();
  keydown(episodes, { key: "ArrowLeft" });
  assert.equal(episodes.parentElement.open, false);
  assert.deepEqual(outlineItems(ui.nav).map(label), ["Episodes", "Characters", "林晚 3 lines"]);
  keydown(episodes, { key: "ArrowDown" });
  assert.equal(label(doc.activeElement), "Characters");
  keydown(doc.activeElement, { key: "ArrowUp" });
  keydown(doc.activeElement, { key: "ArrowRight" });
  assert.equal(episodes.parentElement.open, true);
  keydown(doc.activeElement, { key: "ArrowRight" });
  assert.equal(label(doc.activeElement), "Episode 1 三十万", "Right on an open heading goes in");
  keydown(doc.activeElement, { key: "ArrowDown" });
  keydown(doc.activeElement, { key: "ArrowLeft" });
  assert.equal(doc.activeElement, episodes, "Left on an entry goes to its panel's heading");
  assert.deepEqual(stops(), [episodes]);
});

test("a panel closed with the mouse, or the outline rebuilt, keeps one stop on something that shows", () => {
  const { ui, doc, refresh, stops, label } = outline();
  const scene = outlineItems(ui.nav)[3];
  scene.focus();
  keydown(scene, { key: "ArrowUp" });
  keydown(doc.activeElement, { key: "ArrowDown" }); // the stop is on 1-2 now
  scene.closest("details").open = false;
  fire(ui.nav, "toggle", { bubbles: false });
  assert.deepEqual(stops().map(label), ["Episodes"]);
  scene.closest("details").open = true;
  refresh(outlineItems(ui.nav)[3]);
  assert.deepEqual(stops().map(label), ["Episodes"], "focus is inside: the cursor's scene does not take the stop");
  doc.activeElement = doc.body;
  refresh(outlineItems(ui.nav)[3]);
  assert.deepEqual(stops().map(label), ["1-2 夜 外 街"], "focus elsewhere: the stop follows the cursor's scene");
});

test("a skip link to the editor puts the cursor in the text instead of only scrolling", () => {
  const { doc, root } = shellFor();
  const link = doc.createElement("a");
  link.setAttribute("href", "#script-editor");
  const other = doc.createElement("a");
  other.setAttribute("href", "#main");
  doc.body.append(link, other);
  const focused = [];
  wireSkipLinks(root, () => focused.push("text"));
  const event = fire(link, "click");
  fire(other, "click");
  assert.deepEqual(focused, ["text"]);
  assert.equal(event.defaultPrevented, true);
});
