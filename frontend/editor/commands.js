// Toolbar and keyboard insertions, as pure functions of (text, cursor) so that they can
// be tested without a browser. toolbar.js turns the returned change into a transaction.
//
// Placement rule, the same for every element: on an empty line the element is typed
// into that line; on a line with text it starts a new line below, so a command never
// splits or rewrites what the writer has already typed.

import {
  fountainCueName,
  fountainEpisodeNumber,
  isFountainHeading,
  zhCast,
  zhEpisodeNumber,
  zhSceneNumber,
  zhSpeakers,
} from "./languages.js";

/** Toolbar actions per format, in toolbar order. */
export const ACTIONS = {
  zh: ["episode", "scene", "action", "dialogue", "subtitle", "hook", "paywall"],
  fountain: ["episode", "scene", "character", "parenthetical", "transition", "note", "paywall"],
};

/**
 * Shortcuts in CodeMirror key notation. Ctrl+Alt with digits follows Final Draft's
 * element numbering (1 scene heading, 2 action, 3 character, 4 parenthetical,
 * 6 transition) without taking Ctrl+digit, which browsers use to switch tabs; the
 * letters avoid Ctrl+Alt+A/Z/W (QQ and WeChat screenshots and windows), T, L and D
 * (desktop shortcuts) and arrows (screen-reader table navigation). On Windows,
 * CodeMirror leaves Ctrl+Alt combinations that type an AltGr character alone.
 */
export const SHORTCUTS = {
  scene: "Ctrl-Alt-1",
  action: "Ctrl-Alt-2",
  dialogue: "Ctrl-Alt-3",
  character: "Ctrl-Alt-3",
  parenthetical: "Ctrl-Alt-4",
  transition: "Ctrl-Alt-6",
  subtitle: "Ctrl-Alt-7",
  episode: "Ctrl-Alt-e",
  hook: "Ctrl-Alt-h",
  note: "Ctrl-Alt-h",
  paywall: "Ctrl-Alt-p",
  save_now: "Mod-s",
};

/** Human-readable form of a CodeMirror key ("Ctrl-Alt-e" → "Ctrl+Alt+E" or "⌃⌥E"). */
export function formatShortcut(key, mac = false) {
  const parts = key.split("-");
  const last = parts.pop().toUpperCase();
  const names = mac
    ? { Ctrl: "⌃", Alt: "⌥", Shift: "⇧", Mod: "⌘", Cmd: "⌘", Meta: "⌘" }
    : { Ctrl: "Ctrl", Alt: "Alt", Shift: "Shift", Mod: "Ctrl", Cmd: "Meta", Meta: "Meta" };
  const mods = parts.map((p) => names[p] || p);
  return mac ? mods.join("") + last : [...mods, last].join("+");
}

/** The aria-keyshortcuts value ("Control+Alt+E"). */
export function ariaShortcut(key, mac = false) {
  const names = { Ctrl: "Control", Alt: "Alt", Shift: "Shift", Mod: mac ? "Meta" : "Control", Cmd: "Meta", Meta: "Meta" };
  const parts = key.split("-");
  const last = parts.pop().toUpperCase();
  return [...parts.map((p) => names[p] || p), last].join("+");
}

// --- numbering --------------------------------------------------------------------------

function linesOf(text) {
  return text.split(/\r\n|\r|\n/);
}

/** The number for a new episode heading at the cursor: one more than the last above it. */
export function nextEpisodeNumber(textBefore, format = "zh") {
  const number = format === "fountain" ? fountainEpisodeNumber : zhEpisodeNumber;
  const lines = linesOf(textBefore);
  for (let i = lines.length - 1; i >= 0; i--) {
    const n = number(lines[i]);
    if (n !== null) return n + 1;
  }
  return 1;
}

/**
 * The "N-M" number for a new scene heading at the cursor, from the text above it:
 * N is the episode the cursor is in (its 第N集 heading, or the last scene's episode when
 * the script has no headings), M one more than the highest scene of that episode above
 * the cursor. "3-2" after "第3集 … 3-1 …"; "4-1" right after "第4集".
 */
export function nextSceneNumber(textBefore) {
  const lines = linesOf(textBefore);
  let maxScene = 0;
  let lastSceneEpisode = null;
  for (let i = lines.length - 1; i >= 0; i--) {
    const episode = zhEpisodeNumber(lines[i]);
    if (episode !== null) {
      // Scenes numbered for another episode (a copy-paste slip) do not count.
      return `${episode}-${maxSceneFor(lines.slice(i + 1), episode) + 1}`;
    }
    const scene = zhSceneNumber(lines[i]);
    if (scene && lastSceneEpisode === null) lastSceneEpisode = scene[0];
    if (scene && scene[0] === lastSceneEpisode) maxScene = Math.max(maxScene, scene[1]);
  }
  return lastSceneEpisode === null ? "1-1" : `${lastSceneEpisode}-${maxScene + 1}`;
}

function maxSceneFor(lines, episode) {
  let max = 0;
  for (const line of lines) {
    const scene = zhSceneNumber(line);
    if (scene && scene[0] === episode) max = Math.max(max, scene[1]);
  }
  return max;
}

/**
 * The speaker a new dialogue line most likely belongs to: conversations alternate, so
 * the speaker before the most recent one in the current scene; failing that, someone
 * from the scene's 人物 line who has not just spoken. Null if the scene gives no clue.
 */
export function suggestSpeaker(textBefore, format = "zh") {
  const lines = linesOf(textBefore);
  const recent = [];
  let cast = [];
  for (let i = lines.length - 1; i >= 0 && recent.length < 2; i--) {
    const line = lines[i];
    if (format === "fountain") {
      if (isFountainHeading(line) || fountainEpisodeNumber(line) !== null) break;
      const blankBefore = i === 0 || lines[i - 1].trim() === "";
      const name = blankBefore ? fountainCueName(line) : null;
      if (name && !recent.includes(name)) recent.push(name);
    } else {
      if (zhSceneNumber(line) || zhEpisodeNumber(line) !== null) break;
      if (!cast.length) cast = zhCast(line);
      for (const name of zhSpeakers(line)) {
        if (recent.length < 2 && !recent.includes(name)) recent.push(name);
      }
    }
  }
  if (recent.length === 2) return recent[1];
  const other = cast.find((name) => name !== recent[0]);
  return other || recent[0] || null;
}

// --- insertions -------------------------------------------------------------------------

function lineAround(text, pos) {
  const from = text.lastIndexOf("\n", pos - 1) + 1;
  let to = text.indexOf("\n", pos);
  if (to < 0) to = text.length;
  return { from, to, text: text.slice(from, to) };
}

/**
 * Place `block` at the cursor following the placement rule.
 * opts.blankBefore: the element starts a paragraph (an empty line above it);
 * opts.after: text appended after the block (not part of the selection);
 * opts.select: [start, end] offsets inside `block` to select (default: cursor at end).
 * Returns {from, to, insert, anchor, head} with positions in the new text.
 */
export function placeBlock(text, pos, block, opts = {}) {
  const line = lineAround(text, pos);
  let from;
  let to;
  let prefix = "";
  if (line.text.trim() === "") {
    from = line.from;
    to = line.to;
    if (opts.blankBefore && from > 0) {
      const prev = lineAround(text, from - 1);
      if (prev.text.trim() !== "") prefix = "\n";
    }
  } else {
    from = to = line.to;
    prefix = opts.blankBefore ? "\n\n" : "\n";
  }
  const insert = prefix + block + (opts.after || "");
  const start = from + prefix.length;
  const [selStart, selEnd] = opts.select || [block.length, block.length];
  const cursorAfter = opts.cursorAfter ? insert.length - prefix.length : null;
  return {
    from,
    to,
    insert,
    anchor: cursorAfter !== null ? start + cursorAfter : start + selStart,
    head: cursorAfter !== null ? start + cursorAfter : start + selEnd,
  };
}

/**
 * The change for toolbar/shortcut action `kind` at `pos` in `text`.
 * Returns {from, to, insert, anchor, head, caps?} or null if the action does not apply
 * to the format. `caps` asks the editor to upper-case typing on the new line (Fountain
 * cues), as screenwriting programs do.
 */
export function insertion(kind, format, text, pos) {
  const before = text.slice(0, pos);
  if (format === "fountain") {
    switch (kind) {
      case "episode":
        return placeBlock(text, pos, `# Episode ${nextEpisodeNumber(before, "fountain")}: `, { blankBefore: true });
      case "scene":
        return placeBlock(text, pos, "INT. ", { blankBefore: true });
      case "character": {
        const name = suggestSpeaker(before, "fountain") || "";
        return { ...placeBlock(text, pos, name, { blankBefore: true, select: [0, name.length] }), caps: true };
      }
      case "parenthetical":
        return placeBlock(text, pos, "()", { select: [1, 1] });
      case "transition":
        return placeBlock(text, pos, "CUT TO:", { blankBefore: true, after: "\n\n", cursorAfter: true });
      case "note":
        return placeBlock(text, pos, "[[HOOK: ]]", { blankBefore: true, select: [8, 8] });
      case "paywall":
        return placeBlock(text, pos, "[[PAYWALL: ]]", { blankBefore: true, select: [11, 11] });
      default:
        return null;
    }
  }
  switch (kind) {
    case "episode":
      return placeBlock(text, pos, `第${nextEpisodeNumber(before, "zh")}集 `, { blankBefore: true });
    case "scene":
      return placeBlock(text, pos, `${nextSceneNumber(before)} 日 内 `, { blankBefore: true });
    case "action":
      return placeBlock(text, pos, "△");
    case "dialogue": {
      // The placeholder is selected so that typing (with or without an IME) replaces it.
      const name = suggestSpeaker(before, "zh") || "角色";
      return placeBlock(text, pos, `${name}：`, { select: [0, name.length] });
    }
    case "subtitle":
      return placeBlock(text, pos, "【字幕：】", { select: [4, 4] });
    case "hook":
      return placeBlock(text, pos, "【卡点】");
    case "paywall":
      return placeBlock(text, pos, "【付费卡点】");
    default:
      return null;
  }
}
