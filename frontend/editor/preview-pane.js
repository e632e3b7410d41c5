// The preview pane and the navigator: preview requests (preview.js decides when), the
// rendered screenplay, the outline, characters and warnings (navigator.js draws them),
// warning marks in the editor, clicks on the preview, the outline and preview following
// the cursor, and the Show/Hide preview button with its remembered preference.

import { LineTracker, setWarnings, warningMarks } from "./cm-extensions.js";
import { markCurrent, outlineKey, renderNavigator, rovingOutline } from "./navigator.js";
import { PreviewScheduler } from "./preview.js";

export const PREVIEW_PREF_KEY = "script-editor:preview-hidden";
export const CURSOR_SYNC_MS = 200;

const windowTimers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (id) => clearTimeout(id) };

/**
 * Wire the preview pane and navigator, and ask for the first preview at once.
 * @param {object} o
 * @param {HTMLElement} o.root           #script-editor (its sd-preview-hidden class)
 * @param {object} o.ui                  buildShell's parts
 * @param {EditorView} o.view
 * @param {string} o.previewUrl          no previews when empty
 * @param {number|null} o.episode
 * @param {Function} o.fetch
 * @param {() => string} o.csrf
 * @param {Set<LineTracker>} o.trackers  line trackers the view's edits are mapped through
 * @param {Function} o.t
 * @param {(pos: number|null) => void} o.jumpTo
 * @param {{setTimeout, clearTimeout}} [o.timers]
 * @returns {{preview: PreviewScheduler|null, scheduleCursorSync: () => void}}
 */
export function wirePreviewPane({ root, ui, view, previewUrl, episode, fetch, csrf, trackers, t, jumpTo, timers = windowTimers }) {
  let shownTracker = null; // maps the shown preview's lines to the text as it is now
  let lastOutlineKey = "";
  const navParts = {
    episodes: ui.navEpisodes,
    characters: ui.navCharacters,
    warnings: ui.navWarnings,
    warningsSection: ui.warningsSection,
    warningsCount: ui.warningsCount,
  };
  const jumpToPostedLine = (line) => jumpTo(shownTracker ? shownTracker.posOfLine(line) : null);
  // The outline is one tab stop; arrow keys move inside it (navigator.js).
  const refreshOutline = rovingOutline(ui.nav, root.ownerDocument);

  let preview = null;
  if (previewUrl) {
    preview = new PreviewScheduler({
      timers,
      snapshot: () => {
        const tracker = new LineTracker(view.state.doc);
        trackers.add(tracker);
        return { text: view.state.doc.toString(), tracker };
      },
      request: async (snap) => {
        try {
          const response = await fetch(previewUrl, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf() },
            body: JSON.stringify({ text: snap.text, episode }),
          });
          if (!response.ok) throw new Error(`preview ${response.status}`);
          return await response.json();
        } catch (error) {
          trackers.delete(snap.tracker);
          throw error;
        }
      },
      onResult: (data, snap) => {
        if (shownTracker) trackers.delete(shownTracker);
        shownTracker = snap.tracker;
        ui.previewNote.hidden = true;
        // The server renders and escapes the screenplay HTML; it is safe to insert.
        ui.previewBody.innerHTML = typeof data.html === "string" ? data.html : "";
        const key = outlineKey(data);
        if (key !== lastOutlineKey) {
          lastOutlineKey = key;
          renderNavigator(navParts, data, t, jumpToPostedLine);
          refreshOutline();
        }
        view.dispatch({ effects: setWarnings.of(warningMarks(data.warnings || [], snap.tracker, view.state.doc)) });
        syncCursor();
      },
      onError: () => {
        ui.previewNote.hidden = false;
      },
    });
    preview.now();
  }

  // Clicking a block of the preview that carries data-line moves the cursor there.
  ui.previewBody.addEventListener("click", (event) => {
    if (event.target.closest("a")) return;
    const block = event.target.closest("[data-line]");
    if (block) jumpToPostedLine(Number(block.dataset.line));
  });

  let cursorTimer = null;
  function scheduleCursorSync() {
    if (cursorTimer !== null) timers.clearTimeout(cursorTimer);
    cursorTimer = timers.setTimeout(syncCursor, CURSOR_SYNC_MS);
  }
  function syncCursor() {
    cursorTimer = null;
    if (!shownTracker) return;
    const line = shownTracker.lineOfPos(view.state.selection.main.head);
    markCurrent(ui.navEpisodes, line);
    refreshOutline(ui.navEpisodes.querySelector('[aria-current="location"]'));
    if (root.classList.contains("sd-preview-hidden")) return;
    // Keep the preview on the cursor's scene when the server marks blocks with data-line.
    let target = null;
    for (const block of ui.previewBody.querySelectorAll("[data-line]")) {
      if (Number(block.dataset.line) <= line) target = block;
      else break;
    }
    const pane = ui.preview;
    if (target && pane.scrollHeight > pane.clientHeight + 4) {
      const top = target.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop - 12;
      if (Math.abs(pane.scrollTop - top) > 4) pane.scrollTop = top;
    }
  }

  return { preview, scheduleCursorSync };
}

/** The Show/Hide preview button; the choice is remembered in `storage` for every script. */
export function wirePreviewToggle({ root, ui, t, storage }) {
  const setPreviewHidden = (hidden) => {
    root.classList.toggle("sd-preview-hidden", hidden);
    ui.preview.hidden = hidden;
    ui.previewToggle.textContent = hidden ? t("preview_show") : t("preview_hide");
    ui.previewToggle.setAttribute("aria-expanded", String(!hidden));
    try {
      storage.setItem(PREVIEW_PREF_KEY, hidden ? "1" : "0");
    } catch {
      /* preference only */
    }
  };
  let previewHidden = false;
  try {
    previewHidden = storage.getItem(PREVIEW_PREF_KEY) === "1";
  } catch {
    /* default: shown */
  }
  setPreviewHidden(previewHidden);
  ui.previewToggle.addEventListener("click", () => setPreviewHidden(!root.classList.contains("sd-preview-hidden")));
}
