// Bundle the editor into static/editor/ (committed; no build at deploy time).
// Run from the repository root: `npm run build:editor`.
//
// The output is deterministic: the same sources and package versions give the same
// bytes (no timestamps, no absolute paths, packages listed in sorted order), so CI can
// check the committed bundle with `npm run build:editor && git diff --exit-code static/editor`.

import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const outDir = join(root, "static/editor");

const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.`;

/** name@version (licence) of every npm package that ended up in the bundle. */
function bundledPackages(metafile) {
  const seen = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m || seen.has(m[1])) continue;
    const pkg = JSON.parse(readFileSync(join(root, "node_modules", m[1], "package.json"), "utf8"));
    seen.set(m[1], `${pkg.name}@${pkg.version} (${pkg.license})`);
  }
  return [...seen.keys()].sort().map((name) => seen.get(name));
}

function banner(packages) {
  const lines = [
    "Script editor for the micro-drama platform (frontend/editor, built with esbuild).",
    "",
    "Bundles CodeMirror 6 (https://codemirror.net) and its dependencies:",
    ...packages.map((p) => `  ${p}`),
    "",
    "CodeMirror, Lezer, style-mod, w3c-keyname, crelt and find-cluster-break are",
    "MIT licensed: Copyright (C) 2018-2021 by Marijn Haverbeke <marijn@haverbeke.berlin>",
    "and others.",
    "",
    ...MIT.split("\n"),
  ];
  return `/*!\n${lines.map((l) => ` * ${l}`.trimEnd()).join("\n")}\n */`;
}

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  write: false,
  logLevel: "warning",
  legalComments: "none", // the banner below carries the licences
  charset: "ascii", // \u escapes: safe whatever charset the static server declares
};

const js = await esbuild.build({
  ...common,
  entryPoints: [relative(root, join(here, "main.js"))],
  outfile: "static/editor/editor.js",
  format: "iife",
  target: ["es2020", "chrome90", "firefox90", "safari15"],
  metafile: true,
});
const packages = bundledPackages(js.metafile);

const css = await esbuild.build({
  ...common,
  entryPoints: [relative(root, join(here, "editor.css"))],
  outfile: "static/editor/editor.css",
});

mkdirSync(outDir, { recursive: true });
const jsText = `${banner(packages)}\n${js.outputFiles[0].text}`;
const cssText = `/*! Script editor styles (frontend/editor/editor.css). Bundled script licences: see editor.js. */\n${css.outputFiles[0].text}`;
writeFileSync(join(outDir, "editor.js"), jsText);
writeFileSync(join(outDir, "editor.css"), cssText);

const kb = (s) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KiB`;
console.log(`static/editor/editor.js  ${kb(jsText)}  (${packages.length} packages)`);
console.log(`static/editor/editor.css ${kb(cssText)}`);
