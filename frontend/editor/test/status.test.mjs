import { test } from "node:test";
import assert from "node:assert/strict";

import { StatusView } from "../status.js";
import { FakeClock } from "../test-support/fakes.mjs";
import { bannerNames, shellFor } from "../test-support/shell.mjs";

function setup() {
  const page = shellFor();
  const clock = new FakeClock();
  const forbidden = [];
  const status = new StatusView(page.ui, page.t, () => forbidden.push(true), clock);
  const announced = async () => {
    await clock.advance(50);
    return page.ui.announcer.textContent;
  };
  return { ...page, clock, status, forbidden, announced };
}

test("each state shows its text, an icon and its name; Retry now only while retrying", () => {
  const { ui, status } = setup();
  status.show({ state: "saved" });
  assert.equal(ui.statusText.textContent, "已保存");
  assert.equal(ui.status.dataset.state, "saved");
  assert.ok(ui.statusIcon.querySelector("path"), "an icon is drawn");
  assert.equal(ui.retry.hidden, true);

  status.show({ state: "offline", seconds: 4 });
  assert.equal(ui.statusText.textContent, "离线——4 秒后重试");
  assert.equal(ui.retry.hidden, false);

  status.show({ state: "error", seconds: 2 });
  assert.equal(ui.statusText.textContent, "Could not save — retrying in 2 s");
  assert.equal(ui.retry.hidden, false);

  status.show({ state: "saving" });
  assert.equal(ui.statusText.textContent, "正在保存…");
  assert.equal(ui.status.dataset.state, "saving");
  assert.equal(ui.retry.hidden, true);
});

test("a problem is announced once, not on each countdown tick; Saved after it recovers", async () => {
  const { status, announced } = setup();
  status.show({ state: "unsaved" });
  assert.equal(await announced(), "", "routine states are not announced");
  status.show({ state: "offline", seconds: 1 });
  assert.equal(await announced(), "离线——1 秒后重试");
  status.show({ state: "offline", seconds: 2 });
  status.show({ state: "offline", seconds: 1, tick: true });
  assert.equal(await announced(), "离线——1 秒后重试", "the same problem is not announced again");
  status.show({ state: "saving" });
  status.show({ state: "saved" });
  assert.equal(await announced(), "已保存");
});

test("a routine autosave is silent; a manual save is announced; an error says Could not save", async () => {
  const { ui, status, announced } = setup();
  status.show({ state: "saved" });
  assert.equal(await announced(), "");
  status.show({ state: "saved", manual: true });
  assert.equal(await announced(), "已保存");
  status.show({ state: "error", seconds: 1 });
  assert.equal(ui.announcer.textContent, "", "cleared first, so a recurring message is read again");
  assert.equal(await announced(), "Could not save");
});

test("the server's 400 messages stay while the writer edits and go with the next answer", () => {
  const { ui, status } = setup();
  status.show({ state: "invalid", errors: { text: ["Too long."], episode: "No such episode." } });
  assert.deepEqual(bannerNames(ui), ["invalid"]);
  const banner = ui.banners.querySelector(".sd-banner-invalid");
  assert.equal(banner.getAttribute("role"), "alert");
  assert.deepEqual(banner.querySelectorAll("li").map((li) => li.textContent), ["Too long.", "No such episode."]);
  status.show({ state: "unsaved" });
  status.show({ state: "saving" });
  assert.deepEqual(bannerNames(ui), ["invalid"]);
  status.show({ state: "saved" });
  assert.deepEqual(bannerNames(ui), []);
});

test("a conflict shows the banner with the link to resolve it", () => {
  const { ui, status } = setup();
  status.show({ state: "conflict", conflictUrl: "/scripts/12/conflicts/3/" });
  const link = ui.banners.querySelector(".sd-banner-conflict a.sd-banner-link");
  assert.equal(link.getAttribute("href"), "/scripts/12/conflicts/3/");
  assert.equal(link.textContent, "Resolve the conflict");
  status.show({ state: "conflict", conflictUrl: null });
  assert.equal(ui.banners.querySelectorAll(".sd-banner-conflict").length, 1, "one banner per name");
  assert.equal(ui.banners.querySelector(".sd-banner-conflict a"), null);
});

test("lost permission makes the editor read-only and says so", () => {
  const { ui, status, forbidden } = setup();
  status.show({ state: "forbidden" });
  assert.deepEqual(forbidden, [true]);
  assert.equal(ui.statusText.textContent, "You can no longer edit this script");
  const banner = ui.banners.querySelector(".sd-banner-forbidden");
  assert.equal(banner.getAttribute("role"), "alert");
  assert.equal(banner.textContent, "You can no longer edit this script");
});
