// Line diff (Myers' O(ND) algorithm) turned into character changes. Used when the
// server returns merged text: applying only the changed lines keeps the writer's cursor,
// selection, scroll position and undo history where they belong.

const MAX_EDIT_DISTANCE = 2000; // beyond this, fall back to one replacement of the middle

function splitLines(text) {
  // Keep the terminators so that joining the pieces gives the text back exactly.
  return text.match(/[^\n]*\n|[^\n]+$/g) || [];
}

/** Shortest edit script between arrays a and b: [["=",i,j] | ["-",i] | ["+",j]] or null. */
function myers(a, b, maxD) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace = [];
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2)); // k in [-d-1, d+1]
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace, n, m) {
  const ops = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snap = trace[d];
    const at = (k) => snap[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      ops.push(["=", x, y]);
    }
    if (d > 0) {
      if (x === prevX) ops.push(["+", prevY]);
      else ops.push(["-", prevX]);
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/**
 * Changes that turn oldText into newText: [{from, to, insert}] with positions in
 * oldText, ascending and non-overlapping (the shape CodeMirror's dispatch accepts).
 */
export function diffChanges(oldText, newText) {
  if (oldText === newText) return [];
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const offsets = [0];
  for (const line of a) offsets.push(offsets[offsets.length - 1] + line.length);
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops = myers(midA, midB, MAX_EDIT_DISTANCE);
  if (!ops) {
    return [{ from: offsets[start], to: offsets[endA], insert: midB.join("") }];
  }
  const changes = [];
  let hunk = null;
  const close = () => {
    if (hunk) changes.push({ from: offsets[start + hunk.i0], to: offsets[start + hunk.i1], insert: hunk.text });
    hunk = null;
  };
  let i = 0; // position in midA
  for (const op of ops) {
    if (op[0] === "=") {
      close();
      i = op[1] + 1;
    } else if (op[0] === "-") {
      if (!hunk) hunk = { i0: op[1], i1: op[1], text: "" };
      hunk.i1 = op[1] + 1;
      i = op[1] + 1;
    } else {
      if (!hunk) hunk = { i0: i, i1: i, text: "" };
      hunk.text += midB[op[1]];
    }
  }
  close();
  return changes;
}

/** Apply changes from diffChanges (tests and fallbacks). */
export function applyChanges(text, changes) {
  let out = "";
  let pos = 0;
  for (const c of changes) {
    out += text.slice(pos, c.from) + c.insert;
    pos = c.to;
  }
  return out + text.slice(pos);
}
