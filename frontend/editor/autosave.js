// Autosave as a small state machine with everything that touches the world injected
// (fetch, timers, clock, storage), so that tests drive it with fakes and a virtual clock.
//
// Guarantees:
// - at most one save request is in flight; edits made meanwhile are saved right after;
// - a save starts 1.5 s after typing stops, and at least every 20 s while typing goes on;
// - every edit is copied to localStorage with the base revision and a timestamp, and the
//   copy is removed only once that exact text is saved. The first edit after a pause is
//   written at once; while typing goes on, writes are coalesced to one per 250 ms (a copy
//   of a 100-episode script costs ~3 ms, too much for every keystroke) and flushed on
//   flush() (save-wiring.js calls it on pagehide, when the tab is hidden and before unload) and
//   before every save request. Chromium itself commits localStorage to disk lazily, so a
//   per-keystroke write would not be more durable against a crash of the whole browser;
//   it only narrows the window for a crash of the tab, which this keeps under 250 ms;
// - network failures and 5xx answers retry with backoff 1, 2, 4 … 30 s, and at once when
//   the browser says it is online again;
// - 400 shows the server's messages and waits for the writer (next edit or "save now");
// - 401/403/404 stop saving for good; a conflict stops autosaving (the writer resolves it
//   on the conflict page; a manual save is still allowed).

export const DEBOUNCE_MS = 1500;
export const MAX_INTERVAL_MS = 20000;
export const MAX_BACKOFF_S = 30;
export const REQUEST_TIMEOUT_MS = 30000;
export const BACKUP_INTERVAL_MS = 250;
const BACKUP_VERSION = 1;

/** Backoff before retry number `failures` (1-based): 1, 2, 4, 8, 16, 30, 30 … seconds. */
export function backoffSeconds(failures) {
  return Math.min(MAX_BACKOFF_S, 2 ** Math.max(0, failures - 1));
}

/** Read the csrftoken cookie (Django's default name). */
export function csrfTokenFrom(cookieString) {
  for (const part of (cookieString || "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "csrftoken") return decodeURIComponent(rest.join("="));
  }
  return "";
}

function readJSON(storage, key) {
  try {
    const raw = storage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null; // unreadable storage or a corrupt entry: nothing to offer
  }
}

export class Autosave {
  /**
   * @param {object} o
   * @param {string} o.url              save endpoint
   * @param {Function} o.fetch          window.fetch or a fake
   * @param {() => string} o.getText    the current buffer
   * @param {number|null} o.base        head revision the text came from
   * @param {number|null} o.episode     episode scope, or null for the whole text
   * @param {Storage} o.storage         localStorage or a fake (getItem/setItem/removeItem)
   * @param {string} o.storageKey
   * @param {() => string} [o.csrfToken]
   * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
   * @param {() => number} [o.now]
   * @param {(status: object) => void} [o.onStatus]   {state, seconds?, errors?, conflictUrl?}
   * @param {(text: string) => boolean} [o.replaceText] put merged server text into the
   *        buffer; return false if it cannot be done now (e.g. during IME composition)
   * @param {() => void} [o.onSend]    just before a request leaves (the comments panel snapshots the doc)
   * @param {(result: object, info: {replaced: boolean}) => void} [o.onSaved]  after every
   *        successful save answer; `replaced` when merged text was put into the buffer
   */
  constructor(o) {
    this.url = o.url;
    this.fetch = o.fetch;
    this.getText = o.getText;
    this.base = o.base ?? null;
    this.episode = o.episode ?? null;
    this.storage = o.storage;
    this.storageKey = o.storageKey;
    this.restoreKey = `${o.storageKey}:restore`;
    this.csrfToken = o.csrfToken || (() => "");
    this.timers = o.timers || { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (id) => clearTimeout(id) };
    this.now = o.now || (() => Date.now());
    this.onStatus = o.onStatus || (() => {});
    this.replaceText = o.replaceText || (() => false);
    this.onSaved = o.onSaved || (() => {});
    this.onSend = o.onSend || (() => {});
    this.debounceMs = o.debounceMs ?? DEBOUNCE_MS;
    this.maxIntervalMs = o.maxIntervalMs ?? MAX_INTERVAL_MS;
    this.requestTimeoutMs = o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.backupIntervalMs = o.backupIntervalMs ?? BACKUP_INTERVAL_MS;

    this.version = 0; // bumped by every edit
    this.savedVersion = 0; // the version whose text the server holds
    this.resync = false; // a merge could not be shown; save again to fetch it
    this.suppress = false; // true while the merged text replaces the buffer
    this.retryKind = "auto";
    this.lastKind = "auto"; // kind of the last request: a manual save is announced
    this.inFlight = false;
    this.queued = null; // null, "auto" or "manual": a save asked for while one was in flight
    this.failures = 0;
    this.stopped = false; // no permission: never save again
    this.autosaveOff = false; // after a conflict, until a manual save succeeds
    this.debounceTimer = null;
    this.maxTimer = null;
    this.retryTimer = null;
    this.tickTimer = null;
    this.backupTimer = null;
    this.lastBackupAt = -Infinity;
    this.retryAt = 0;
    this.status = { state: "saved" };
  }

  // --- public API ---------------------------------------------------------------------

  /** The buffer changed (a user edit). Backs the text up, then schedules a save. */
  changed() {
    if (this.suppress) return; // our own replacement of the buffer with merged text
    this.version += 1;
    this.scheduleBackup();
    if (this.stopped) return;
    // Problems (offline, error, conflict) and an ongoing save keep their status; the
    // edit will be in the next request anyway.
    if (this.status.state === "saved" || this.status.state === "invalid") this.setStatus({ state: "unsaved" });
    if (this.autosaveOff) return;
    this.clear("debounceTimer");
    this.debounceTimer = this.timers.setTimeout(() => {
      this.debounceTimer = null;
      this.autoFire();
    }, this.debounceMs);
    if (this.maxTimer === null) {
      this.maxTimer = this.timers.setTimeout(() => {
        this.maxTimer = null;
        this.autoFire();
      }, this.maxIntervalMs);
    }
  }

  /** Save now (Ctrl/Cmd+S or the button): also retries at once after failures. */
  saveNow() {
    if (this.stopped) return;
    this.clear("retryTimer");
    this.clear("tickTimer");
    this.send("manual");
  }

  /** The browser's `online` event: retry at once instead of waiting for the backoff. */
  online() {
    if (this.stopped || this.retryTimer === null) return;
    this.clear("retryTimer");
    this.clear("tickTimer");
    this.send(this.retryKind || "auto");
  }

  /** Write a pending backup now (pagehide, hidden tab, beforeunload). */
  flush() {
    if (this.backupTimer !== null) {
      this.clear("backupTimer");
      this.writeBackup();
    }
  }

  /** Is there text the server does not have yet (for the beforeunload warning)? */
  hasUnsavedChanges() {
    return this.inFlight || this.isDirty();
  }

  /**
   * A locally backed-up text that differs from what the server gave, or null.
   * An entry found under the main key is moved aside first, so that typing before the
   * writer decides cannot overwrite it. Texts made on an older base are offered too:
   * restoring keeps their base, so the next save merges them on the server.
   */
  restoreCandidate(serverText) {
    let candidate = readJSON(this.storage, this.storageKey);
    if (candidate && typeof candidate.text === "string") {
      this.safeStorage(() => {
        this.storage.setItem(this.restoreKey, JSON.stringify(candidate));
        this.storage.removeItem(this.storageKey);
      });
    } else {
      candidate = readJSON(this.storage, this.restoreKey);
    }
    if (!candidate || typeof candidate.text !== "string") return null;
    if (candidate.text === serverText || (candidate.episode ?? null) !== this.episode) {
      this.discardBackup();
      return null;
    }
    return {
      text: candidate.text,
      base: candidate.base ?? null,
      savedAt: candidate.savedAt ?? null,
      sameBase: (candidate.base ?? null) === this.base,
    };
  }

  /** Use a restore candidate: its base becomes ours; the caller then puts the text in. */
  restore(candidate) {
    this.base = candidate.base;
    this.safeStorage(() => this.storage.removeItem(this.restoreKey));
  }

  discardBackup() {
    this.safeStorage(() => this.storage.removeItem(this.restoreKey));
  }

  destroy() {
    this.flush();
    for (const name of ["debounceTimer", "maxTimer", "retryTimer", "tickTimer"]) this.clear(name);
    this.stopped = true;
  }

  // --- internals ----------------------------------------------------------------------

  isDirty() {
    return this.version !== this.savedVersion || this.resync;
  }

  setStatus(status) {
    this.status = status;
    this.onStatus(status);
  }

  clear(name) {
    if (this[name] !== null) {
      this.timers.clearTimeout(this[name]);
      this[name] = null;
    }
  }

  safeStorage(fn) {
    try {
      fn();
      return true;
    } catch {
      return false; // private mode or quota: the server copy is still the safety net
    }
  }

  scheduleBackup() {
    if (this.backupTimer !== null) return; // a write is already due; it will take this text
    const wait = this.lastBackupAt + this.backupIntervalMs - this.now();
    if (wait <= 0) {
      this.writeBackup();
      return;
    }
    this.backupTimer = this.timers.setTimeout(() => {
      this.backupTimer = null;
      this.writeBackup();
    }, wait);
  }

  writeBackup() {
    this.clear("backupTimer");
    this.lastBackupAt = this.now();
    const entry = {
      v: BACKUP_VERSION,
      text: this.getText(),
      base: this.base,
      episode: this.episode,
      savedAt: this.now(),
    };
    this.safeStorage(() => this.storage.setItem(this.storageKey, JSON.stringify(entry)));
  }

  /** A debounce or max-interval timer fired. */
  autoFire() {
    // While a retry is scheduled, it will carry the latest text; do not hammer a dead network.
    if (this.retryTimer !== null || this.autosaveOff || this.stopped) return;
    if (this.isDirty()) this.send("auto");
  }

  async send(kind) {
    if (this.stopped) return;
    if (this.inFlight) {
      // Never two saves at once: remember the wish, a manual one wins.
      this.queued = this.queued === "manual" || kind === "manual" ? "manual" : "auto";
      return;
    }
    this.clear("debounceTimer");
    this.clear("maxTimer");
    this.flush();
    const sentVersion = this.version;
    const text = this.getText();
    this.inFlight = true;
    this.resync = false;
    this.lastKind = kind;
    this.onSend();
    this.setStatus({ state: "saving" });

    let response = null;
    let data = null;
    let timeout = null;
    try {
      const controller = typeof AbortController === "function" ? new AbortController() : null;
      if (controller) timeout = this.timers.setTimeout(() => controller.abort(), this.requestTimeoutMs);
      response = await this.fetch(this.url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": this.csrfToken(),
        },
        body: JSON.stringify({ text, base: this.base, episode: this.episode, autosave: kind !== "manual" }),
        signal: controller ? controller.signal : undefined,
      });
      try {
        data = await response.json();
      } catch {
        data = null;
      }
    } catch {
      response = null; // network failure or timeout
    } finally {
      if (timeout !== null) this.timers.clearTimeout(timeout);
    }
    this.inFlight = false;
    if (this.stopped) return;
    this.handle(response, data, sentVersion, kind);
    this.afterResponse();
  }

  handle(response, data, sentVersion, kind) {
    if (response === null || response.status >= 500) return this.fail("offline", kind);
    const code = response.status;
    if (code === 401 || code === 403 || code === 404) {
      this.stopped = true;
      for (const name of ["debounceTimer", "maxTimer", "retryTimer", "tickTimer"]) this.clear(name);
      this.setStatus({ state: "forbidden" });
      return;
    }
    if (code === 400) {
      this.failures = 0;
      const errors = data && typeof data.errors === "object" && data.errors ? data.errors : {};
      this.setStatus({ state: "invalid", errors });
      return;
    }
    if ((code !== 200 && code !== 201) || !data || !data.head) return this.fail("error", kind);

    this.failures = 0;
    const own = data.own && typeof data.own.number === "number" ? data.own.number : null;
    let replaced = false;
    switch (data.status) {
      case "saved":
      case "unchanged":
        this.base = data.head.number;
        this.savedVersion = sentVersion;
        this.autosaveOff = false;
        break;
      case "merged":
        if (this.version === sentVersion && typeof data.text === "string" && this.replaceWith(data.text)) {
          this.base = data.head.number;
          replaced = true;
        } else {
          // The buffer moved on (or cannot be replaced now): our text is saved as `own`;
          // the next save sends it against that base and the server merges again.
          this.base = own ?? this.base;
          if (this.version === sentVersion) this.resync = true;
        }
        this.savedVersion = sentVersion;
        this.autosaveOff = false;
        break;
      case "conflict":
        this.base = own ?? this.base;
        this.savedVersion = sentVersion;
        this.autosaveOff = true;
        this.clear("debounceTimer");
        this.clear("maxTimer");
        this.setStatus({ state: "conflict", conflictUrl: data.conflict_url || null });
        break;
      default:
        return this.fail("error", kind);
    }
    this.onSaved(data, { replaced });
  }

  replaceWith(text) {
    this.suppress = true;
    try {
      return this.replaceText(text) !== false;
    } finally {
      this.suppress = false;
    }
  }

  fail(state, kind) {
    this.failures += 1;
    const seconds = backoffSeconds(this.failures);
    this.retryKind = kind;
    this.retryAt = this.now() + seconds * 1000;
    this.clear("retryTimer");
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.clear("tickTimer");
      this.send(this.retryKind);
    }, seconds * 1000);
    this.setStatus({ state, seconds });
    this.tick(state);
  }

  /** Count the seconds down once a second for the status text. */
  tick(state) {
    this.clear("tickTimer");
    this.tickTimer = this.timers.setTimeout(() => {
      this.tickTimer = null;
      if (this.retryTimer === null) return;
      const seconds = Math.max(1, Math.ceil((this.retryAt - this.now()) / 1000));
      this.setStatus({ state, seconds, tick: true });
      this.tick(state);
    }, 1000);
  }

  afterResponse() {
    if (this.stopped) return;
    const state = this.status.state;
    const problem = ["offline", "error", "invalid", "conflict"].includes(state);
    if (!this.isDirty()) {
      this.clear("backupTimer");
      this.safeStorage(() => this.storage.removeItem(this.storageKey));
    } else {
      this.writeBackup(); // same text, new base
    }
    if (this.queued) {
      const kind = this.queued;
      this.queued = null;
      // A queued autosave means the writer typed during the request; after a failure the
      // scheduled retry carries that text instead.
      if (kind === "manual" || (this.retryTimer === null && !this.autosaveOff)) {
        this.clear("retryTimer");
        this.clear("tickTimer");
        this.send(kind);
        return;
      }
    }
    if (problem) return;
    if (this.isDirty()) {
      this.setStatus({ state: "unsaved" });
      if (this.debounceTimer === null && !this.autosaveOff) {
        this.debounceTimer = this.timers.setTimeout(() => {
          this.debounceTimer = null;
          this.autoFire();
        }, this.debounceMs);
      }
    } else {
      this.setStatus({ state: "saved", manual: this.lastKind === "manual" });
    }
  }
}
