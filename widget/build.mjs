// Builds the widget into src/copydesk/static/widget/ (or the directory given
// as the first argument):
//   widget.js  the loader (classic script, IIFE), what pages embed
//   dialog.js  the lazily imported chunk (ES module): dialog, styles, i18n, sending
// The loader imports the chunk from /widget/<hash>/dialog.js, where <hash> is
// the first 16 hex digits of the SHA-256 of dialog.js; the server computes the
// same hash (copydesk.web.widget).
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
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

const dialog = await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/dialog.js")],
  format: "esm",
});
const dialogCode = dialog.outputFiles[0].contents;
const hash = createHash("sha256").update(dialogCode).digest("hex").slice(0, 16);

const loader = await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/loader.js")],
  format: "iife",
  define: { __DIALOG_HASH__: JSON.stringify(hash) },
});

await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, "dialog.js"), dialogCode);
await writeFile(join(outDir, "widget.js"), loader.outputFiles[0].contents);
console.log(`built widget.js and dialog.js (dialog hash ${hash}) into ${outDir}`);
