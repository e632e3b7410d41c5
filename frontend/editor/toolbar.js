// Script elements from the toolbar and the keyboard (commands.js works out what to insert
// and where; this puts it into the view), Ctrl/Cmd+S in the editor, and the shortcuts
// dialog.

import { EditorView } from "@codemirror/view";

import { capsLineStart, setCapsLine } from "./cm-extensions.js";
import { ACTIONS, SHORTCUTS, ariaShortcut, formatShortcut, insertion } from "./commands.js";
import { IS_MAC, el, fillHelp, rovingToolbar } from "./shell.js";

/** The elements offered for this format; none when the text is read-only. */
export function toolbarActions(cfg) {
  return cfg.readOnly ? [] : ACTIONS[cfg.format];
}

/**
 * Insert element `kind` at the cursor, select what the writer will type over, start
 * upper-casing for a Fountain cue, focus. False (nothing done) during an IME
 * composition, in a read-only state, or when the element does not apply.
 */
export function runElement(view, kind, format) {
  if (view.composing || view.state.readOnly) return false;
  const spec = insertion(kind, format, view.state.doc.toString(), view.state.selection.main.head);
  if (!spec) return false;
  view.dispatch({
    changes: { from: spec.from, to: spec.to, insert: spec.insert },
    selection: { anchor: spec.anchor, head: spec.head },
    effects: [
      setCapsLine.of(spec.caps ? capsLineStart(view.state.doc, spec) : null),
      EditorView.scrollIntoView(spec.head, { y: "nearest", yMargin: 48 }),
    ],
    userEvent: "input.element",
  });
  view.focus();
  return true;
}

/** The editor's own shortcuts: one per element, and Ctrl/Cmd+S → `saveNow()` when editable. */
export function elementKeymap({ actions, format, readOnly, saveNow }) {
  const bindings = actions.map((kind) => ({ key: SHORTCUTS[kind], run: (view) => runElement(view, kind, format) }));
  if (!readOnly) {
    bindings.push({
      key: SHORTCUTS.save_now,
      preventDefault: true,
      run: () => {
        saveNow();
        return true;
      },
    });
  }
  return bindings;
}

/** A labelled button per element in `toolbar` (arrow keys move between them); click → onAction(kind). */
export function buildToolbar({ toolbar, actions, t, onAction, isMac = IS_MAC }) {
  for (const kind of actions) {
    const key = SHORTCUTS[kind];
    const b = el(
      "button",
      {
        type: "button",
        class: `sd-tool sd-tool-${kind}`,
        "aria-keyshortcuts": ariaShortcut(key, isMac),
        title: `${t(kind)} (${formatShortcut(key, isMac)})`,
      },
      t(kind),
    );
    b.addEventListener("click", () => onAction(kind));
    toolbar.append(b);
  }
  rovingToolbar(toolbar);
}

/** Fill the shortcuts dialog for this format and open and close it from its buttons. */
export function wireHelp({ ui, cfg, actions, t }) {
  fillHelp(ui.helpBody, cfg, actions, t);
  ui.helpButton.addEventListener("click", () => {
    if (typeof ui.help.showModal === "function") ui.help.showModal();
    else ui.help.setAttribute("open", "");
  });
  ui.helpClose.addEventListener("click", () => {
    if (typeof ui.help.close === "function") ui.help.close();
    else ui.help.removeAttribute("open");
  });
  ui.help.addEventListener("close", () => ui.helpButton.focus());
}
