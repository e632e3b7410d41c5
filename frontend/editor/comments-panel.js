// The comments in the editor: fetched (every page) for the revision the editor's text is
// based on, shown as gutter markers and in the side list (comments.js draws both), with
// line numbers mapped to the text as it is now. After each save they are fetched again
// for the new revision.

import { LineTracker } from "./cm-extensions.js";
import { buildMarkers, renderCommentList, setCommentMarkers } from "./comments.js";
import { fetchAllPages, sameOriginGet } from "./lists.js";

/**
 * @param {object} o
 * @param {string} o.url                    data-comments-url; no comments when empty
 * @param {() => number|null} o.base        the revision the text is based on now
 * @param {Function} o.fetch
 * @param {EditorView} o.view
 * @param {Set<LineTracker>} o.trackers     line trackers the view's edits are mapped through
 * @param {object} o.ui                     buildShell's parts (commentList, commentsCount, commentsSection)
 * @param {Function} o.t
 * @param {(value: string) => string} o.formatDate
 * @param {(pos: number|null, y: string) => void} o.jumpTo
 * @param {Document} [o.doc]
 * @returns {{load, highlight, noteSend, reloadAfterSave}}
 */
export function wireComments({ url, base, fetch, view, trackers, ui, t, formatDate, jumpTo, doc = document }) {
  const fetchPage = sameOriginGet(fetch);
  let commentTracker = null; // maps the shown comments' lines to the text as it is now
  let sendTracker = null; // the document as it was when the current save was sent

  /** Open the side list at comment `id` (a gutter marker was clicked). */
  function highlight(id) {
    const item = doc.getElementById(`sd-comment-${id}`);
    if (!item) return;
    ui.commentsSection.open = true;
    for (const other of ui.commentList.querySelectorAll(".is-target")) other.classList.remove("is-target");
    item.classList.add("is-target");
    item.scrollIntoView({ block: "nearest" });
  }

  /**
   * Fetch and show the comments on the base revision. `tracker` holds that revision's
   * text if it is not the buffer as it is now (a save answered while the writer typed).
   */
  async function load(tracker) {
    const revision = base();
    if (!url || revision === null) {
      renderCommentList(ui.commentList, [], t, () => {}, formatDate);
      ui.commentsCount.textContent = "";
      return;
    }
    const pageUrl = `${url}${url.includes("?") ? "&" : "?"}revision=${encodeURIComponent(revision)}`;
    const own = tracker || new LineTracker(view.state.doc);
    trackers.add(own);
    let comments;
    try {
      comments = await fetchAllPages(pageUrl, { fetchPage });
    } catch {
      if (own !== commentTracker) trackers.delete(own);
      return; // keep what is shown; the next save refreshes
    }
    if (commentTracker && commentTracker !== own) trackers.delete(commentTracker);
    commentTracker = own;
    const markers = buildMarkers(comments, (n) => own.posOfLine(n), (count) => `${t("comments")}: ${count}`);
    view.dispatch({ effects: setCommentMarkers.of(markers) });
    const open = comments.filter((c) => !c.resolved).length;
    ui.commentsCount.textContent = open ? ` (${open})` : "";
    renderCommentList(
      ui.commentList,
      comments,
      t,
      (comment) => jumpTo(own.posOfLine(comment.current_line), "center"),
      formatDate,
    );
  }

  /** A save is leaving: remember the text it carries (autosave's onSend). */
  function noteSend() {
    if (sendTracker && sendTracker !== commentTracker) trackers.delete(sendTracker);
    sendTracker = new LineTracker(view.state.doc);
    trackers.add(sendTracker);
  }

  /** A save was answered: the comments' revision is the merged buffer, or what was sent. */
  function reloadAfterSave(replaced) {
    return load(replaced ? null : sendTracker);
  }

  return { load, highlight, noteSend, reloadAfterSave };
}
