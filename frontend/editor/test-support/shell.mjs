// The editor's real page furniture (shell.js's buildShell) on the fake DOM, for tests of
// the modules that wire it up.

import { buildShell } from "../shell.js";
import { makeTranslator } from "../strings.js";
import { installDom } from "./dom.mjs";

export const ZH_STRINGS = {
  saved: "已保存",
  saving: "正在保存…",
  unsaved: "有未保存的修改",
  offline_retrying: "离线——{seconds} 秒后重试",
  cowriter_conflict_banner: "{name} 的修改与本剧本重叠。",
  episode: "新一集",
  comments: "批注",
};

/** A fresh document with #script-editor built by buildShell; returns the parts. */
export function shellFor({ format = "zh", readOnly = false, strings = ZH_STRINGS } = {}) {
  const doc = installDom();
  const root = doc.createElement("div");
  root.id = "script-editor";
  doc.body.append(root);
  const t = makeTranslator(strings);
  const cfg = { format, readOnly };
  const ids = { editor: "sd-editor-1", preview: "sd-preview-1", help: "sd-help-1", helpTitle: "sd-help-title-1" };
  const ui = buildShell(root, cfg, t, ids);
  return { doc, root, ui, t, cfg, ids };
}

/** The banners shown, by name (sd-banner-<name>). */
export const bannerNames = (ui) =>
  ui.banners.children.map((b) => b.classes().find((c) => c.startsWith("sd-banner-")).slice("sd-banner-".length));
