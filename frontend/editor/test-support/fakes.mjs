// Test doubles for the editor's state machines and wiring: a virtual clock (timeouts and
// intervals), a fetch whose answers the test gives one by one, and an in-memory Storage.
// The DOM stand-in is in dom.mjs, the CodeMirror view stand-in in view.mjs.

/** Let pending promise callbacks run (fetch answers, async handlers). */
export const settle = () => new Promise((resolve) => setImmediate(resolve));

export class FakeClock {
  constructor() {
    this.time = 1_000_000;
    this.timers = new Map();
    this.nextId = 1;
    this.setTimeout = (fn, ms) => {
      const id = this.nextId++;
      this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
      return id;
    };
    this.clearTimeout = (id) => this.timers.delete(id);
    // An interval is a timeout that sets itself again each time it runs, under the same id.
    this.setInterval = (fn, ms) => {
      const id = this.nextId++;
      const every = Math.max(1, ms);
      const run = () => {
        this.timers.set(id, { at: this.time + every, fn: run });
        fn();
      };
      this.timers.set(id, { at: this.time + every, fn: run });
      return id;
    };
    this.clearInterval = (id) => this.timers.delete(id);
    this.now = () => this.time;
  }

  /** Move time forward, running due timers in order and settling promises after each. */
  async advance(ms) {
    const end = this.time + ms;
    await settle();
    for (;;) {
      let next = null;
      for (const [id, timer] of this.timers) {
        if (timer.at <= end && (!next || timer.at < next[1].at || (timer.at === next[1].at && id < next[0]))) {
          next = [id, timer];
        }
      }
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

/** A fetch whose requests wait until the test answers them. */
export class FakeFetch {
  constructor() {
    this.requests = [];
    this.fetch = (url, init) =>
      new Promise((resolve, reject) => {
        const request = { url, init, body: init.body ? JSON.parse(init.body) : null, resolve, reject, done: false };
        init.signal?.addEventListener("abort", () => {
          if (!request.done) {
            request.done = true;
            reject(new DOMException("aborted", "AbortError"));
          }
        });
        this.requests.push(request);
      });
  }
  get pending() {
    return this.requests.filter((r) => !r.done);
  }
  get last() {
    return this.requests[this.requests.length - 1];
  }
  /** Answer the oldest open request with an HTTP status and JSON body. */
  async respond(status, body) {
    const request = this.pending[0];
    if (!request) throw new Error("no open request");
    request.done = true;
    request.resolve({ status, ok: status >= 200 && status < 300, json: async () => body });
    await settle();
    return request;
  }
  async failNetwork() {
    const request = this.pending[0];
    request.done = true;
    request.reject(new TypeError("Failed to fetch"));
    await settle();
    return request;
  }
}

export class MemoryStorage {
  constructor() {
    this.map = new Map();
    this.writes = 0;
  }
  getItem(key) {
    return this.map.has(key) ? this.map.get(key) : null;
  }
  setItem(key, value) {
    this.writes += 1;
    this.map.set(key, String(value));
  }
  removeItem(key) {
    this.map.delete(key);
  }
}

export const saved = (number) => ({ status: "saved", head: { number, sha256: "x" }, own: { number }, text: null, conflict_url: null });
