// The editor's page furniture: the bar, banners area, side panel, preview pane and help
// dialog, built as DOM once at start. Nothing here knows about CodeMirror.

import { SHORTCUTS, formatShortcut } from "./commands.js";

export const IS_MAC =
  typeof navigator !== "undefined" && /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent);

/** document.createElement with attributes ("class", "text", booleans) and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

let idCounter = 0;
export const uid = (name) => `sd-${name}-${++idCounter}`;

/** Arrow keys move between toolbar buttons (the ARIA toolbar pattern); Tab leaves it. */
export function rovingToolbar(toolbar) {
  const buttons = () => [...toolbar.querySelectorAll("button:not([hidden])")];
  buttons().forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
  toolbar.addEventListener("keydown", (event) => {
    const list = buttons();
    const index = list.indexOf(document.activeElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: list.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = list[(next + list.length) % list.length];
    list.forEach((b) => (b.tabIndex = -1));
    target.tabIndex = 0;
    target.focus();
  });
}

/**
 * Links to the editor's element (the page's "Skip to the script text", href="#script-editor")
 * put the cursor in the text instead of only scrolling there: a keyboard user reaches the
 * text in two key presses, past the header, the toolbar and the outline.
 */
export function wireSkipLinks(root, focusText, doc = root.ownerDocument) {
  if (!root.id) return;
  for (const link of doc.querySelectorAll(`a[href="#${root.id}"]`)) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusText();
    });
  }
}

/** The help dialog's table of shortcuts for this format. */
export function fillHelp(body, cfg, actions, t) {
  const rows = [...actions.map((kind) => [SHORTCUTS[kind], t(kind)])];
  if (!cfg.readOnly) rows.push([SHORTCUTS.save_now, t("save_now")]);
  rows.push(["Mod-z", t("undo")], [IS_MAC ? "Mod-Shift-z" : "Mod-y", t("redo")], ["Mod-f", t("find")]);
  rows.push([IS_MAC ? "Mod-Alt-[" : "Ctrl-Shift-[", t("fold")]);
  const table = el("table", { class: "sd-shortcuts" });
  const tbody = el("tbody");
  for (const [key, label] of rows) {
    tbody.append(el("tr", {}, el("td", {}, el("kbd", { text: formatShortcut(key, IS_MAC) })), el("td", { text: label })));
  }
  table.append(tbody);
  body.replaceChildren(table);
}

/** Build the editor's DOM inside `root`; returns the parts the wiring modules use. */
export function buildShell(root, cfg, t, ids) {
  root.replaceChildren();
  root.classList.add("sd-editor", `sd-format-${cfg.format}`);
  if (cfg.readOnly) root.classList.add("sd-read-only");

  const toolbar = el("div", { class: "sd-toolbar", role: "toolbar", "aria-label": t("toolbar_label"), "aria-controls": ids.editor });
  const svgHost = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svgHost.setAttribute("viewBox", "0 0 16 16");
  svgHost.setAttribute("width", "16");
  svgHost.setAttribute("height", "16");
  svgHost.setAttribute("aria-hidden", "true");
  svgHost.setAttribute("focusable", "false");
  svgHost.classList.add("sd-status-icon");
  const statusText = el("span", { class: "sd-status-text" });
  const status = el("span", { class: "sd-status" }, svgHost, statusText);
  const announcer = el("div", { class: "sd-visually-hidden", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const retry = el("button", { type: "button", class: "sd-button secondary sd-retry", hidden: true }, t("retry_now"));
  const save = el("button", { type: "button", class: "sd-button secondary sd-save" }, t("save_now"));
  const previewToggle = el("button", { type: "button", class: "sd-button secondary sd-preview-toggle", "aria-controls": ids.preview });
  const helpButton = el("button", { type: "button", class: "sd-button secondary sd-help-button", "aria-haspopup": "dialog" }, t("help"));
  const barEnd = el("div", { class: "sd-bar-end" });
  if (!cfg.readOnly) barEnd.append(status, retry, save);
  barEnd.append(previewToggle);
  if (!cfg.readOnly) barEnd.append(helpButton);
  const bar = el("div", { class: "sd-bar" }, cfg.readOnly ? null : toolbar, barEnd, announcer);

  const banners = el("div", { class: "sd-banners" });

  const navEpisodes = el("ol", { class: "sd-nav-episodes" });
  const navCharacters = el("ul", { class: "sd-nav-characters" });
  const navWarnings = el("ul", { class: "sd-nav-warnings" });
  const warningsCount = el("span", { class: "sd-count" });
  const warningsSection = el("details", { class: "sd-panel", open: true, hidden: true }, el("summary", {}, t("warnings"), warningsCount), navWarnings);
  const nav = el(
    "nav",
    { class: "sd-nav", "aria-label": t("navigator_label") },
    el("details", { class: "sd-panel", open: true }, el("summary", {}, t("navigator_episodes")), navEpisodes),
    el("details", { class: "sd-panel", open: true }, el("summary", {}, t("navigator_characters")), navCharacters),
    warningsSection,
  );
  const commentList = el("ol", { class: "sd-comment-list" });
  const commentsCount = el("span", { class: "sd-count" });
  const commentsSection = el("details", { class: "sd-panel sd-comments", open: true }, el("summary", {}, t("comments"), commentsCount), commentList);
  const side = el("div", { class: "sd-side" }, nav, commentsSection);

  const main = el("div", { class: "sd-main" });
  const previewBody = el("div", { class: "sd-preview-body" });
  const previewNote = el("p", { class: "sd-preview-note", hidden: true, text: t("preview_unavailable") });
  const preview = el("section", { class: "sd-preview", id: ids.preview, "aria-label": t("preview_label"), tabindex: "0" }, previewNote, previewBody);
  const layout = el("div", { class: "sd-layout" }, side, main, preview);

  const helpBody = el("div", { class: "sd-help-body" });
  const helpClose = el("button", { type: "button", class: "sd-button secondary" }, t("close"));
  const help = el(
    "dialog",
    { class: "sd-help", id: ids.help, "aria-labelledby": ids.helpTitle },
    el("h2", { id: ids.helpTitle, text: t("shortcuts_title") }),
    helpBody,
    el("p", { class: "sd-help-actions" }, helpClose),
  );

  root.append(bar, banners, layout, help);
  return {
    toolbar, status, statusIcon: svgHost, statusText, announcer, retry, save, previewToggle, helpButton,
    banners, nav, navEpisodes, navCharacters, navWarnings, warningsCount, warningsSection, commentList, commentsCount,
    commentsSection, main, preview, previewBody, previewNote, help, helpBody, helpClose,
  };
}
