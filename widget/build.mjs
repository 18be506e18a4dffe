// Builds the widget into src/copydesk/static/widget/ (or the directory given
// as the first argument):
//   widget.js  the loader (classic script, IIFE), what pages embed
//   dialog.js  the lazily imported chunk (ES module): dialog, styles, sending
//   <lang>.js  one chunk (ES module) per language in src/lang/: its strings
// The loader imports the chunks from /widget/<hash>/<name>.js, where <hash> is
// the first 16 hex digits of the file's SHA-256; the server computes the same
// hash (copydesk.web.widget). A reader downloads the loader, dialog.js and
// one language's chunk.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] || join(here, "../src/copydesk/static/widget"));

// `import css from "./widget.css"` gives the minified stylesheet as a string.
const cssAsText = {
  name: "css-as-text",
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const { code } = await esbuild.transform(source, { loader: "css", minify: true });
      return { contents: "export default " + JSON.stringify(code.trim()), loader: "js" };
    });
  },
};

const common = {
  bundle: true,
  minify: true,
  write: false,
  charset: "utf8",
  legalComments: "none",
  target: ["chrome100", "firefox100", "safari15.4"],
  plugins: [cssAsText],
};

const hashOf = (code) => createHash("sha256").update(code).digest("hex").slice(0, 16);

const langs = {};
const langCode = {};
for (const file of (await readdir(join(here, "src/lang"))).filter((f) => f.endsWith(".js")).sort()) {
  const out = await esbuild.build({ ...common, entryPoints: [join(here, "src/lang", file)], format: "esm" });
  const code = out.outputFiles[0].contents;
  langCode[file] = code;
  langs[file.slice(0, -3)] = hashOf(code);
}

const dialog = await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/dialog.js")],
  format: "esm",
});
const dialogCode = dialog.outputFiles[0].contents;
const hash = hashOf(dialogCode);

const loader = await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/loader.js")],
  format: "iife",
  define: { __DIALOG_HASH__: JSON.stringify(hash), __LANG_HASHES__: JSON.stringify(langs) },
});

await mkdir(outDir, { recursive: true });
// Only what this build writes: no chunk of a removed language is left behind.
for (const f of await readdir(outDir)) if (f.endsWith(".js")) await rm(join(outDir, f));
for (const [file, code] of Object.entries(langCode)) await writeFile(join(outDir, file), code);
await writeFile(join(outDir, "dialog.js"), dialogCode);
await writeFile(join(outDir, "widget.js"), loader.outputFiles[0].contents);
console.log(`built widget.js, dialog.js (${hash}) and ${Object.keys(langs).join(", ")} into ${outDir}`);
