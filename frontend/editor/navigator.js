// The navigator: episodes → scenes, characters with their line counts, and the parser's
// warnings, built from the preview endpoint's JSON. Entries are buttons; clicking one
// calls onJump(line) with the 1-based line of the text that was posted.

function button(label, line, onJump, extra) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "sd-nav-item";
  b.dataset.line = String(line);
  b.append(label);
  if (extra) b.append(" ", extra);
  b.addEventListener("click", () => onJump(line));
  return b;
}

/** A stable key of the outline data, to skip rebuilding the DOM when nothing changed. */
export function outlineKey(data) {
  return JSON.stringify([data.outline || [], data.characters || [], data.warnings || []]);
}

/** Fill the three lists of the navigator. `t` is the translator. */
export function renderNavigator(parts, data, t, onJump) {
  const { episodes, characters, warnings, warningsSection, warningsCount } = parts;

  episodes.replaceChildren();
  for (const episode of data.outline || []) {
    const item = document.createElement("li");
    const label = [t("navigator_episode", { number: episode.number }), episode.title].filter(Boolean).join(" ");
    item.append(button(label, episode.line, onJump));
    if (episode.scenes && episode.scenes.length) {
      const scenes = document.createElement("ol");
      for (const scene of episode.scenes) {
        const li = document.createElement("li");
        li.append(button(scene.heading || scene.number, scene.line, onJump));
        scenes.append(li);
      }
      item.append(scenes);
    }
    episodes.append(item);
  }

  characters.replaceChildren();
  for (const character of data.characters || []) {
    const li = document.createElement("li");
    const count = document.createElement("span");
    count.className = "sd-count";
    count.textContent = t("navigator_lines", { count: character.lines });
    li.append(button(character.name, character.first_line, onJump, count));
    characters.append(li);
  }

  warnings.replaceChildren();
  const list = data.warnings || [];
  for (const warning of list) {
    const li = document.createElement("li");
    const where = document.createElement("span");
    where.className = "sd-count";
    where.textContent = t("line_number", { line: warning.line });
    li.append(button(warning.message, warning.line, onJump, where));
    warnings.append(li);
  }
  warningsCount.textContent = list.length ? ` (${list.length})` : "";
  warningsSection.hidden = list.length === 0;
}

/**
 * Mark the episode and scene that contain `line` (in posted-text lines) with
 * aria-current, so the outline shows where the cursor is.
 */
export function markCurrent(episodes, line) {
  let current = null;
  for (const b of episodes.querySelectorAll(".sd-nav-item")) {
    if (Number(b.dataset.line) <= line) current = b;
    b.removeAttribute("aria-current");
  }
  if (!current) return;
  current.setAttribute("aria-current", "location");
  // Also mark the episode that holds the current scene.
  const episodeItem = current.closest("ol ol")?.closest("li");
  episodeItem?.querySelector(":scope > .sd-nav-item")?.setAttribute("aria-current", "true");
}

// --- One tab stop for the whole outline (a roving tabindex, as in WAI-ARIA's tree pattern) --
//
// Tab reaches the outline once and leaves it with the next Tab: Down and Up move through
// the panels' headings and the entries that are showing, Home and End go to the first and
// the last, Right opens a closed panel and Left closes it (from an entry, Left goes to its
// panel's heading). Enter or Space follow the entry, as a click does. The entry that holds
// the tab stop is the one last focused, or the place of the cursor.

const OUTLINE_ITEMS = "summary, .sd-nav-item";

/** The headings and entries a reader can see now, in order. */
export function outlineItems(nav) {
  return [...nav.querySelectorAll(OUTLINE_ITEMS)].filter((item) => {
    for (let node = item.parentElement; node && node !== nav; node = node.parentElement) {
      if (node.hidden) return false;
      const ownSummary = item.localName === "summary" && item.parentElement === node;
      if (node.localName === "details" && !node.open && !ownSummary) return false;
    }
    return true;
  });
}

/**
 * Make `nav` one tab stop with arrow-key movement. Returns `refresh(preferred)`, to call
 * after the entries are rebuilt or a panel opens or closes: the stop stays where it was,
 * or moves to `preferred` (the cursor's scene) while focus is elsewhere.
 */
export function rovingOutline(nav, doc = document) {
  const all = () => [...nav.querySelectorAll(OUTLINE_ITEMS)];
  const setStop = (target) => {
    for (const item of all()) item.tabIndex = item === target ? 0 : -1;
  };
  const stop = () => all().find((item) => item.getAttribute("tabindex") === "0") || null;

  function refresh(preferred = null) {
    const visible = outlineItems(nav);
    let focusInside = false;
    for (let node = doc.activeElement; node; node = node.parentElement) focusInside ||= node === nav;
    let target = stop();
    if (preferred && !focusInside && visible.includes(preferred)) target = preferred;
    if (!visible.includes(target)) target = visible[0] || null;
    setStop(target);
  }

  nav.addEventListener("focusin", (event) => {
    if (event.target.matches && event.target.matches(OUTLINE_ITEMS)) setStop(event.target);
  });
  // A panel opened or closed: "toggle" does not bubble, so listen while it passes down.
  nav.addEventListener("toggle", () => refresh(), true);
  nav.addEventListener("keydown", (event) => {
    const list = outlineItems(nav);
    const index = list.indexOf(event.target);
    if (index < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const item = list[index];
    const panel = item.localName === "summary" ? item.parentElement : null;
    let next = null;
    switch (event.key) {
      case "ArrowDown":
        next = list[Math.min(index + 1, list.length - 1)];
        break;
      case "ArrowUp":
        next = list[Math.max(index - 1, 0)];
        break;
      case "Home":
        next = list[0];
        break;
      case "End":
        next = list[list.length - 1];
        break;
      case "ArrowRight":
        if (panel && !panel.open) {
          panel.open = true;
          refresh();
          next = item;
        } else if (panel) next = list[Math.min(index + 1, list.length - 1)];
        break;
      case "ArrowLeft":
        if (panel && panel.open) {
          panel.open = false;
          refresh();
          next = item;
        } else if (!panel) next = item.closest("details")?.querySelector(":scope > summary") || null;
        break;
      default:
        return;
    }
    event.preventDefault();
    if (!next) return;
    setStop(next);
    next.focus();
  });
  refresh();
  return refresh;
}
