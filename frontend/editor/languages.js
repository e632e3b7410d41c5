// Line tokenizers for the two script formats, free of CodeMirror imports so that Node's
// test runner can exercise them directly.
//
// Both formats are line based, so each tokenizer classifies one whole line at a time and
// returns its spans: [[length, style], ...] covering the line exactly. The CodeMirror
// adapter (streamParser below) computes the spans when a line starts and hands them out
// one token at a time. CodeMirror's StreamLanguage caches the state per line, so editing
// a line re-tokenises from the nearest cached state, not the whole document.
//
// The rules mirror the server's parsers (scripts_app/document/zh.py and fountain.py) so
// that what the writer sees highlighted is what the preview renders. The server stays
// the authority: highlighting is a hint, and it cannot look ahead (see fountain cues).
//
// Styles are space-separated names from STYLE_NAMES; highlight.js maps them to tags.

export const STYLE_NAMES = [
  // shared
  "sdEpisode", "sdScene", "sdSceneNumber", "sdSceneMeta", "sdAction", "sdActionMark",
  "sdMarkup", "sdHook", "sdPaywall", "sdSubtitle", "sdInsert", "sdFlashback",
  "sdTransition", "sdNote", "sdVoice", "sdCue", "sdParenthetical",
  // Chinese convention
  "sdTitle", "sdSection", "sdMetaKey", "sdMetaValue", "sdProse", "sdCastLabel", "sdCast",
  "sdSpeaker", "sdSpeech",
  // Fountain
  "sdTitleKey", "sdTitleValue", "sdCharacter", "sdDialogue", "sdLyric", "sdCentered",
  "sdSynopsis", "sdPageBreak", "sdBoneyard", "sdStrong", "sdEm", "sdUnderline",
];

// --- shared helpers ---------------------------------------------------------------------

const CN_DIGITS = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS = { 十: 10, 百: 100, 千: 1000 };

/** Full-width digits (０-９) to ASCII; other characters unchanged. */
export function asciiDigits(text) {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Arabic (also full-width) digits or Chinese numerals (十二, 一百零五, 一〇五) to a number; null if neither. */
export function chineseToInt(text) {
  const ascii = asciiDigits(text);
  if (/^[0-9]+$/.test(ascii)) return Number(ascii);
  if (!text || [...text].some((c) => !(c in CN_DIGITS) && !(c in CN_UNITS))) return null;
  if (![...text].some((c) => c in CN_UNITS)) {
    return [...text].reduce((value, c) => value * 10 + CN_DIGITS[c], 0);
  }
  let total = 0;
  let digit = null;
  for (const c of text) {
    if (c in CN_DIGITS) digit = CN_DIGITS[c];
    else {
      total += (digit === null ? 1 : digit) * CN_UNITS[c]; // a bare 十 means 一十
      digit = null;
    }
  }
  return total + (digit || 0);
}

// Span list builder: skips empty pieces so the spans always advance the stream.
function spans() {
  const list = [];
  return {
    add(text, style) {
      if (!text) return;
      const last = list[list.length - 1];
      if (last && last[1] === style) last[0] += text.length;
      else list.push([text.length, style]);
    },
    list,
  };
}

// 【…】 markers, shared by both formats (the Fountain parser accepts them too).
const BRACKET_RE = /^【([^】：:]*)(?:[：:]([^】]*))?】(.*)$/s;
const BRACKET_STYLES = new Map([
  ...["卡点", "本集钩子", "钩子"].map((t) => [t, "sdHook"]),
  ...["付费卡点", "付费点"].map((t) => [t, "sdPaywall"]),
  ["字幕", "sdSubtitle"],
  ...["闪回", "闪回开始", "闪回结束", "回忆", "回忆开始", "回忆结束", "插叙", "插叙开始", "插叙结束"]
    .map((t) => [t, "sdFlashback"]),
  ...["黑屏", "切", "切镜"].map((t) => [t, "sdTransition"]),
]);

/** Style of a 【…】 line, or null if the line is not a marker. */
export function bracketStyle(s) {
  const m = BRACKET_RE.exec(s);
  if (!m) return null;
  return BRACKET_STYLES.get(m[1].replace(/\s+/g, "")) || "sdInsert";
}

function addBracket(out, s, style) {
  const close = s.indexOf("】") + 1;
  // Hooks and paywalls are the beats an episode is sold on: the whole line is marked.
  out.add(s.slice(0, close), style);
  const rest = s.slice(close);
  const restStyle = style === "sdHook" || style === "sdPaywall" ? style : "sdAction";
  out.add(rest, restStyle);
}

// --- Chinese convention -----------------------------------------------------------------

const NUMERAL = "[0-9０-９]+|[零〇一二两三四五六七八九十百千]+";
const ZH_EPISODE_RE = new RegExp(`^((?:#{1,6}\\s*)?第\\s*(${NUMERAL})\\s*集)(?:([\\s：:]+)(.*))?$`, "s");
const ZH_SCENE_RE =
  /^((?:#{1,6}\s*)?([0-9０-９]{1,4})\s*[-－–—]\s*([0-9０-９]{1,4}))(?:([\s、.．：:]+)(.*))?$/s;
const ZH_TITLE_RE = /^《[^》]+》\s*(?:[（(][^）)]*[）)])?$/;
const PREMATTER_HEADERS = [
  "大纲", "故事大纲", "剧情大纲", "分集大纲", "梗概", "故事梗概", "剧情梗概", "分集梗概",
  "剧情简介", "故事简介", "简介", "人物小传", "人物介绍", "人物设定", "人物简介", "人设",
  "主要人物", "角色介绍", "角色设定", "人物表", "人物关系", "创作说明", "创作背景", "创作理念",
  "主题", "看点", "卖点",
].sort((a, b) => b.length - a.length);
const ZH_HEADER_RE = new RegExp(
  `^((?:#{1,6}\\s*)?(?:[一二三四五六七八九十0-9]+[、.．]\\s*)?[【\\[]?(?:${PREMATTER_HEADERS.join("|")})[】\\]]?\\s*(?:[：:])?)(.*)$`,
  "s",
);
const META_KEYS = [
  "剧名", "编剧", "作者", "原著", "导演", "出品", "类型", "题材", "集数", "单集时长", "时长",
  "受众", "标签", "版本", "日期", "联系方式",
];
const ZH_META_RE = new RegExp(`^((?:${META_KEYS.join("|")})\\s*[：:])(.*)$`, "s");
const CAST_RE = /^((?:出场人物|登场人物|人物|角色)\s*[：:])(.*)$/s;
const SPEAKER_RE = /^([^：:]{0,40})([：:])(.*)$/s;
const NOT_IN_NAMES_RE = /[。！？!?，,；;…“”"「」『』《》【】—～~（）()△▲着了]/;
const CLAUSE_ENDINGS = ["说", "道", "问", "喊", "答", "吼", "骂", "写着", "显示", "写道"];
const JOINT_RE = /[、&＆/／]/;
const LETTER_RE = /\p{L}/u;
const LEADING_PAREN_RE = /^[（(][^（）()]*[）)]\s*/;
const TIME_TOKENS = new Set([
  "日", "夜", "晨", "暮", "黄昏", "黎明", "清晨", "傍晚", "白天", "夜晚", "晚上", "深夜",
  "凌晨", "早晨", "早上", "上午", "中午", "下午", "午后", "雨夜", "拂晓", "午夜",
]);
const INTERIOR_TOKENS = new Set(["内", "外", "内/外", "外/内", "内外", "内／外", "外／内"]);
const FUSED_RE = new RegExp(
  `^(?:${[...TIME_TOKENS].join("|")})?[/／]?(?:内[/／]?外|外[/／]?内|内|外)(?:[/／]?(?:${[...TIME_TOKENS].join("|")}))?$`,
);
const VOICE_WORDS = new Set(["OS", "内心", "心声", "内心独白", "独白", "心理", "VO", "画外音", "画外"]);
const SUBTITLE_LABELS = new Set(["字幕"]);
const NOTE_LABELS = new Set(["备注", "注", "注释", "批注", "PS", "ps", "梗概", "本集梗概", "本集简介", "简介", "剧情简介", "本集剧情"]);
const ACTION_LABELS = new Set([
  "时间", "地点", "画面", "镜头", "特写", "音效", "音乐", "配乐", "BGM", "道具", "服装", "化妆",
  "提示", "说明", "转场", "空镜", "内景", "外景",
]);
const MAX_SPEAKER_LENGTH = 12;
const MAX_EPISODE_TITLE_LENGTH = 20;

/** Does the hint inside （…） mark an inner voice (OS) or a voice from off screen (VO)? */
export function isVoiceHint(hint) {
  return hint
    .split(/[，,、/／;；\s]+/)
    .some((token) => VOICE_WORDS.has(token.replace(/\./g, "").toUpperCase()) || VOICE_WORDS.has(token));
}

function plausibleName(name) {
  return (
    name.length > 0 &&
    name.length <= MAX_SPEAKER_LENGTH &&
    !NOT_IN_NAMES_RE.test(name) &&
    LETTER_RE.test(name) &&
    !CLAUSE_ENDINGS.some((end) => name.endsWith(end))
  );
}

/**
 * Split the part before the first colon into names and a （hint）.
 * Returns {names: string, hint: string|null} (names as written, hint with its brackets)
 * or null when the part cannot be a speaker ("林晚看着手机，上面写着").
 */
export function splitSpeaker(part) {
  let names = part;
  let hint = null;
  const trimmed = part.replace(/\s+$/, "");
  if (/[）)]$/.test(trimmed)) {
    const start = Math.max(trimmed.lastIndexOf("（"), trimmed.lastIndexOf("("));
    if (start < 0) return null;
    hint = trimmed.slice(start);
    names = trimmed.slice(0, start);
    if (/[（）()]/.test(hint.slice(1, -1))) return null;
  }
  const bare = names.trim();
  if (!bare) return { names, hint };
  const list = JOINT_RE.test(bare) ? bare.split(/\s*[、&＆/／]\s*/) : [bare];
  if (!list.every(plausibleName)) return null;
  return { names, hint };
}

/** Heading fields after the number: time and interior tokens are styled apart from the place. */
function addSceneFields(out, fields) {
  for (const piece of fields.split(/(\s+)/)) {
    if (!piece) continue;
    if (/^\s+$/.test(piece)) out.add(piece, "sdScene");
    else if (TIME_TOKENS.has(piece) || INTERIOR_TOKENS.has(piece) || FUSED_RE.test(piece)) {
      out.add(piece, "sdScene sdSceneMeta");
    } else if (/^[（(](闪回|回忆)[）)]$/.test(piece)) out.add(piece, "sdScene sdFlashback");
    else out.add(piece, "sdScene");
  }
}

export function zhStartState() {
  // body: past the pre-matter (title, 大纲, 人物小传, 类型：…)
  // prematter: a pre-matter header or meta line was seen
  // pending: a "角色：" line had no speech, so the next plain line is the speech
  return { body: false, prematter: false, pending: false };
}

/** Is the episode-heading title plausible (分集大纲 lines "第1集：林晚被陷害入狱。" are prose)? */
function episodeTitleOk(title) {
  const t = (title || "").trim();
  return t.length <= MAX_EPISODE_TITLE_LENGTH && !/[。；;]/.test(t);
}

/**
 * Tokenise one line of a Chinese-convention script. Mutates `state`; returns the spans.
 */
export function tokenizeZhLine(line, state) {
  // prepare_line on the server strips surrounding spaces (full-width too) and one
  // markdown bold pair opening the line ("**第1集** 标题", "**林晚**：台词"). Classify the
  // prepared text, then map its styles back onto the raw characters.
  const lead = /^[\s\u3000]*/.exec(line)[0].length;
  const body = line.slice(lead);
  if (!body.startsWith("**")) {
    const content = body.replace(/[\s\u3000]+$/, "");
    const out = spans();
    out.add(line.slice(0, lead), null);
    if (content) classifyZh(out, content, state);
    out.add(body.slice(content.length), null);
    return out.list;
  }
  // Raw index of each prepared character; the rest of the line is markup or spacing.
  const keep = [];
  const markup = new Set([lead, lead + 1]);
  const second = body.indexOf("**", 2);
  if (second >= 0) markup.add(lead + second).add(lead + second + 1);
  for (let i = lead; i < line.length; i++) if (!markup.has(i)) keep.push(i);
  let prepared = keep.map((i) => line[i]).join("");
  const startTrim = prepared.length - prepared.replace(/^[\s\u3000]+/, "").length;
  prepared = prepared.slice(startTrim).replace(/[\s\u3000]+$/, "");
  const inner = spans();
  if (prepared) classifyZh(inner, prepared, state);
  const styles = new Array(line.length).fill(null);
  for (const i of markup) styles[i] = "sdMarkup";
  let p = 0;
  for (const [length, style] of inner.list) {
    for (let k = 0; k < length; k++, p++) styles[keep[startTrim + p]] = style;
  }
  const out = spans();
  for (let i = 0; i < line.length; i++) out.add(line[i], styles[i]);
  return out.list;
}

function classifyZh(out, s, state) {
  let m;
  if ((m = ZH_EPISODE_RE.exec(s)) && chineseToInt(m[2]) !== null && episodeTitleOk(m[4])) {
    state.body = true;
    state.pending = false;
    out.add(s, "sdEpisode");
    return;
  }
  if ((m = ZH_SCENE_RE.exec(s))) {
    state.body = true;
    state.pending = false;
    out.add(m[1], "sdScene sdSceneNumber");
    out.add(m[4] || "", "sdScene");
    addSceneFields(out, m[5] || "");
    return;
  }
  if (!state.body) {
    if (ZH_TITLE_RE.test(s)) return out.add(s, "sdTitle");
    if ((m = ZH_HEADER_RE.exec(s)) && (m[2] === "" || /[：:]\s*$/.test(m[1]))) {
      state.prematter = true;
      out.add(m[1], "sdSection");
      out.add(m[2], "sdProse");
      return;
    }
    if ((m = ZH_META_RE.exec(s))) {
      state.prematter = true;
      out.add(m[1], "sdMetaKey");
      out.add(m[2], "sdMetaValue");
      return;
    }
    // Bios and outline prose sit between a pre-matter header and the first episode.
    if (state.prematter) return out.add(s, "sdProse");
    state.body = true;
  }
  classifyZhBody(out, s, state);
}

function classifyZhBody(out, s, state) {
  const pending = state.pending;
  state.pending = false;
  const first = s[0];
  let m;
  if (first === "△" || first === "▲") {
    out.add(first, "sdActionMark");
    out.add(s.slice(1), "sdAction");
    return;
  }
  if (first === "【") {
    const style = bracketStyle(s);
    if (style) return addBracket(out, s, style);
  }
  if ((m = CAST_RE.exec(s))) {
    out.add(m[1], "sdCastLabel");
    out.add(m[2], "sdCast");
    return;
  }
  if ((m = SPEAKER_RE.exec(s)) && !m[3].trim().startsWith("//")) {
    const speaker = splitSpeaker(m[1]);
    if (speaker) return addLabelled(out, m, speaker, state);
  }
  // A line after "角色：" (speech on the next line) or a plain action line.
  out.add(s, pending ? "sdSpeech" : "sdAction");
}

function addLabelled(out, m, speaker, state) {
  const [, part, colon, speech] = m;
  const label = speaker.names.trim();
  if (!speaker.hint && !JOINT_RE.test(label)) {
    const labelStyle = SUBTITLE_LABELS.has(label)
      ? "sdSubtitle"
      : NOTE_LABELS.has(label)
        ? "sdNote"
        : ACTION_LABELS.has(label) || label === "场景"
          ? "sdAction"
          : null;
    if (labelStyle) {
      out.add(part + colon, labelStyle === "sdAction" ? "sdAction sdMarkup" : labelStyle);
      out.add(speech, labelStyle);
      return;
    }
  }
  out.add(speaker.names, "sdSpeaker");
  if (speaker.hint) {
    out.add(speaker.hint, isVoiceHint(speaker.hint.slice(1, -1)) ? "sdVoice" : "sdCue");
    out.add(part.slice(speaker.names.length + speaker.hint.length), "sdSpeaker");
  }
  out.add(colon, "sdSpeaker");
  const paren = LEADING_PAREN_RE.exec(speech.replace(/^\s+/, ""));
  if (paren) {
    const lead = speech.length - speech.replace(/^\s+/, "").length;
    out.add(speech.slice(0, lead), "sdSpeech");
    out.add(paren[0], "sdParenthetical");
    out.add(speech.slice(lead + paren[0].length), "sdSpeech");
  } else {
    out.add(speech, "sdSpeech");
  }
  if (!speech.trim()) state.pending = true;
}

// --- Fountain ---------------------------------------------------------------------------

const HEADING_RE = /^(?:int\.?\/ext|i\/e|int|ext|est)[. ]/i;
const SCENE_NUMBER_RE = /(\s*#(?:[\p{L}\p{N}]|[.-])+#\s*)$/u;
const TITLE_KEY_RE = /^([\p{L}\p{N}][\p{L}\p{N}_ '.-]*?\s*:)(.*)$/su;
const EPISODE_SECTION_RE = /^episode\s+[0-9]+\s*(?::.*)?$/i;
const EXTENSIONS_RE = /^(?:\s*\([^()]*\))+\s*$/;
const VOICE_EXT_RE = /^\(\s*(?:V\.?\s*O\.?|O\.?\s*S\.?|O\.?\s*C\.?|OS|VO)\s*\)$/i;

export function fountainStartState() {
  // titlePage: "maybe" before the first line, "in" inside the title page, "done" after.
  // start: the next line begins a paragraph (after a blank line or a line-level element).
  // para: "dialogue" while inside a speech, "action" inside an action paragraph.
  // boneyard/note: inside a /* */ or [[ ]] that spans lines.
  return { titlePage: "maybe", start: true, para: null, boneyard: false, note: false };
}

/** Unicode-aware "all upper case with at least one cased letter" (str.isupper in Python). */
function isUpper(text) {
  return text !== text.toLowerCase() && text === text.toUpperCase();
}

/** Does this line, at the start of a paragraph, read as a character cue? */
function cueParts(line) {
  const clean = line.trim();
  let body;
  if (clean.startsWith("@")) body = clean.slice(1).trim();
  else if (/ {2}$/.test(line)) return null; // the older "two trailing spaces: not a cue" rule
  else body = clean;
  let dual = "";
  if (body.endsWith("^")) {
    dual = "^";
    body = body.slice(0, -1).replace(/\s+$/, "");
  }
  let name = body;
  const paren = body.indexOf("(");
  if (paren >= 0 && EXTENSIONS_RE.test(body.slice(paren))) name = body.slice(0, paren).replace(/\s+$/, "");
  if (!name || name.endsWith("^")) return null;
  if (!clean.startsWith("@")) {
    if (!isUpper(name)) return null;
    // The editor cannot look at the next line (a cue needs dialogue right after it), so
    // caps lines that end like a sentence ("BANG!", "SILENCE.") stay action.
    if (/[.!?:。！？…]$/.test(name) && !/\b(?:MR|MRS|MS|DR|ST|JR|SR)\.$/.test(name)) return null;
  }
  return { dual };
}

/** A note reading "HOOK: …" or "PAYWALL: …" marks the episode's hook (model.hook_marker). */
function noteStyle(note) {
  const m = /^\[\[\s*(HOOK|PAYWALL)\s*(?:[:：]|\]\])/i.exec(note);
  if (!m) return "sdNote";
  return m[1].toUpperCase() === "PAYWALL" ? "sdPaywall" : "sdHook";
}

/**
 * Inline markup inside action, dialogue and lyrics: notes [[…]], boneyard /* … *\/,
 * and emphasis (*italic*, **bold**, ***both***, _underline_) that closes on the same line.
 */
function addInline(out, text, base, state) {
  let i = 0;
  let plainStart = 0;
  const flush = (end) => {
    if (end > plainStart) addEmphasis(out, text.slice(plainStart, end), base);
  };
  while (i < text.length) {
    if (text.startsWith("[[", i)) {
      flush(i);
      const end = text.indexOf("]]", i + 2);
      if (end < 0) {
        out.add(text.slice(i), "sdNote");
        state.note = true;
        return;
      }
      out.add(text.slice(i, end + 2), noteStyle(text.slice(i, end + 2)));
      i = plainStart = end + 2;
    } else if (text.startsWith("/*", i)) {
      flush(i);
      const end = text.indexOf("*/", i + 2);
      if (end < 0) {
        out.add(text.slice(i), "sdBoneyard");
        state.boneyard = true;
        return;
      }
      out.add(text.slice(i, end + 2), "sdBoneyard");
      i = plainStart = end + 2;
    } else {
      i += 1;
    }
  }
  flush(text.length);
}

const EMPHASIS = [
  ["***", "sdStrong sdEm"],
  ["**", "sdStrong"],
  ["*", "sdEm"],
  ["_", "sdUnderline"],
];

/** Emphasis per the spec: delimiters hug non-space text, \\-escapes are literal. */
function addEmphasis(out, text, base, mods = "") {
  const style = (extra) => [base, mods, extra].filter(Boolean).join(" ") || null;
  let i = 0;
  let plainStart = 0;
  // A search for a closing delimiter that failed from position p fails from any later
  // position too; remembering that keeps lines full of "*" linear instead of quadratic.
  const noCloseFrom = {};
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\" && i + 1 < text.length) {
      i += 2;
      continue;
    }
    const delim = ch === "*" || ch === "_" ? EMPHASIS.find(([d]) => text.startsWith(d, i)) : null;
    if (delim && i + delim[0].length < text.length && !/\s/.test(text[i + delim[0].length])) {
      const [d, emph] = delim;
      const close = i + d.length >= (noCloseFrom[d] ?? Infinity) ? -1 : findClose(text, d, i + d.length);
      if (close < 0) noCloseFrom[d] = Math.min(noCloseFrom[d] ?? Infinity, i + d.length);
      if (close > 0) {
        out.add(text.slice(plainStart, i), style(""));
        out.add(d, "sdMarkup");
        addEmphasis(out, text.slice(i + d.length, close), base, [mods, emph].filter(Boolean).join(" "));
        out.add(d, "sdMarkup");
        i = plainStart = close + d.length;
        continue;
      }
    }
    i += ch === "*" || ch === "_" ? (delim ? delim[0].length : 1) : 1;
  }
  out.add(text.slice(plainStart), style(""));
}

function findClose(text, d, from) {
  for (let j = from + 1; j < text.length; j++) {
    if (text[j - 1] === "\\" || text[j] !== d[0]) continue;
    // A run of the delimiter character closes only if it has exactly this length:
    // "*a **b** c*" must not end the italic inside the bold markers.
    let run = 1;
    while (text[j + run] === d[0]) run += 1;
    if (run === d.length && !/\s/.test(text[j - 1])) return j;
    j += run - 1;
  }
  return -1;
}

/**
 * Tokenise one non-empty line of a Fountain script. Mutates `state`; returns the spans.
 * Empty lines go to fountainBlankLine.
 */
export function tokenizeFountainLine(line, state) {
  const out = spans();
  const first = state.titlePage === "maybe";
  if (first) state.titlePage = "done";

  if (state.boneyard) {
    const end = line.indexOf("*/");
    if (end < 0) {
      out.add(line, "sdBoneyard");
      return out.list;
    }
    state.boneyard = false;
    out.add(line.slice(0, end + 2), "sdBoneyard");
    const rest = line.slice(end + 2);
    if (rest) addInline(out, rest, state.para === "dialogue" ? "sdDialogue" : "sdAction", state);
    return out.list;
  }
  if (state.note) {
    const end = line.indexOf("]]");
    if (end < 0) {
      out.add(line, "sdNote");
      return out.list;
    }
    state.note = false;
    out.add(line.slice(0, end + 2), "sdNote");
    addInline(out, line.slice(end + 2), state.para === "dialogue" ? "sdDialogue" : "sdAction", state);
    return out.list;
  }

  // A whitespace-only line is blank, except the spec's exactly-two-spaces line, which
  // keeps a dialogue block or note together across a visual gap.
  if (/^\s+$/.test(line)) {
    if (line !== "  ") fountainBlankLine(state);
    out.add(line, null);
    return out.list;
  }

  let m;
  // Title page: "Key: value" lines from the first line to the first blank line; values
  // may continue on lines indented by 3+ spaces or a tab.
  if (state.titlePage === "in" && /^(?: {3,}|\t)/.test(line)) {
    out.add(line, "sdTitleValue");
    return out.list;
  }
  if ((first || state.titlePage === "in") && (m = TITLE_KEY_RE.exec(line.trim())) && !HEADING_RE.test(line)) {
    state.titlePage = "in";
    const keyEnd = line.indexOf(m[1]) + m[1].length;
    out.add(line.slice(0, keyEnd), "sdTitleKey");
    out.add(line.slice(keyEnd), "sdTitleValue");
    return out.list;
  }
  state.titlePage = "done";

  const trimmed = line.trim();
  const lineLevel = (style) => {
    state.start = true;
    state.para = null;
    out.add(line, style);
    return out.list;
  };
  if (/^={3,}$/.test(trimmed)) return lineLevel("sdPageBreak");
  if ((m = /^(#+)\s*(.*)$/.exec(trimmed))) {
    return lineLevel(m[1].length === 1 && EPISODE_SECTION_RE.test(m[2]) ? "sdEpisode" : "sdSection");
  }
  if (trimmed.startsWith("=")) return lineLevel("sdSynopsis");
  if (/^>.*<$/.test(trimmed)) {
    state.start = true;
    state.para = null;
    const open = line.indexOf(">");
    const closeAt = line.lastIndexOf("<");
    out.add(line.slice(0, open + 1), "sdMarkup");
    addInline(out, line.slice(open + 1, closeAt), "sdCentered", state);
    out.add(line.slice(closeAt), "sdMarkup");
    return out.list;
  }
  if (trimmed.startsWith(">")) {
    const open = line.indexOf(">");
    state.start = true;
    state.para = null;
    out.add(line.slice(0, open + 1), "sdMarkup");
    out.add(line.slice(open + 1), "sdTransition");
    return out.list;
  }
  if (trimmed.startsWith("~")) {
    const open = line.indexOf("~");
    out.add(line.slice(0, open + 1), "sdMarkup");
    addInline(out, line.slice(open + 1), "sdLyric", state);
    state.start = false;
    return out.list;
  }
  if (/^\[\[.*\]\]$/.test(trimmed) && trimmed.indexOf("]]") === trimmed.length - 2) {
    // A note on its own line: structure for writers, it does not break the paragraph.
    out.add(line, noteStyle(trimmed));
    return out.list;
  }

  if (state.para === "dialogue" && !state.start) {
    if (/^\(.*\)$/.test(trimmed)) {
      out.add(line, "sdParenthetical");
      return out.list;
    }
    addInline(out, line, "sdDialogue", state);
    return out.list;
  }

  if (state.start) {
    state.start = false;
    if (HEADING_RE.test(trimmed) || (trimmed[0] === "." && /^[\p{L}\p{N}]/u.test(trimmed.slice(1)))) {
      state.start = true; // a heading consumes only its own line
      state.para = null;
      const lead = line.length - line.replace(/^\s+/, "").length;
      out.add(line.slice(0, lead), null);
      let body = line.slice(lead);
      if (body[0] === ".") {
        out.add(".", "sdMarkup");
        body = body.slice(1);
      }
      const number = SCENE_NUMBER_RE.exec(body);
      if (number) {
        out.add(body.slice(0, number.index), "sdScene");
        out.add(number[1], "sdScene sdSceneNumber");
      } else {
        out.add(body, "sdScene");
      }
      return out.list;
    }
    if (isUpper(trimmed) && line.endsWith("TO:")) return lineLevel("sdTransition");
    if (trimmed[0] === "【") {
      const style = bracketStyle(trimmed);
      if (style) {
        state.start = true;
        out.add(line.slice(0, line.indexOf("【")), null);
        addBracket(out, trimmed, style);
        return out.list;
      }
    }
    if (trimmed[0] !== "!" && cueParts(line)) {
      state.para = "dialogue";
      addCue(out, line);
      return out.list;
    }
    state.para = "action";
    if (trimmed[0] === "!") {
      const bang = line.indexOf("!");
      out.add(line.slice(0, bang), "sdAction");
      out.add("!", "sdMarkup");
      addInline(out, line.slice(bang + 1), "sdAction", state);
      return out.list;
    }
  }
  addInline(out, line, "sdAction", state);
  return out.list;
}

function addCue(out, line) {
  const lead = line.length - line.replace(/^\s+/, "").length;
  out.add(line.slice(0, lead), null);
  let body = line.slice(lead);
  if (body[0] === "@") {
    out.add("@", "sdMarkup");
    body = body.slice(1);
  }
  let dual = "";
  const dualMatch = /\s*\^\s*$/.exec(body);
  if (dualMatch) {
    dual = dualMatch[0];
    body = body.slice(0, dualMatch.index);
  }
  const paren = body.indexOf("(");
  if (paren >= 0 && EXTENSIONS_RE.test(body.slice(paren))) {
    out.add(body.slice(0, paren), "sdCharacter");
    for (const piece of body.slice(paren).split(/(\([^()]*\))/)) {
      if (!piece) continue;
      if (piece[0] === "(") out.add(piece, VOICE_EXT_RE.test(piece) ? "sdCharacter sdVoice" : "sdCharacter sdCue");
      else out.add(piece, "sdCharacter");
    }
  } else {
    out.add(body, "sdCharacter");
  }
  out.add(dual, "sdMarkup");
}

export function fountainBlankLine(state) {
  if (state.titlePage === "maybe" || state.titlePage === "in") state.titlePage = "done";
  if (state.boneyard || state.note) return; // blank lines inside /* */ stay boneyard
  state.start = true;
  state.para = null;
}

// --- CodeMirror adapter -----------------------------------------------------------------

const FORMATS = {
  zh: { start: zhStartState, line: tokenizeZhLine, blank: () => {} },
  fountain: { start: fountainStartState, line: tokenizeFountainLine, blank: fountainBlankLine },
};

/**
 * A StreamParser (CodeMirror's legacy-mode interface) for `format`. `tokenTable` maps
 * style names to highlight tags; it is supplied by highlight.js so this file stays free
 * of CodeMirror imports.
 */
export function streamParser(format, tokenTable) {
  const impl = FORMATS[format] || FORMATS.zh;
  return {
    name: format === "fountain" ? "fountain" : "zh-script",
    startState: () => ({ ...impl.start(), spans: null, index: 0 }),
    copyState: (state) => ({ ...state }), // spans arrays are never mutated after creation
    blankLine(state) {
      impl.blank(state);
    },
    token(stream, state) {
      if (stream.sol() || !state.spans) {
        const { spans: _s, index: _i, ...inner } = state;
        state.spans = impl.line(stream.string, inner);
        Object.assign(state, inner);
        state.index = 0;
      }
      const span = state.spans[state.index++];
      if (!span) {
        stream.skipToEnd();
        return null;
      }
      stream.pos += span[0];
      if (state.index >= state.spans.length) state.spans = null;
      return span[1];
    },
    tokenTable,
  };
}

/** Tokenise a whole text (tests and tools): [[ [text, style], ... ], ...] per line. */
export function tokenizeText(format, text) {
  const impl = FORMATS[format] || FORMATS.zh;
  const state = impl.start();
  return text.split("\n").map((line) => {
    if (!line) {
      impl.blank(state);
      return [];
    }
    let pos = 0;
    return impl.line(line, state).map(([length, style]) => {
      const piece = [line.slice(pos, pos + length), style];
      pos += length;
      return piece;
    });
  });
}

// --- line queries used by the editing commands --------------------------------------------

/** The Chinese-convention line with markdown bold and surrounding spaces removed. */
function prepareZh(line) {
  let s = line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  if (s.startsWith("**")) s = s.slice(2).replace("**", "").replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  return s;
}

/** Episode number of a 第N集 heading line, else null. */
export function zhEpisodeNumber(line) {
  const m = ZH_EPISODE_RE.exec(prepareZh(line));
  return m && episodeTitleOk(m[4]) ? chineseToInt(m[2]) : null;
}

/** [episode, scene] numbers of a "3-2 日 内 …" heading line, else null. */
export function zhSceneNumber(line) {
  const m = ZH_SCENE_RE.exec(prepareZh(line));
  return m ? [Number(asciiDigits(m[2])), Number(asciiDigits(m[3]))] : null;
}

/** Episode number of a Fountain "# Episode N" section line, else null. */
export function fountainEpisodeNumber(line) {
  const m = /^\s*#(?!#)\s*episode\s+([0-9]+)/i.exec(line);
  return m ? Number(m[1]) : null;
}

/** Is this a Fountain scene heading line (INT./EXT./… or forced with a dot)? */
export function isFountainHeading(line) {
  const t = line.trim();
  return HEADING_RE.test(t) || (t[0] === "." && /^[\p{L}\p{N}]/u.test(t.slice(1)));
}

/** The speakers of a Chinese dialogue line ("林晚、苏晴（同时）：…" gives both), else []. */
export function zhSpeakers(line) {
  const s = prepareZh(line);
  if (!s || "△▲【".includes(s[0]) || CAST_RE.test(s) || zhSceneNumber(s) || zhEpisodeNumber(s) !== null) return [];
  const m = SPEAKER_RE.exec(s);
  if (!m || m[3].trim().startsWith("//")) return [];
  const speaker = splitSpeaker(m[1]);
  const label = speaker ? speaker.names.trim() : "";
  if (!label || (!speaker.hint && (SUBTITLE_LABELS.has(label) || NOTE_LABELS.has(label) || ACTION_LABELS.has(label) || label === "场景"))) {
    return [];
  }
  return label.split(/\s*[、&＆/／]\s*/);
}

/** The names on a 人物： line, without role notes, else []. */
export function zhCast(line) {
  const m = CAST_RE.exec(prepareZh(line));
  if (!m) return [];
  return m[2]
    .split(/[、，,/／\s]+/)
    .map((name) => name.replace(/[（(][^）)]*[）)]/g, "").trim())
    .filter(Boolean);
}

/** The name of a Fountain character cue line (after a blank line), else null. */
export function fountainCueName(line) {
  const trimmed = line.trim();
  if (!trimmed || isFountainHeading(trimmed) || trimmed[0] === "!" || (isUpper(trimmed) && line.endsWith("TO:"))) {
    return null;
  }
  if (!cueParts(line)) return null;
  let name = trimmed.replace(/^@/, "").replace(/\s*\^\s*$/, "");
  const paren = name.indexOf("(");
  if (paren >= 0) name = name.slice(0, paren);
  return name.trim() || null;
}
