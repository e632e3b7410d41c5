// UI strings. The server provides translated strings as JSON in the page; each key
// falls back to the English text below when the server does not send it.

export const DEFAULT_STRINGS = {
  editor_label: "Script text",
  toolbar_label: "Insert script elements",
  saved: "Saved",
  saving: "Saving…",
  unsaved: "Unsaved changes",
  offline_retrying: "Offline — retrying in {seconds} s",
  error_retrying: "Could not save — retrying in {seconds} s",
  retry_now: "Retry now",
  conflict: "Conflict",
  conflict_banner: "Someone else changed this script at the same time. Both versions are saved; autosave is paused until you resolve the conflict.",
  conflict_resolve: "Resolve the conflict",
  cowriter_conflict_banner: "An edit by {name} overlaps this script. Both versions are kept until one of you chooses what stays.",
  error: "Could not save",
  invalid: "Not saved: please fix the problems below",
  no_permission: "You can no longer edit this script",
  restore_prompt: "This browser holds unsaved changes from {time}.",
  restore_prompt_merge: "They were made on an older version; restoring will merge them with the latest version when saved.",
  restore: "Restore them",
  discard: "Discard them",
  preview_show: "Show preview",
  preview_hide: "Hide preview",
  preview_label: "Preview",
  preview_unavailable: "Preview unavailable; it will update after your next change.",
  help: "Shortcuts",
  shortcuts_title: "Keyboard shortcuts",
  close: "Close",
  episode: "Episode",
  scene: "Scene",
  action: "Action",
  dialogue: "Dialogue",
  subtitle: "Subtitle",
  hook: "Hook",
  paywall: "Paywall",
  character: "Character",
  parenthetical: "Parenthetical",
  transition: "Transition",
  note: "Hook note",
  save_now: "Save now",
  undo: "Undo",
  redo: "Redo",
  find: "Find and replace",
  fold: "Fold or unfold the episode or scene",
  navigator_label: "Script outline",
  navigator_episodes: "Episodes",
  navigator_episode: "Episode {number}",
  navigator_characters: "Characters",
  navigator_lines: "{count} lines",
  warnings: "Warnings",
  comments: "Comments",
  no_comments: "No comments yet.",
  line_number: "Line {line}",
  outdated: "Outdated",
  resolved: "Resolved",
};

/**
 * A translator over the server's strings: t("offline_retrying", {seconds: 4}).
 * Placeholders are {name}; unknown keys fall back to English, then to the key itself.
 */
export function makeTranslator(provided = {}) {
  const table = provided && typeof provided === "object" ? provided : {};
  return (key, params = {}) => {
    const value = typeof table[key] === "string" && table[key] ? table[key] : DEFAULT_STRINGS[key] ?? key;
    return value.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
}
