// Reader comments in the editor: a gutter marker on each commented line and a list in
// the side panel. Markers live in a StateField of ranges, so CodeMirror maps them
// through every edit and they stay on their line while the writer types.

import { RangeSet, StateEffect, StateField } from "@codemirror/state";
import { GutterMarker, gutter } from "@codemirror/view";

export const setCommentMarkers = StateEffect.define();

class CommentMarker extends GutterMarker {
  constructor(ids, label) {
    super();
    this.ids = ids;
    this.label = label;
  }
  eq(other) {
    return other.ids.join() === this.ids.join() && other.label === this.label;
  }
  toDOM() {
    const el = document.createElement("span");
    el.className = "sd-comment-marker";
    el.textContent = this.ids.length > 1 ? String(this.ids.length) : "";
    el.title = this.label;
    el.setAttribute("aria-hidden", "true"); // the side list is the accessible way in
    return el;
  }
}

const commentField = StateField.define({
  create: () => RangeSet.empty,
  update(markers, tr) {
    markers = markers.map(tr.changes);
    for (const effect of tr.effects) if (effect.is(setCommentMarkers)) markers = effect.value;
    return markers;
  },
});

/** Group comments by line: [{line, ids}] sorted by line; skips comments with no current line. */
export function commentsByLine(comments) {
  const byLine = new Map();
  for (const c of comments) {
    if (c.resolved || c.current_line == null) continue;
    if (!byLine.has(c.current_line)) byLine.set(c.current_line, []);
    byLine.get(c.current_line).push(c.id);
  }
  return [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([line, ids]) => ({ line, ids }));
}

/**
 * Build the marker set. `posOfLine(n)` gives the current document position of line n of
 * the revision the comments were fetched for; `label(count)` the marker's tooltip.
 */
export function buildMarkers(comments, posOfLine, label) {
  const ranges = [];
  for (const { line, ids } of commentsByLine(comments)) {
    const pos = posOfLine(line);
    if (pos !== null) ranges.push(new CommentMarker(ids, label(ids.length)).range(pos));
  }
  ranges.sort((a, b) => a.from - b.from);
  return RangeSet.of(ranges, true);
}

/** The gutter; `onClick(ids, pos)` runs when a marker is clicked. */
export function commentGutter(onClick) {
  return [
    commentField,
    gutter({
      class: "sd-comment-gutter",
      markers: (view) => view.state.field(commentField),
      domEventHandlers: {
        mousedown(view, line) {
          let found = null;
          view.state.field(commentField).between(line.from, line.to, (from, _to, marker) => {
            found = marker;
            return false;
          });
          if (!found) return false;
          onClick(found.ids, line.from);
          return true;
        },
      },
    }),
  ];
}

/** Render the side list into `list` (an <ol>). `onJump(comment)` focuses its line. */
export function renderCommentList(list, comments, t, onJump, formatDate) {
  list.replaceChildren();
  const shown = [...comments].sort((a, b) => (a.current_line ?? a.line ?? 0) - (b.current_line ?? b.line ?? 0));
  if (!shown.length) {
    const empty = document.createElement("li");
    empty.className = "sd-empty";
    empty.textContent = t("no_comments");
    list.append(empty);
    return;
  }
  for (const comment of shown) {
    const item = document.createElement("li");
    item.className = "sd-comment";
    item.id = `sd-comment-${comment.id}`;
    if (comment.outdated) item.classList.add("is-outdated");
    if (comment.resolved) item.classList.add("is-resolved");

    const jump = document.createElement("button");
    jump.type = "button";
    jump.className = "sd-comment-jump";
    const line = comment.current_line ?? comment.line;
    const where = document.createElement("span");
    where.className = "sd-comment-line";
    where.textContent = t("line_number", { line });
    const who = document.createElement("span");
    who.className = "sd-comment-author";
    who.textContent = comment.author?.display_name || "";
    jump.append(where, " · ", who);
    // Outdated comments point at text that has since changed; they have no current line.
    if (comment.current_line == null) jump.disabled = true;
    jump.addEventListener("click", () => onJump(comment));
    item.append(jump);

    const flags = [];
    if (comment.outdated) flags.push(t("outdated"));
    if (comment.resolved) flags.push(t("resolved"));
    for (const flag of flags) {
      const badge = document.createElement("span");
      badge.className = "sd-badge";
      badge.textContent = flag;
      item.append(" ", badge);
    }
    if (comment.anchor_text) {
      const quote = document.createElement("blockquote");
      quote.className = "sd-comment-anchor";
      quote.textContent = comment.anchor_text;
      item.append(quote);
    }
    const body = document.createElement("div");
    body.className = "sd-comment-body";
    body.innerHTML = comment.body_html || ""; // sanitised by the server (bleach)
    item.append(body);
    if (comment.created_at) {
      const time = document.createElement("time");
      time.dateTime = comment.created_at;
      time.textContent = formatDate(comment.created_at);
      time.className = "sd-comment-time";
      item.append(time);
    }
    list.append(item);
  }
}
