// A fake server for harness.html: replaces window.fetch with a tiny in-page
// implementation of the save, preview and comments endpoints, with switchable failure
// modes. Manual checking only; never loaded by the site.
(function () {
  "use strict";
  const params = new URLSearchParams(location.search);
  const format = params.get("format") === "fountain" ? "fountain" : "zh";
  const readOnly = params.get("readonly") === "1";
  const big = params.get("big") === "1";

  const ZH_SAMPLE = [
    "《法槌之下》",
    "类型：法治 / 现实题材",
    "",
    "**大纲：**",
    "退休语文教师王桂兰被“健康讲座”骗走三十万养老钱。",
    "",
    "第1集 三十万",
    "1-1 日 内 王桂兰家客厅",
    "人物：王桂兰、林晚",
    "△老式客厅，墙上挂着“桃李满园”的锦旗。",
    "王桂兰（颤抖）：三十万……我攒了一辈子的钱，就剩三百二十一块？",
    "林晚：（蹲下，握住她的手）王老师，您先别急。",
    "林晚（OS）：高额返利、专挑老人——这是典型的养老诈骗。",
    "【手机屏幕：微信聊天记录，“康寿小周”：名额只剩最后两个啦！】",
    "",
    "1-2 夜 外 律所楼下",
    "人物：林晚",
    "【字幕：三天后】",
    "赵德海（VO）：晚晚，听说你接了个案子？",
    "【闪回】",
    "△林晚小时候，舅舅牵着她过马路。",
    "【闪回结束】",
    "【卡点】林晚从没跟任何人提过这个案子，舅舅是怎么知道的？",
    "",
    "第2集 证据",
    "2-1 日 内 区检察院会议室",
    "人物：顾沉舟、林晚",
    "顾沉舟：康寿会所，半年里收了四十七位老人的钱。",
    "林晚：王老师愿意作证。",
    "【付费卡点】顾沉舟推来一份名单——第一个名字，是赵德海。",
    "",
  ].join("\n");

  const FOUNTAIN_SAMPLE = [
    "Title: OBJECTION",
    "Author: Studio Sample",
    "",
    "# Episode 1: The Wrong Verdict",
    "= Junior lawyer Mia Chen loses a rigged case.",
    "",
    "INT. COURTROOM 4B - DAY #1#",
    "",
    "Packed gallery. MIA CHEN (28), cheap blazer, sharp eyes.",
    "",
    "JUDGE HALVORSEN",
    "The defendant is found guilty on all counts.",
    "",
    "MIA (V.O.)",
    "(under her breath)",
    "Three years of law school for *this*.",
    "",
    "[[HOOK: Ethan turns and looks straight at Mia.]]",
    "",
    "CUT TO:",
    "",
    "# Episode 2: Deal With the Devil",
    "",
    "EXT. ROSS TOWER - NIGHT",
    "",
    "/* cut: the lobby scene",
    "",
    "still cut */",
    "~Lyrics of a song",
    "> THE END <",
    "",
  ].join("\n");

  function bigZh() {
    const names = ["林晚", "顾沉舟", "王桂兰", "赵德海", "小周"];
    const out = ["《法槌之下》", ""];
    for (let e = 1; e <= 100; e++) {
      out.push(`第${e}集 第${e}回`);
      for (let s = 1; s <= 3; s++) {
        out.push(`${e}-${s} ${s % 2 ? "日" : "夜"} 内 地点${s}`, `人物：${names[s % 5]}、${names[(s + 1) % 5]}`);
        out.push("△老式客厅，墙上挂着“桃李满园”的锦旗。茶几上堆满包装精美的“灵芝孢子粉”。");
        for (let d = 0; d < 6; d++) {
          out.push(`${names[(s + d) % 5]}${d % 3 === 1 ? "（冷笑）" : ""}：这是第${e}集第${s}场的第${d + 1}句台词，钱是怎么转出去的，您慢慢说。`);
        }
      }
      out.push(e % 10 === 0 ? "【付费卡点】林晚愣住了。" : "【卡点】门外传来脚步声。", "");
    }
    return out.join("\n");
  }

  let head = { number: 34, text: big ? bigZh() : format === "fountain" ? FOUNTAIN_SAMPLE : ZH_SAMPLE };
  window.fakeServer = { mode: "normal", latency: 300, log: [], head: () => head };

  // The page, as the Django template renders it.
  const editor = document.getElementById("script-editor");
  editor.dataset.format = format;
  editor.dataset.readOnly = readOnly ? "true" : "false";
  editor.dataset.storageKey = `harness-${format}${big ? "-big" : ""}`;
  document.getElementById("script-editor-text").textContent = JSON.stringify(head.text);
  document.cookie = "csrftoken=harness-token; path=/";

  const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const json = (status, body) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

  function preview(text) {
    const outline = [];
    const counts = new Map();
    const warnings = [];
    const html = [`<div class="screenplay screenplay-${format}">`];
    text.split("\n").forEach((line, i) => {
      const n = i + 1;
      const s = line.trim().replace(/^\*\*|\*\*$/g, "");
      if (!s) return;
      let m;
      if ((m = /^第(\d+)集\s*(.*)$/.exec(s)) || (m = /^# Episode (\d+):?\s*(.*)$/i.exec(s))) {
        outline.push({ number: Number(m[1]), title: m[2], line: n, scenes: [] });
        html.push(`<h2 class="sp-episode-heading" data-line="${n}">${escape(s)}</h2>`);
      } else if ((m = /^(\d+-\d+)\s/.exec(s)) || /^(INT|EXT)[. ]/.test(s)) {
        if (!outline.length) outline.push({ number: 1, title: "", line: n, scenes: [] });
        outline[outline.length - 1].scenes.push({ number: m ? m[1] : "", heading: s, line: n });
        html.push(`<h3 class="sp-scene" data-line="${n}">${escape(s)}</h3>`);
      } else if ((m = /^([^：:△【]{1,12}?)(?:（[^）]*）)?：/.exec(s)) || (format === "fountain" && (m = /^([A-Z][A-Z .]+?)(?: \(.*\))?$/.exec(s)))) {
        const c = counts.get(m[1]) || { lines: 0, first: n };
        c.lines += 1;
        counts.set(m[1], c);
        html.push(`<p class="el el-dialogue-zh" data-line="${n}"><span class="sp-speaker">${escape(m[1])}</span>${escape(s.slice(m[1].length))}</p>`);
      } else {
        if (s.startsWith("【卡点")) html.push(`<p class="el el-hook" data-line="${n}">${escape(s)}</p>`);
        else html.push(`<p class="el" data-line="${n}">${escape(s)}</p>`);
      }
      if (/^\d+-\d+$/.test(s)) warnings.push({ line: n, message: "Scene heading without time or place" });
    });
    html.push("</div>");
    const characters = [...counts].map(([name, c]) => ({ name, lines: c.lines, first_line: c.first }));
    characters.sort((a, b) => b.lines - a.lines);
    return { html: html.join("\n"), outline, characters, warnings };
  }

  const comments = [
    { id: 1, line: 11, current_line: 11, outdated: false, anchor_text: "三十万……", body_html: "<p>这句台词可以更<strong>克制</strong>一些。</p>", author: { id: 3, display_name: "导师 陈老师" }, created_at: "2025-03-02T10:00:00Z", resolved: false },
    { id: 2, line: 23, current_line: 23, outdated: false, anchor_text: "【卡点】", body_html: "<p>Strong hook!</p>", author: { id: 4, display_name: "Peer reader" }, created_at: "2025-03-03T08:30:00Z", resolved: false },
    { id: 3, line: 5, current_line: null, outdated: true, anchor_text: "旧的一行", body_html: "<p>This line was rewritten.</p>", author: { id: 4, display_name: "Peer reader" }, created_at: "2025-03-01T08:30:00Z", resolved: false },
  ];

  const realFetch = window.fetch.bind(window);
  window.fetch = async function (url, init = {}) {
    const u = new URL(url, location.href);
    if (!u.pathname.startsWith("/api/")) return realFetch(url, init);
    const body = init.body ? JSON.parse(init.body) : null;
    window.fakeServer.log.push({ url: u.pathname + u.search, body, at: Date.now() });
    document.dispatchEvent(new CustomEvent("fake-request", { detail: { url: u.pathname, body } }));
    await sleep(window.fakeServer.latency);
    if (u.pathname.endsWith("/preview/")) return json(200, preview(body.text));
    if (u.pathname.endsWith("/comments/")) return json(200, format === "zh" ? comments : []);
    const mode = window.fakeServer.mode;
    if (mode === "offline") throw new TypeError("Failed to fetch");
    if (mode === "500") return json(500, { detail: "boom" });
    if (mode === "400") return json(400, { errors: { text: ["The text is too long (limit 500,000 characters)."] } });
    if (mode === "403") return json(403, { detail: "forbidden" });
    if (mode === "conflict") {
      const own = head.number + 1;
      head = { number: own + 1, text: head.text };
      return json(200, { status: "conflict", head: { number: head.number, sha256: "x" }, own: { number: own }, text: null, conflict_url: "/scripts/12/conflicts/3/" });
    }
    if (mode === "merged") {
      const own = head.number + 1;
      const lines = body.text.split("\n");
      lines.splice(2, 0, format === "zh" ? "编剧：合作者（另一位编剧刚加的一行）" : "Contact: co-writer (added by another writer)");
      head = { number: own + 1, text: lines.join("\n") };
      return json(200, { status: "merged", head: { number: head.number, sha256: "x" }, own: { number: own }, text: head.text, conflict_url: null });
    }
    if (body.text === head.text) return json(200, { status: "unchanged", head: { number: head.number, sha256: "x" }, own: null, text: null, conflict_url: null });
    head = { number: head.number + 1, text: body.text };
    return json(201, { status: "saved", head: { number: head.number, sha256: "x" }, own: { number: head.number }, text: null, conflict_url: null });
  };
})();
