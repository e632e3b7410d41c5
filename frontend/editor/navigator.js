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
