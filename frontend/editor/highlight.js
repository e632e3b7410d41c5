// CodeMirror side of the highlighting: the StreamLanguage built from languages.js, a
// highlight style that emits CSS classes (colours live in editor.css, so they scale with
// html.text-large and stay in one place), line classes for headings and hooks, and
// folding of episodes and scenes.

import { RangeSetBuilder } from "@codemirror/state";
import { Decoration, ViewPlugin } from "@codemirror/view";
import { HighlightStyle, StreamLanguage, foldService, syntaxHighlighting, syntaxTree } from "@codemirror/language";
import { Tag } from "@lezer/highlight";
import { STYLE_NAMES, fountainEpisodeNumber, isFountainHeading, streamParser, zhEpisodeNumber, zhSceneNumber } from "./languages.js";

// One tag per style name; the class is the name in kebab case: sdSceneNumber → sd-scene-number.
const TAGS = Object.fromEntries(STYLE_NAMES.map((name) => [name, Tag.define()]));
const className = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const highlightStyle = HighlightStyle.define(
  STYLE_NAMES.map((name) => ({ tag: TAGS[name], class: className(name) })),
);

/** Line classes from the first styled token on a line (by priority). */
const LINE_CLASSES = [
  ["sdEpisode", "sd-line-episode"],
  ["sdPaywall", "sd-line-paywall"],
  ["sdHook", "sd-line-hook"],
  ["sdScene", "sd-line-scene"],
  ["sdCharacter", "sd-line-character"],
  ["sdParenthetical", "sd-line-parenthetical"],
  ["sdDialogue", "sd-line-dialogue"],
  ["sdTransition", "sd-line-transition"],
  ["sdCentered", "sd-line-centered"],
  ["sdPageBreak", "sd-line-page-break"],
  ["sdSection", "sd-line-section"],
];
const lineDecos = new Map(LINE_CLASSES.map(([, cls]) => [cls, Decoration.line({ class: cls })]));

function lineClassFor(names) {
  for (const [name, cls] of LINE_CLASSES) if (names.has(name)) return cls;
  return null;
}

/**
 * Heading, hook and speech lines get a class on the whole line (bands, indents). Only
 * the visible ranges are walked, reading the syntax tree CodeMirror already maintains.
 */
const lineClassPlugin = ViewPlugin.fromClass(
  class {
    constructor(view) {
      this.decorations = this.build(view);
    }
    update(update) {
      if (update.docChanged || update.viewportChanged || syntaxTree(update.startState) !== syntaxTree(update.state)) {
        this.decorations = this.build(update.view);
      }
    }
    build(view) {
      const builder = new RangeSetBuilder();
      const tree = syntaxTree(view.state);
      const doc = view.state.doc;
      for (const { from, to } of view.visibleRanges) {
        let lineNo = -1;
        let names = null;
        const flush = () => {
          if (names) {
            const cls = lineClassFor(names);
            if (cls) builder.add(doc.line(lineNo).from, doc.line(lineNo).from, lineDecos.get(cls));
          }
        };
        tree.iterate({
          from,
          to,
          enter(node) {
            if (node.type.isTop) return;
            const n = doc.lineAt(node.from).number;
            if (n !== lineNo) {
              flush();
              lineNo = n;
              names = new Set();
            }
            for (const part of node.name.split("_")) names.add(part);
          },
        });
        flush();
      }
      return builder.finish();
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/**
 * Fold an episode (to the line before the next episode heading) or a scene (to the line
 * before the next scene or episode heading). The scan stops after a bounded number of
 * lines so that folding stays cheap on a 100-episode script.
 */
function headingFold(format) {
  const episodeOf = format === "fountain" ? fountainEpisodeNumber : zhEpisodeNumber;
  const isScene = format === "fountain" ? isFountainHeading : (text) => zhSceneNumber(text) !== null;
  return foldService.of((state, lineStart) => {
    const doc = state.doc;
    const first = doc.lineAt(lineStart);
    const episode = episodeOf(first.text) !== null;
    if (!episode && !isScene(first.text)) return null;
    let last = first;
    for (let n = first.number + 1, seen = 0; n <= doc.lines && seen < 5000; n++, seen++) {
      const line = doc.line(n);
      if (episodeOf(line.text) !== null || (!episode && isScene(line.text))) break;
      if (line.text.trim()) last = line;
    }
    return last.number > first.number ? { from: first.to, to: last.to } : null;
  });
}

/** Everything needed to highlight `format` ("zh" or "fountain"). */
export function scriptLanguage(format) {
  const language = StreamLanguage.define(streamParser(format, TAGS));
  return [language, syntaxHighlighting(highlightStyle), lineClassPlugin, headingFold(format)];
}
