// What the page gives the editor: the #script-editor data attributes, the JSON script
// elements (text, strings, open conflicts), a localStorage that always works, and the
// date format for the comment list and the restore offer. See README.md for the contract.

export function numberOrNull(value) {
  if (value === undefined || value === null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The JSON in <script type="application/json" id=…>, or `fallback` if absent or broken. */
export function readJSONScript(id, fallback, doc = document) {
  const node = doc.getElementById(id);
  if (!node) return fallback;
  try {
    return JSON.parse(node.textContent);
  } catch {
    return fallback;
  }
}

/** The editor's settings from the root element's data-* attributes. */
export function readConfig(root, pathname = location.pathname) {
  const ds = root.dataset;
  return {
    format: ds.format === "fountain" ? "fountain" : "zh",
    saveUrl: ds.saveUrl || "",
    previewUrl: ds.previewUrl || "",
    commentsUrl: ds.commentsUrl || "",
    conflictsUrl: ds.conflictsUrl || "",
    base: numberOrNull(ds.base),
    episode: numberOrNull(ds.episode),
    readOnly: ds.readOnly === "true",
    storageKey: ds.storageKey || `script-editor:${pathname}`,
    cspNonce: ds.cspNonce || "",
  };
}

/** The script's text from #script-editor-text; "" if it is missing or not a string. */
export function readText(doc = document) {
  const text = readJSONScript("script-editor-text", "", doc);
  return typeof text === "string" ? text : "";
}

/** CodeMirror's own panel phrases from the strings JSON ("phrases": {…}), or null. */
export function phrasesFrom(strings) {
  return strings && typeof strings.phrases === "object" && strings.phrases ? strings.phrases : null;
}

/** localStorage, or an in-memory stand-in when storage is disabled or refuses writes. */
export function safeLocalStorage(getStorage = () => window.localStorage) {
  try {
    const storage = getStorage();
    const probe = "__script_editor_probe__";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    // Storage disabled: keep the backup in memory so the code paths stay the same.
    const memory = new Map();
    return {
      getItem: (k) => (memory.has(k) ? memory.get(k) : null),
      setItem: (k, v) => memory.set(k, String(v)),
      removeItem: (k) => memory.delete(k),
    };
  }
}

/** Format an ISO date or epoch ms for the page's language; an invalid value as it is. */
export function makeDateFormatter(lang) {
  const dateFormat = new Intl.DateTimeFormat(lang || undefined, { dateStyle: "medium", timeStyle: "short" });
  return (value) => {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : dateFormat.format(date);
  };
}
