// The token colours in editor.css must reach WCAG AA (4.5:1) on every background they
// can sit on: the editor, the active line, and the heading and hook bands.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "editor.css"), "utf8");

function luminance(hex) {
  const [r, g, b] = hex.match(/[0-9a-f]{2}/gi).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Rules "selector { … }" with a literal colour (and maybe background) in editor.css. */
function rules() {
  const out = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const color = /(?:^|;)\s*color:\s*(#[0-9a-f]{6})/i.exec(m[2]);
    const background = /background(?:-color)?:\s*(#[0-9a-f]{6})/i.exec(m[2]);
    out.push({ selector: m[1].trim(), color: color?.[1], background: background?.[1] });
  }
  return out;
}

const BANDS = ["#ffffff", "#f4f7fb", "#f6e7e4", "#e8eff8", "#fdecea", "#fff1d6", "#f3eef8", "#eaf4ec", "#e0f1f4"];

test("token colours meet AA on every band", () => {
  const tokens = rules().filter((r) => r.color && /^\.sd-[a-z-]+(,\s*\.sd-[a-z-]+)*$/.test(r.selector) && !r.selector.includes("sd-status"));
  assert.ok(tokens.length > 25, "found the token rules");
  for (const rule of tokens) {
    const backgrounds = rule.background ? [rule.background] : BANDS;
    for (const bg of backgrounds) {
      const ratio = contrast(rule.color, bg);
      assert.ok(ratio >= 4.5, `${rule.selector} ${rule.color} on ${bg}: ${ratio.toFixed(2)}`);
    }
  }
});

test("line numbers, status colours and buttons meet AA", () => {
  assert.ok(contrast("#5c606a", "#f6f4ef") >= 4.5, "gutter");
  assert.ok(contrast("#1d1f24", "#e8e4da") >= 4.5, "active gutter");
  for (const c of ["#1f6b3a", "#4a4f59", "#8a5a00", "#a3261b"]) assert.ok(contrast(c, "#fbfaf7") >= 4.5, `status ${c}`);
  assert.ok(contrast("#ffffff", "#a3261b") >= 4.5, "primary button");
  assert.ok(contrast("#6b3f00", "#fbfaf7") >= 4.5, "warnings in the outline");
  assert.ok(contrast("#1d1f24", "#c9dcf5") >= 4.5, "selected text");
});
