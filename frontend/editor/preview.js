// Debounced preview requests: one request at a time, ~600 ms after the last change.
// The server parses the text and returns the rendered screenplay and the outline; the
// scheduler only decides when to ask. Pure (timers injected) so that it can be tested.

export const PREVIEW_DELAY_MS = 600;

export class PreviewScheduler {
  /**
   * @param {object} o
   * @param {(snapshot: any) => Promise<object>} o.request  performs the POST
   * @param {() => any} o.snapshot       captures what to send (text, line tracker)
   * @param {(data: object, snapshot: any) => void} o.onResult
   * @param {(error: unknown) => void} [o.onError]
   */
  constructor(o) {
    this.request = o.request;
    this.snapshot = o.snapshot;
    this.onResult = o.onResult;
    this.onError = o.onError || (() => {});
    this.delayMs = o.delayMs ?? PREVIEW_DELAY_MS;
    this.timers = o.timers || { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (id) => clearTimeout(id) };
    this.timer = null;
    this.inFlight = false;
    this.pending = false;
  }

  changed() {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.now();
    }, this.delayMs);
  }

  async now() {
    if (this.inFlight) {
      this.pending = true; // ask again with the newer text once this answer is in
      return;
    }
    this.inFlight = true;
    this.pending = false;
    const snap = this.snapshot();
    try {
      const data = await this.request(snap);
      this.onResult(data, snap);
    } catch (error) {
      this.onError(error);
    } finally {
      this.inFlight = false;
    }
    if (this.pending && this.timer === null) this.now();
  }

  destroy() {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
