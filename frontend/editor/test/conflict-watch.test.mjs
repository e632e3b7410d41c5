import { test } from "node:test";
import assert from "node:assert/strict";

import { CONFLICT_POLL_MS, watchConflicts } from "../conflict-watch.js";
import { StatusView } from "../status.js";
import { FakeClock, FakeFetch } from "../test-support/fakes.mjs";
import { bannerNames, shellFor } from "../test-support/shell.mjs";

const MINE = { id: 4, url: "/scripts/12/conflicts/4/", mine: true, by: "杨帆", ours: 40, theirs: 39 };
const THEIRS = { id: 3, url: "/scripts/12/conflicts/3/", mine: false, by: "陈思远", ours: 38, theirs: 37 };
const page = (...results) => ({ count: results.length, next: null, previous: null, results });

function setup({ url = "/api/v1/series/12/conflicts/", saver = { status: { state: "saved" }, inFlight: false } } = {}) {
  const shell = shellFor();
  const clock = new FakeClock();
  const server = new FakeFetch();
  const statusView = new StatusView(shell.ui, shell.t, () => {}, clock);
  const state = { saver };
  const conflicts = watchConflicts({
    statusView,
    t: shell.t,
    url,
    fetch: server.fetch,
    autosave: () => state.saver,
    doc: shell.doc,
    timers: clock,
  });
  const banner = (name) => shell.ui.banners.querySelector(`.sd-banner-${name}`);
  return { ...shell, clock, server, statusView, state, conflicts, banner };
}

test("a co-writer's overlap found by the poll shows a banner, which goes once it is resolved", async () => {
  const { conflicts, clock, server, ui, banner } = setup();
  conflicts.start();
  await clock.advance(CONFLICT_POLL_MS - 1);
  assert.equal(server.requests.length, 0);
  await clock.advance(1);
  assert.equal(server.last.url, "/api/v1/series/12/conflicts/");
  assert.deepEqual(server.last.init, { credentials: "same-origin", headers: { Accept: "application/json" } });
  await server.respond(200, page(THEIRS));
  assert.deepEqual(bannerNames(ui), ["cowriter-conflict"]);
  assert.equal(banner("cowriter-conflict").getAttribute("role"), "status");
  assert.equal(banner("cowriter-conflict").querySelector("p").textContent, "陈思远 的修改与本剧本重叠。");
  const link = banner("cowriter-conflict").querySelector("a.sd-banner-link");
  assert.equal(link.getAttribute("href"), "/scripts/12/conflicts/3/");
  assert.equal(link.textContent, "Resolve the conflict");

  await clock.advance(CONFLICT_POLL_MS);
  await server.respond(200, page());
  assert.deepEqual(bannerNames(ui), []);
  assert.equal(server.requests.length, 2);
});

test("this writer's overlap shows the conflict banner, kept while autosave is paused by the conflict", () => {
  const { conflicts, state, ui, banner } = setup();
  conflicts.show([MINE, THEIRS]);
  assert.deepEqual(bannerNames(ui), ["conflict", "cowriter-conflict"]);
  assert.equal(banner("conflict").querySelector("a").getAttribute("href"), MINE.url);
  state.saver.status = { state: "conflict", conflictUrl: MINE.url };
  conflicts.show([THEIRS]);
  assert.deepEqual(bannerNames(ui), ["conflict", "cowriter-conflict"], "autosave is still paused");
  conflicts.show([MINE, THEIRS]);
  state.saver.status = { state: "saved" };
  conflicts.show([THEIRS]);
  assert.deepEqual(bannerNames(ui), ["cowriter-conflict"]);
});

test("an unchanged list redraws nothing, so screen readers do not hear it again", () => {
  const { conflicts, banner } = setup();
  conflicts.show([MINE, THEIRS]);
  const [mine, theirs] = [banner("conflict"), banner("cowriter-conflict")];
  conflicts.show([THEIRS, MINE]);
  conflicts.show(null); // a save answer without the list
  assert.equal(banner("conflict"), mine);
  assert.equal(banner("cowriter-conflict"), theirs);
  conflicts.show([{ ...THEIRS, id: 5, url: "/scripts/12/conflicts/5/" }]);
  assert.notEqual(banner("cowriter-conflict"), theirs, "another overlap is shown anew");
});

test("no poll while the page is hidden or a save is in flight", async () => {
  const { conflicts, clock, server, doc, state } = setup();
  conflicts.start();
  doc.visibilityState = "hidden";
  await clock.advance(CONFLICT_POLL_MS);
  state.saver.inFlight = true;
  doc.visibilityState = "visible";
  await clock.advance(CONFLICT_POLL_MS);
  assert.equal(server.requests.length, 0);
  state.saver.inFlight = false;
  await clock.advance(CONFLICT_POLL_MS);
  assert.equal(server.requests.length, 1);
});

test("an offline or failed poll changes nothing, and the next tick asks again", async () => {
  const { conflicts, clock, server, ui } = setup();
  conflicts.show([THEIRS]);
  conflicts.start();
  await clock.advance(CONFLICT_POLL_MS);
  await server.failNetwork();
  await clock.advance(CONFLICT_POLL_MS);
  await server.respond(503, { detail: "busy" });
  assert.deepEqual(bannerNames(ui), ["cowriter-conflict"]);
  await clock.advance(CONFLICT_POLL_MS);
  assert.equal(server.requests.length, 3);
});

test("read-only pages and pages without the URL do not poll; a reader's page has no saver", async () => {
  const { conflicts, clock, server } = setup({ url: "" });
  conflicts.start();
  await clock.advance(CONFLICT_POLL_MS * 3);
  assert.equal(server.requests.length, 0);
  const reader = setup({ saver: null });
  reader.conflicts.show([MINE]);
  reader.conflicts.show([]);
  assert.deepEqual(bannerNames(reader.ui), []);
  reader.conflicts.start();
  await reader.clock.advance(CONFLICT_POLL_MS);
  assert.equal(reader.server.requests.length, 1);
});

test("a save answer updates the banners: a conflict keeps the status's banner, any other answer clears it", () => {
  const { conflicts, statusView, ui, banner } = setup();
  statusView.show({ state: "conflict", conflictUrl: MINE.url }); // what autosave's status does
  const shown = banner("conflict");
  conflicts.afterSave({ status: "conflict", conflict_url: MINE.url, open_conflicts: [MINE] });
  assert.equal(banner("conflict"), shown, "not drawn twice");

  conflicts.afterSave({ status: "merged", open_conflicts: [THEIRS] });
  assert.deepEqual(bannerNames(ui), ["cowriter-conflict"]);
  conflicts.afterSave({ status: "saved" }); // no list: the co-writer's banner stays
  assert.deepEqual(bannerNames(ui), ["cowriter-conflict"]);
  conflicts.afterSave({ status: "saved", open_conflicts: [] });
  assert.deepEqual(bannerNames(ui), []);
});
