"""The editor's interface text, translated on the server and handed to the JavaScript.

The keys are the editor's (frontend/editor/README.md, "UI strings"). Placeholders in
braces are filled in by the editor, so they stay as they are in every language.
"""

from django.utils.translation import gettext as _


def editor_strings() -> dict:
    return {
        "editor_label": _("Script text"),
        "toolbar_label": _("Insert script elements"),
        "saved": _("Saved"),
        "saving": _("Saving…"),
        "unsaved": _("Unsaved changes"),
        "offline_retrying": _("Offline — retrying in {seconds} s"),
        "error_retrying": _("Could not save — retrying in {seconds} s"),
        "retry_now": _("Retry now"),
        "conflict": _("Conflict"),
        "conflict_banner": _(
            "Someone else changed this script at the same time. Both versions are saved; "
            "autosave is paused until you resolve the conflict."
        ),
        "conflict_resolve": _("Resolve the conflict"),
        "cowriter_conflict_banner": _(
            "An edit by {name} overlaps this script. Both versions are kept until one of you "
            "chooses what stays."
        ),
        "error": _("Could not save"),
        "invalid": _("Not saved: please fix the problems below"),
        "no_permission": _("You can no longer edit this script."),
        "restore_prompt": _("This browser holds unsaved changes from {time}."),
        "restore_prompt_merge": _(
            "They were made on an older version; restoring will merge them with the latest "
            "version when saved."
        ),
        "restore": _("Restore them"),
        "discard": _("Discard them"),
        "preview_show": _("Show preview"),
        "preview_hide": _("Hide preview"),
        "preview_label": _("Preview"),
        "preview_unavailable": _("Preview unavailable; it will update after your next change."),
        "help": _("Shortcuts"),
        "shortcuts_title": _("Keyboard shortcuts"),
        "close": _("Close"),
        "episode": _("Episode heading"),
        "scene": _("Scene heading"),
        "action": _("Action"),
        "dialogue": _("Dialogue"),
        "subtitle": _("Subtitle"),
        "hook": _("Hook"),
        "paywall": _("Paywall"),
        "character": _("Character"),
        "parenthetical": _("Parenthetical"),
        "transition": _("Transition"),
        "note": _("Hook note"),
        "save_now": _("Save now"),
        "undo": _("Undo"),
        "redo": _("Redo"),
        "find": _("Find and replace"),
        "fold": _("Fold or unfold the episode or scene"),
        "navigator_label": _("Script outline"),
        "navigator_episodes": _("Episodes"),
        "navigator_episode": _("Episode {number}"),
        "navigator_characters": _("Characters"),
        "navigator_lines": _("{count} lines"),
        "warnings": _("Warnings"),
        "comments": _("Comments"),
        "no_comments": _("No comments yet."),
        "line_number": _("Line {line}"),
        "outdated": _("Outdated"),
        "resolved": _("Resolved"),
        # CodeMirror's own panel texts (find and replace, folding).
        "phrases": {
            "Find": _("Find"),
            "Replace": _("Replace"),
            "next": _("next"),
            "previous": _("previous"),
            "all": _("all"),
            "match case": _("match case"),
            "regexp": _("regexp"),
            "by word": _("by word"),
            "replace": _("replace"),
            "replace all": _("replace all"),
            "close": _("close"),
            "current match": _("current match"),
            "on line": _("on line"),
            "replaced match on line $": _("replaced match on line $"),
            "replaced $ matches": _("replaced $ matches"),
            "Go to line": _("Go to line"),
            "go": _("go"),
            "Fold line": _("Fold line"),
            "Unfold line": _("Unfold line"),
            "folded code": _("folded code"),
            "unfold": _("unfold"),
            "Folded lines": _("Folded lines"),
            "Unfolded lines": _("Unfolded lines"),
            "to": _("to"),
            "Control character": _("Control character"),
            "Selection deleted": _("Selection deleted"),
        },
    }
