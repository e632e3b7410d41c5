import { test } from "node:test";
import assert from "node:assert/strict";

import {
  ACTIONS,
  SHORTCUTS,
  ariaShortcut,
  formatShortcut,
  insertion,
  nextEpisodeNumber,
  nextSceneNumber,
  placeBlock,
  suggestSpeaker,
} from "../commands.js";

/** Apply an insertion and show the cursor as | (or the selection as [..]). */
function apply(text, spec) {
  const out = text.slice(0, spec.from) + spec.insert + text.slice(spec.to);
  const [a, b] = [Math.min(spec.anchor, spec.head), Math.max(spec.anchor, spec.head)];
  return a === b ? `${out.slice(0, a)}|${out.slice(a)}` : `${out.slice(0, a)}[${out.slice(a, b)}]${out.slice(b)}`;
}

/** Run action `kind` at the | in `marked`. */
function run(kind, format, marked) {
  const pos = marked.indexOf("|");
  const text = marked.replace("|", "");
  return apply(text, insertion(kind, format, text, pos));
}

test("next scene number comes from the text above the cursor", () => {
  assert.equal(nextSceneNumber(""), "1-1");
  assert.equal(nextSceneNumber("第1集 三十万\n"), "1-1");
  assert.equal(nextSceneNumber("第3集\n3-1 日 内 客厅\n△门开了。\n"), "3-2");
  assert.equal(nextSceneNumber("第3集\n3-1 日 内 客厅\n3-2 夜 外 街\n第4集 新的一集\n"), "4-1");
  // Scene headings in markdown bold, full-width digits, location first.
  assert.equal(nextSceneNumber("**第2集**\n**2-1 日 内 客厅**\n２-２ 办公室 夜内\n"), "2-3");
  // Out-of-order numbering: one more than the highest scene of the episode.
  assert.equal(nextSceneNumber("第5集\n5-3 日 内 A\n5-1 日 内 B\n"), "5-4");
  // A scene numbered for another episode (a copy-paste slip) does not count.
  assert.equal(nextSceneNumber("第6集\n6-1 日 内 A\n5-7 日 内 B\n"), "6-2");
  // Chinese numerals in the episode heading.
  assert.equal(nextSceneNumber("第十二集 反转\n12-1 日 内 A\n"), "12-2");
  // No episode headings: continue the last scene's episode.
  assert.equal(nextSceneNumber("1-1 日 内 A\n1-2 日 内 B\n"), "1-3");
  // An outline line is not an episode heading.
  assert.equal(nextSceneNumber("第1集\n1-1 日 内 A\n第2集：林晚被陷害入狱，她发誓复仇。\n"), "1-2");
});

test("next episode number, both formats", () => {
  assert.equal(nextEpisodeNumber("", "zh"), 1);
  assert.equal(nextEpisodeNumber("第1集\n…\n第2集 证据\n2-1 日 内 A\n", "zh"), 3);
  assert.equal(nextEpisodeNumber("第九十九集\n", "zh"), 100);
  assert.equal(nextEpisodeNumber("# Episode 1: Pilot\n\nINT. X - DAY\n\n# Episode 2\n", "fountain"), 3);
  assert.equal(nextEpisodeNumber("## Episode 7 is a subsection\n", "fountain"), 1);
});

test("the speaker suggestion alternates the conversation of the current scene", () => {
  const scene = "1-1 日 内 客厅\n人物：王桂兰、林晚\n";
  assert.equal(suggestSpeaker(scene, "zh"), "王桂兰");
  assert.equal(suggestSpeaker(`${scene}王桂兰（颤抖）：三十万……\n`, "zh"), "林晚");
  assert.equal(suggestSpeaker(`${scene}王桂兰：一\n林晚：二\n△停顿。\n`, "zh"), "王桂兰");
  assert.equal(suggestSpeaker(`${scene}林晚：一\n1-2 夜 外 街\n`, "zh"), null, "a new scene starts afresh");
  assert.equal(suggestSpeaker("\nINT. HOUSE - DAY\n\nMIA\nHi.\n\nETHAN (O.S.)\nHello.\n\n", "fountain"), "MIA");
});

test("Chinese elements: on an empty line they are typed in place; otherwise on a new line", () => {
  assert.equal(run("action", "zh", "1-1 日 内 客厅\n|"), "1-1 日 内 客厅\n△|");
  assert.equal(run("action", "zh", "林晚：你|好。"), "林晚：你好。\n△|");
  assert.equal(run("scene", "zh", "第3集\n3-1 日 内 客厅\n△门开|了。"), "第3集\n3-1 日 内 客厅\n△门开了。\n\n3-2 日 内 |");
  assert.equal(run("episode", "zh", "第1集\n1-1 日 内 A\n【卡点】完。\n|"), "第1集\n1-1 日 内 A\n【卡点】完。\n\n第2集 |");
  assert.equal(run("episode", "zh", "|"), "第1集 |");
  assert.equal(run("subtitle", "zh", "|"), "【字幕：|】");
  assert.equal(run("hook", "zh", "△她回头。|"), "△她回头。\n【卡点】|");
  assert.equal(run("paywall", "zh", "|"), "【付费卡点】|");
});

test("Chinese dialogue selects the suggested speaker so typing (also with an IME) replaces it", () => {
  assert.equal(run("dialogue", "zh", "1-1 日 内 客厅\n人物：王桂兰、林晚\n王桂兰：钱呢？\n|"), "1-1 日 内 客厅\n人物：王桂兰、林晚\n王桂兰：钱呢？\n[林晚]：");
  assert.equal(run("dialogue", "zh", "|"), "[角色]：");
});

test("Fountain elements follow the paragraph rules", () => {
  assert.equal(run("scene", "fountain", "Action here.|"), "Action here.\n\nINT. |");
  assert.equal(run("scene", "fountain", "Action here.\n|"), "Action here.\n\nINT. |");
  assert.equal(run("scene", "fountain", "Action here.\n\n|"), "Action here.\n\nINT. |");
  assert.equal(run("parenthetical", "fountain", "\nMIA|"), "\nMIA\n(|)");
  assert.equal(run("transition", "fountain", "She leaves.|"), "She leaves.\n\nCUT TO:\n\n|");
  assert.equal(run("note", "fountain", "She leaves.|"), "She leaves.\n\n[[HOOK: |]]");
  assert.equal(run("paywall", "fountain", "|"), "[[PAYWALL: |]]");
  assert.equal(run("episode", "fountain", "# Episode 1: Pilot\n\nText.|"), "# Episode 1: Pilot\n\nText.\n\n# Episode 2: |");
  const cue = insertion("character", "fountain", "\nMIA\nHi.\n\nETHAN\nHello.", 22);
  assert.equal(cue.caps, true, "cue lines upper-case what is typed");
  assert.equal(apply("\nMIA\nHi.\n\nETHAN\nHello.", cue), "\nMIA\nHi.\n\nETHAN\nHello.\n\n[MIA]");
});

test("actions of the other format do nothing", () => {
  assert.equal(insertion("transition", "zh", "", 0), null);
  assert.equal(insertion("subtitle", "fountain", "", 0), null);
});

test("placeBlock keeps the text that is already there", () => {
  const spec = placeBlock("abc\ndef", 1, "X", { blankBefore: true });
  assert.deepEqual(spec, { from: 3, to: 3, insert: "\n\nX", anchor: 6, head: 6 });
});

test("every toolbar action has a shortcut that avoids browser and system keys", () => {
  for (const kind of [...ACTIONS.zh, ...ACTIONS.fountain]) {
    const key = SHORTCUTS[kind];
    assert.ok(key, kind);
    assert.match(key, /^Ctrl-Alt-/, `${kind} uses Ctrl+Alt`);
    assert.doesNotMatch(key, /-[azwtld]$|Arrow|Delete/i, `${kind} avoids QQ/WeChat and desktop shortcuts`);
  }
  // Within one format, no two actions share a key.
  for (const format of ["zh", "fountain"]) {
    const keys = ACTIONS[format].map((kind) => SHORTCUTS[kind]);
    assert.equal(new Set(keys).size, keys.length);
  }
  assert.equal(formatShortcut("Ctrl-Alt-e"), "Ctrl+Alt+E");
  assert.equal(formatShortcut("Ctrl-Alt-e", true), "⌃⌥E");
  assert.equal(formatShortcut("Mod-s", true), "⌘S");
  assert.equal(ariaShortcut("Ctrl-Alt-1"), "Control+Alt+1");
  assert.equal(ariaShortcut("Mod-s", true), "Meta+S");
});
