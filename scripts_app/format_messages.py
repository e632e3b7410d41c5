"""What file-format problems say to people, in their language, keyed by the stable codes
of scripts_app.formats (which is pure Python and speaks English only to logs)."""

from django.utils.translation import gettext as _

from scripts_app.formats import FormatError


def format_error_message(error: FormatError) -> str:
    params = error.params
    messages = {
        "unsupported_file": lambda: (
            _("Files ending in %(extension)s cannot be imported; use %(supported)s.")
            % {"extension": params.get("extension", ""), "supported": params.get("supported", "")}
        ),
        "file_too_large": lambda: (
            _("The file is larger than %(limit)s MB.") % {"limit": params.get("limit_mb", 10)}
        ),
        "too_much_text": lambda: (
            _(
                "The file holds more than %(lines)s lines or %(chars)s characters, far more than a script; split it or remove what is not the script."
            )
            % {"lines": params.get("limit_lines", ""), "chars": params.get("limit_chars", "")}
        ),
        "corrupt_file": lambda: (
            _("The file is damaged or is not a valid %(kind)s file.")
            % {"kind": params.get("kind", "")}
        ),
        "unsafe_file": lambda: _(
            "The file was refused because it contains constructs used in attacks."
        ),
        "font_unavailable": lambda: _(
            "PDF export is unavailable: no Chinese font is installed on the server."
        ),
    }
    make = messages.get(error.code)
    return make() if make else _("The file could not be processed.")


# What an import did for the writer (converted an encoding, added blank lines), as against
# what may have gone wrong (replaced bytes, guessed paragraph types): shown as information,
# not as a warning.
IMPORT_NOTICE_CODES = frozenset({"decoded_utf16", "decoded_gb18030", "blank_lines_added"})


def import_warning_message(code: str, fallback: str) -> str:
    messages = {
        "decoded_utf16": _("The file was UTF-16 and has been converted."),
        "decoded_gb18030": _("The file was GB18030 (GBK) and has been converted to UTF-8."),
        "invalid_encoding": _("Some bytes were not valid text and have been replaced."),
        "blank_lines_added": _(
            "Blank lines were added between Word paragraphs so the script reads as written."
        ),
        "fdx_unknown_paragraph": _("Some Final Draft paragraph types were read as action."),
        "fountain_converted": _(
            "The Fountain file was edited after it was exported from a Chinese-convention script, so the edited Fountain has been converted to the Chinese convention; check headings and character lists."
        ),
    }
    return messages.get(code, fallback)


def parse_warning_message(code: str, params: dict, fallback: str = "") -> str:
    """A parser warning in the reader's language, from its stable code and parameters
    (scripts_app.document speaks English only, in `ParseWarning.message`)."""
    element_names = {"heading": _("scene heading"), "transition": _("transition")}
    values = {
        "element": element_names.get(str(params.get("element", "")), params.get("element", "")),
        "speaker": params.get("speaker", ""),
        "number": params.get("number", ""),
        "episode": params.get("episode", ""),
        "previous": params.get("previous", ""),
    }
    messages = {
        "unclosed_boneyard": _("'/*' is never closed by '*/'; the text is kept as written."),
        "unclosed_note": _(
            "'[[' is never closed by ']]' in this paragraph; the text is kept as written."
        ),
        "missing_blank_line": _("The %(element)s is not followed by a blank line."),
        "orphan_dual_dialogue": _("Dual dialogue '^' without a speech right before it."),
        "scene_outside_episode": _("Scene before the first episode heading."),
        "hook_outside_episode": _("Hook or paywall marker before the first episode."),
        "dialogue_without_speaker": _("Dialogue line without a speaker name before the colon."),
        "dialogue_without_speech": _("'%(speaker)s' has a colon but no speech follows."),
        "duplicate_scene_number": _(
            "Scene number %(number)s is used twice in episode %(episode)s."
        ),
        "scene_episode_mismatch": _("Scene %(number)s is inside episode %(episode)s."),
        "duplicate_episode_number": _("Episode %(number)s appears more than once."),
        "episode_out_of_order": _("Episode %(number)s comes after episode %(previous)s."),
        "episode_number_gap": _(
            "Episode %(number)s follows episode %(previous)s; episodes are missing."
        ),
        "empty_episode": _("Episode %(number)s has no content."),
        "unclosed_flashback": _("Flashback is not closed before the episode ends."),
        "unmatched_flashback_end": _("Flashback end without a flashback start."),
        "invalid_utf8": _("The file is not valid UTF-8; undecodable bytes were replaced."),
    }
    message = messages.get(str(code))
    if message is None:
        return fallback
    try:
        return message % values
    except (KeyError, TypeError, ValueError):
        return str(message)
