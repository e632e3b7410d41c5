import { test } from "node:test";
import assert from "node:assert/strict";

import { setCommentMarkers } from "../comments.js";
import { wireComments } from "../comments-panel.js";
import { updateListener } from "../editor-view.js";
import { click } from "../test-support/dom.mjs";
import { FakeFetch } from "../test-support/fakes.mjs";
import { shellFor } from "../test-support/shell.mjs";
import { FakeView } from "../test-support/view.mjs";

const TEXT = "第1集\n1-1 日 内 客厅\n王桂兰：三十万……\n【卡点】他来了。\n";
const comment = (id, currentLine, extra = {}) => ({
  id,
  line: currentLine ?? 1,
  current_line: currentLine,
  outdated: currentLine === null,
  anchor_text: "三十万……",
  body_html: `<p>comment ${id}</p>`,
  author: { id: 3, display_name: "导师 陈老师" },
  created_at: "2025-03-02T10:00:00Z",
  resolved: false,
  ...extra,
});

function setup({ url = "/api/v1/series/12/comments/", base = 34 } = {}) {
  const page = shellFor();
  const server = new FakeFetch();
  const trackers = new Set();
  const jumps = [];
  const view = new FakeView({ doc: TEXT });
  view.onUpdate = updateListener({ trackers, onUserEdit() {}, onEdit() {}, onCursor() {} });
  const state = { base };
  const comments = wireComments({
    url,
    base: () => state.base,
    fetch: server.fetch,
    view,
    trackers,
    ui: page.ui,
    t: page.t,
    formatDate: (value) => `on ${value.slice(0, 10)}`,
    jumpTo: (pos, y) => jumps.push([pos, y]),
    doc: page.doc,
  });
  /** Lines (in the buffer as it is now) and comment ids of the gutter markers. */
  const markers = () => {
    const found = [];
    view.lastEffect(setCommentMarkers).between(0, view.state.doc.length, (from, _to, marker) => {
      found.push([view.state.doc.lineAt(from).number, marker.ids]);
    });
    return found;
  };
  return { ...page, server, trackers, jumps, view, state, comments, markers };
}

test("the comments on the base revision are read page by page, following next", async () => {
  const { server, comments, ui, markers } = setup();
  const loading = comments.load();
  assert.equal(server.last.url, "/api/v1/series/12/comments/?revision=34");
  assert.deepEqual(server.last.init, { credentials: "same-origin", headers: { Accept: "application/json" } });
  await server.respond(200, {
    count: 3,
    next: "/api/v1/series/12/comments/?page=2&revision=34",
    previous: null,
    results: [comment(1, 3), comment(2, 3)],
  });
  assert.equal(server.last.url, "/api/v1/series/12/comments/?page=2&revision=34");
  await server.respond(200, { count: 3, next: null, previous: "…", results: [comment(3, 4, { resolved: true })] });
  await loading;
  assert.equal(server.requests.length, 2);
  assert.deepEqual(
    ui.commentList.querySelectorAll(".sd-comment").map((li) => li.id),
    ["sd-comment-1", "sd-comment-2", "sd-comment-3"],
  );
  assert.equal(ui.commentsCount.textContent, " (2)", "open comments only");
  assert.deepEqual(markers(), [[3, [1, 2]]], "resolved comments get no marker");
});

test("a comments URL with a query string gets the revision appended", async () => {
  const { server, comments } = setup({ url: "/api/v1/series/12/comments/?episode=57", base: 3 });
  comments.load();
  assert.equal(server.last.url, "/api/v1/series/12/comments/?episode=57&revision=3");
});

test("with no revision yet (or no URL) the list says there are no comments and nothing is asked", () => {
  const { server, comments, ui } = setup({ base: null });
  comments.load();
  assert.equal(server.requests.length, 0);
  assert.equal(ui.commentList.textContent, "No comments yet.");
  assert.equal(ui.commentsCount.textContent, "");
  const noUrl = setup({ url: "" });
  noUrl.comments.load();
  assert.equal(noUrl.server.requests.length, 0);
});

test("a failed fetch keeps what is shown and drops its line tracker", async () => {
  const { server, comments, ui, trackers } = setup();
  const first = comments.load();
  await server.respond(200, [comment(1, 2)]);
  await first;
  const shown = ui.commentList.innerHTML;
  const again = comments.load();
  await server.respond(500, {});
  await again;
  assert.equal(ui.commentList.innerHTML, shown);
  assert.equal(trackers.size, 1, "only the shown comments' tracker stays");
});

test("a comment's button jumps to its line as it is now; an outdated one cannot be jumped to", async () => {
  const { server, comments, ui, jumps, view } = setup();
  const loading = comments.load();
  await server.respond(200, [comment(1, 3), comment(2, null)]);
  await loading;
  view.type("《法槌之下》\n", 0);
  const [outdated, current] = ui.commentList.querySelectorAll(".sd-comment");
  assert.equal(outdated.id, "sd-comment-2", "no current line sorts by the old line");
  assert.equal(outdated.querySelector("button").disabled, true);
  assert.ok(outdated.classList.contains("is-outdated"));
  assert.match(outdated.textContent, /Outdated/);
  click(current.querySelector("button"));
  const [pos, y] = jumps.at(-1);
  assert.equal(y, "center");
  assert.equal(view.state.doc.lineAt(pos).text, "王桂兰：三十万……");
  assert.equal(current.querySelector(".sd-comment-body p").textContent, "comment 1");
  assert.equal(current.querySelector("time").textContent, "on 2025-03-02");
});

test("clicking a gutter marker opens the list at that comment and marks only it", async () => {
  const { server, comments, ui } = setup();
  const loading = comments.load();
  await server.respond(200, [comment(1, 2), comment(2, 3)]);
  await loading;
  ui.commentsSection.open = false;
  comments.highlight(1);
  comments.highlight(2);
  const item = ui.commentList.querySelector("#sd-comment-2");
  assert.equal(ui.commentsSection.open, true);
  assert.deepEqual(ui.commentList.querySelectorAll(".is-target"), [item]);
  assert.deepEqual(item.scrolledIntoView, [{ block: "nearest" }]);
  comments.highlight(99); // gone meanwhile: nothing happens
  assert.deepEqual(ui.commentList.querySelectorAll(".is-target"), [item]);
});

test("after a save answered while the writer typed, markers use the lines as sent, mapped to now", async () => {
  const { server, comments, view, state, markers } = setup();
  comments.noteSend(); // the save leaves with TEXT
  view.type("《法槌之下》\n", 0); // typed while it was in flight
  state.base = 35;
  const loading = comments.reloadAfterSave(false);
  assert.equal(server.last.url, "/api/v1/series/12/comments/?revision=35");
  await server.respond(200, [comment(1, 3)]);
  await loading;
  assert.deepEqual(markers(), [[4, [1]]], "line 3 as saved is line 4 now");
  assert.equal(view.state.doc.line(4).text, "王桂兰：三十万……");
});

test("after a merge put the server's text in, the lines are those of the buffer", async () => {
  const { server, comments, view, markers, trackers } = setup();
  comments.noteSend();
  view.dispatch({ changes: { from: 0, insert: "编剧：合作者\n" } }); // the merged text, as applied
  const loading = comments.reloadAfterSave(true);
  await server.respond(200, [comment(1, 3)]);
  await loading;
  assert.deepEqual(markers(), [[3, [1]]]);
  assert.equal(trackers.size, 2, "the shown comments' tracker and the last send's");
  comments.noteSend();
  comments.noteSend();
  assert.equal(trackers.size, 2, "each send drops the previous send's tracker: none piles up");
});
