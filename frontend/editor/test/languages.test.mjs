import { test } from "node:test";
import assert from "node:assert/strict";

import { STYLE_NAMES, chineseToInt, streamParser, tokenizeText } from "../languages.js";

/** Tokens of each line as "style:text" strings, unstyled pieces left out. */
function tokens(format, text) {
  return tokenizeText(format, text).map((line) =>
    line.filter(([piece, style]) => style && piece.trim()).map(([piece, style]) => `${style}:${piece.trim()}`),
  );
}

/** The styles covering `piece` on the only line of `text`. */
function styleOf(format, text, piece, lineIndex = 0) {
  const found = tokenizeText(format, text)[lineIndex].find(([p]) => p.includes(piece));
  return found ? found[1] : undefined;
}

// Real lines from a rule-of-law micro-drama (the platform's demo script).
const ZH = `《法槌之下》
类型：法治 / 现实题材

**大纲：**
退休语文教师王桂兰被“健康讲座”骗走三十万养老钱。

**第1集：三十万**
1-1 日 内 王桂兰家客厅
人物：王桂兰、林晚
△老式客厅，墙上挂着“桃李满园”的锦旗。
王桂兰（颤抖）：三十万……我攒了一辈子的钱，就剩三百二十一块？
林晚：（蹲下，握住她的手）王老师，您先别急。
林晚（OS）：高额返利、专挑老人——这是典型的养老诈骗。
【手机屏幕：微信聊天记录，“康寿小周”：王阿姨，名额只剩最后两个啦！】
1-2 康寿养生会所 日 内
▲会所里坐满老人，台上投影写着：科学养生，健康百岁。
赵德海（VO）：晚晚，听说你接了个案子？
林晚看着手机，上面写着：明天见。
【字幕：三天后】
【闪回】
【闪回结束】
【卡点】林晚从没跟任何人提过这个案子，舅舅是怎么知道的？
【付费卡点】顾沉舟推来一份名单。`;

test("every line is covered exactly by its tokens, in both formats", () => {
  const fountain = "Title: X\n\nINT. HOUSE - DAY #1#\n\nMIA (V.O.)\n(quietly)\nHi *there* **you** _all_.\n";
  for (const [format, text] of [["zh", ZH], ["fountain", fountain]]) {
    const lines = text.split("\n");
    tokenizeText(format, text).forEach((line, i) => {
      assert.equal(line.map(([piece]) => piece).join(""), lines[i], `${format} line ${i + 1}`);
      for (const [, style] of line) {
        for (const name of (style || "").split(" ").filter(Boolean)) assert.ok(STYLE_NAMES.includes(name), name);
      }
    });
  }
});

test("Chinese: pre-matter, episode and scene headings", () => {
  const t = tokens("zh", ZH);
  assert.deepEqual(t[0], ["sdTitle:《法槌之下》"]);
  assert.deepEqual(t[1], ["sdMetaKey:类型：", "sdMetaValue:法治 / 现实题材"]);
  assert.deepEqual(t[3], ["sdMarkup:**", "sdSection:大纲：", "sdMarkup:**"]);
  assert.deepEqual(t[4], ["sdProse:退休语文教师王桂兰被“健康讲座”骗走三十万养老钱。"]);
  assert.deepEqual(t[6], ["sdMarkup:**", "sdEpisode:第1集：三十万", "sdMarkup:**"]);
  assert.deepEqual(t[7], [
    "sdScene sdSceneNumber:1-1",
    "sdScene sdSceneMeta:日",
    "sdScene sdSceneMeta:内",
    "sdScene:王桂兰家客厅",
  ]);
  // Location first, time and interior after it, is accepted too.
  assert.deepEqual(t[14], ["sdScene sdSceneNumber:1-2", "sdScene:康寿养生会所", "sdScene sdSceneMeta:日", "sdScene sdSceneMeta:内"]);
});

test("Chinese: cast, action, dialogue with cues, OS and VO", () => {
  const t = tokens("zh", ZH);
  assert.deepEqual(t[8], ["sdCastLabel:人物：", "sdCast:王桂兰、林晚"]);
  assert.deepEqual(t[9], ["sdActionMark:△", "sdAction:老式客厅，墙上挂着“桃李满园”的锦旗。"]);
  assert.deepEqual(t[10], ["sdSpeaker:王桂兰", "sdCue:（颤抖）", "sdSpeaker:：", "sdSpeech:三十万……我攒了一辈子的钱，就剩三百二十一块？"]);
  assert.deepEqual(t[11], ["sdSpeaker:林晚：", "sdParenthetical:（蹲下，握住她的手）", "sdSpeech:王老师，您先别急。"]);
  assert.deepEqual(t[12], ["sdSpeaker:林晚", "sdVoice:（OS）", "sdSpeaker:：", "sdSpeech:高额返利、专挑老人——这是典型的养老诈骗。"]);
  assert.equal(styleOf("zh", "赵德海（VO）：晚晚", "（VO）"), "sdVoice");
  assert.equal(styleOf("zh", "林晚（os，颤抖）：我", "（os，颤抖）"), "sdVoice");
  // △ lines contain colons and are never dialogue; nor is narration with a colon.
  assert.deepEqual(t[15], ["sdActionMark:▲", "sdAction:会所里坐满老人，台上投影写着：科学养生，健康百岁。"]);
  assert.deepEqual(t[17], ["sdAction:林晚看着手机，上面写着：明天见。"]);
});

test("Chinese: 【…】 inserts, subtitles, flashbacks, hooks and paywalls", () => {
  const t = tokens("zh", ZH);
  assert.deepEqual(t[13], ["sdInsert:【手机屏幕：微信聊天记录，“康寿小周”：王阿姨，名额只剩最后两个啦！】"]);
  assert.deepEqual(t[18], ["sdSubtitle:【字幕：三天后】"]);
  assert.deepEqual(t[19], ["sdFlashback:【闪回】"]);
  assert.deepEqual(t[20], ["sdFlashback:【闪回结束】"]);
  assert.deepEqual(t[21], ["sdHook:【卡点】林晚从没跟任何人提过这个案子，舅舅是怎么知道的？"]);
  assert.deepEqual(t[22], ["sdPaywall:【付费卡点】顾沉舟推来一份名单。"]);
  assert.equal(styleOf("zh", "【本集钩子】他笑了", "【本集钩子】"), "sdHook");
  assert.equal(styleOf("zh", "【黑屏】", "【黑屏】"), "sdTransition");
});

test("Chinese: a speaker line without speech makes the next plain line speech", () => {
  const t = tokens("zh", "第1集\n1-1 日 内 客厅\n林晚：\n你来了。\n△门开了。");
  assert.deepEqual(t[2], ["sdSpeaker:林晚："]);
  assert.deepEqual(t[3], ["sdSpeech:你来了。"]);
  assert.deepEqual(t[4], ["sdActionMark:△", "sdAction:门开了。"]);
});

test("Chinese: outline lines are prose, not headings; labels are not speakers", () => {
  const t = tokens("zh", "分集大纲：\n第1集：林晚被陷害入狱，她发誓复仇。\n\n第1集 入狱\n字幕：三年后\n备注：这里加音效\n画面：城市夜景");
  assert.deepEqual(t[1], ["sdProse:第1集：林晚被陷害入狱，她发誓复仇。"]);
  assert.deepEqual(t[3], ["sdEpisode:第1集 入狱"]);
  assert.deepEqual(t[4], ["sdSubtitle:字幕：三年后"]);
  assert.deepEqual(t[5], ["sdNote:备注：这里加音效"]);
  assert.deepEqual(t[6], ["sdAction sdMarkup:画面：", "sdAction:城市夜景"]);
});

test("Chinese numerals and full-width digits in headings", () => {
  assert.equal(chineseToInt("十二"), 12);
  assert.equal(chineseToInt("一百零五"), 105);
  assert.equal(chineseToInt("一〇五"), 105);
  assert.equal(chineseToInt("１２"), 12);
  assert.equal(chineseToInt("abc"), null);
  assert.deepEqual(tokens("zh", "第十二集 反转")[0], ["sdEpisode:第十二集 反转"]);
  assert.equal(styleOf("zh", "１２-３ 夜 外 天台", "１２-３"), "sdScene sdSceneNumber");
});

// Real lines from the platform's Fountain sample (a vertical drama in US format).
const FOUNTAIN = `Title: OBJECTION
Credit: Written by
Contact:
    Microdrama Studio

# Episode 1: The Wrong Verdict
= Junior lawyer Mia Chen loses a rigged case and finds the judge's envelope.

INT. COURTROOM 4B - DAY #1#

Packed gallery. MIA CHEN (28), cheap blazer, sharp eyes, stands at the defense table.

JUDGE HALVORSEN
(banging the gavel)
Overruled. We are adjourned.

MIA (V.O.)
Three years of law school for *this*.

ON HER PHONE: _UNKNOWN NUMBER: Check the judge's car._

[[HOOK: Ethan turns and looks straight at Mia's hiding place.]]

> CUT TO BLACK.

===

CUT TO:

.SNIPER SCOPE POV

>THE END<

~Happy birthday to you

## Act one

BANG!

@McCLANE
Yippee ki-yay.

/* an old scene

still cut */
Back in.`;

test("Fountain: title page, sections, synopses, headings with scene numbers", () => {
  const t = tokens("fountain", FOUNTAIN);
  assert.deepEqual(t[0], ["sdTitleKey:Title:", "sdTitleValue:OBJECTION"]);
  assert.deepEqual(t[2], ["sdTitleKey:Contact:"]);
  assert.deepEqual(t[3], ["sdTitleValue:Microdrama Studio"]);
  assert.deepEqual(t[5], ["sdEpisode:# Episode 1: The Wrong Verdict"]);
  assert.deepEqual(t[6], ["sdSynopsis:= Junior lawyer Mia Chen loses a rigged case and finds the judge's envelope."]);
  assert.deepEqual(t[8], ["sdScene:INT. COURTROOM 4B - DAY", "sdScene sdSceneNumber:#1#"]);
  assert.deepEqual(t[10], ["sdAction:Packed gallery. MIA CHEN (28), cheap blazer, sharp eyes, stands at the defense table."]);
  assert.deepEqual(t[35], ["sdSection:## Act one"]);
});

test("Fountain: character cues, parentheticals, dialogue, extensions, emphasis", () => {
  const t = tokens("fountain", FOUNTAIN);
  assert.deepEqual(t[12], ["sdCharacter:JUDGE HALVORSEN"]);
  assert.deepEqual(t[13], ["sdParenthetical:(banging the gavel)"]);
  assert.deepEqual(t[14], ["sdDialogue:Overruled. We are adjourned."]);
  assert.deepEqual(t[16], ["sdCharacter:MIA", "sdCharacter sdVoice:(V.O.)"]);
  assert.deepEqual(t[17], ["sdDialogue:Three years of law school for", "sdMarkup:*", "sdDialogue sdEm:this", "sdMarkup:*", "sdDialogue:."]);
  assert.deepEqual(t[19], [
    "sdAction:ON HER PHONE:",
    "sdMarkup:_",
    "sdAction sdUnderline:UNKNOWN NUMBER: Check the judge's car.",
    "sdMarkup:_",
  ]);
  assert.deepEqual(t[39], ["sdMarkup:@", "sdCharacter:McCLANE"]);
  assert.deepEqual(t[40], ["sdDialogue:Yippee ki-yay."]);
  assert.deepEqual(tokens("fountain", "\n**bold** and ***both*** and *69 and then *23")[1], [
    "sdMarkup:**",
    "sdAction sdStrong:bold",
    "sdMarkup:**",
    "sdAction:and",
    "sdMarkup:***",
    "sdAction sdStrong sdEm:both",
    "sdMarkup:***",
    "sdAction:and *69 and then *23",
  ]);
});

test("Fountain: notes, transitions, page breaks, centered, lyrics, boneyard", () => {
  const t = tokens("fountain", FOUNTAIN);
  // Notes reading HOOK: / PAYWALL: are the episode's hook markers (model.hook_marker).
  assert.deepEqual(t[21], ["sdHook:[[HOOK: Ethan turns and looks straight at Mia's hiding place.]]"]);
  assert.deepEqual(tokens("fountain", "\n[[PAYWALL]]\n[[just a note]]")[1], ["sdPaywall:[[PAYWALL]]"]);
  assert.deepEqual(tokens("fountain", "\n[[PAYWALL]]\n[[just a note]]")[2], ["sdNote:[[just a note]]"]);
  assert.deepEqual(tokens("fountain", "\nShe turns. [[hook: he is alive]]")[1], ["sdAction:She turns.", "sdHook:[[hook: he is alive]]"]);
  assert.deepEqual(t[23], ["sdMarkup:>", "sdTransition:CUT TO BLACK."]);
  assert.deepEqual(t[25], ["sdPageBreak:==="]);
  assert.deepEqual(t[27], ["sdTransition:CUT TO:"]);
  assert.deepEqual(t[29], ["sdMarkup:.", "sdScene:SNIPER SCOPE POV"]);
  assert.deepEqual(t[31], ["sdMarkup:>", "sdCentered:THE END", "sdMarkup:<"]);
  assert.deepEqual(t[33], ["sdMarkup:~", "sdLyric:Happy birthday to you"]);
  // A caps line ending like a sentence stays action: the editor cannot see the next line.
  assert.deepEqual(t[37], ["sdAction:BANG!"]);
  assert.deepEqual(t[42], ["sdBoneyard:/* an old scene"]);
  assert.deepEqual(t[43], []);
  assert.deepEqual(t[44], ["sdBoneyard:still cut */"]);
  assert.deepEqual(t[45], ["sdAction:Back in."]);
});

test("Fountain: the platform's 【卡点】 markers are highlighted there too", () => {
  assert.deepEqual(tokens("fountain", "\n【卡点】She knows.")[1], ["sdHook:【卡点】She knows."]);
});

test("the CodeMirror adapter hands out the same tokens one at a time", () => {
  const parser = streamParser("zh", {});
  const state = parser.startState();
  const line = "林晚（OS）：高额返利。";
  const stream = { string: line, pos: 0, start: 0, sol() { return this.pos === 0; }, skipToEnd() { this.pos = line.length; } };
  const out = [];
  while (stream.pos < line.length) {
    const from = stream.pos;
    const style = parser.token(stream, state);
    out.push([line.slice(from, stream.pos), style]);
  }
  assert.deepEqual(out, [["林晚", "sdSpeaker"], ["（OS）", "sdVoice"], ["：", "sdSpeaker"], ["高额返利。", "sdSpeech"]]);
  const copy = parser.copyState(state);
  assert.notEqual(copy, state);
});
