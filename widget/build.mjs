// Builds the widget into src/copydesk/static/widget/ (or the directory given
// as the first argument):
//   widget.js  the loader (classic script, IIFE), what pages embed
//   dialog.js  the lazily imported chunk (ES module): dialog, styles, sending
//   <lang>.js  one chunk (ES module) per language in src/lang/: its strings
//   notices.js the correction notices' renderer (ES module), imported only on
//              pages that placed [data-copydesk-notices] when the article has some
//   notices-<lang>.js  its strings, one chunk per language
//   notify-<lang>.js   the dialog's optional e-mail field with its strings, one
//              chunk per language, imported with the dialog on pages with
//              data-notify="on"
// The loader imports the chunks from /widget/<release>/<name>.js, where
// <release> is the first 16 hex digits of the SHA-256 of every chunk (name,
// NUL, content, NUL; in name order); the server computes the same hash
// (copydesk.web.widget.release). A reader who reports downloads the loader,
// dialog.js and one language's chunk (and one notify-<lang>.js on pages that
// offer the e-mail field); a page showing notices, the loader, notices.js and
// one notices-<lang>.js.
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

// Each src/lang/<code>.js exports an object of strings; the chunk a reader
// downloads is just the values, as an array in the order of en.js's keys, and
// the dialog reads `t[T.key]` (`T.key` is replaced by the key's index).
const langDir = join(here, "src/lang");
// Its `notices` (the notice renderer's strings) become notices-<code>.js, an
// object: notices.js looks names up by the API's type.
const tables = {};
const noticeTables = {};
// Its `notify` (the e-mail field's strings) is built into notify-<code>.js.
const notifyTables = {};
for (const file of (await readdir(langDir)).filter((f) => f.endsWith(".js")).sort()) {
  const strings = await import(join(langDir, file));
  tables[file.slice(0, -3)] = strings.default;
  noticeTables[file.slice(0, -3)] = strings.notices;
  notifyTables[file.slice(0, -3)] = strings.notify;
}
const KEYS = Object.keys(tables.en);
const NOTICE_KEYS = Object.keys(noticeTables.en);
const NOTIFY_KEYS = Object.keys(notifyTables.en);
const esm = (value) => new TextEncoder().encode("export default" + JSON.stringify(value) + ";\n");
const langCode = {};
for (const [lang, table] of Object.entries(tables)) {
  const keys = Object.keys(table);
  if (keys.join() !== KEYS.join()) throw new Error(`src/lang/${lang}.js: keys differ from en.js's`);
  if (Object.keys(noticeTables[lang] || {}).join() !== NOTICE_KEYS.join())
    throw new Error(`src/lang/${lang}.js: the notices' keys differ from en.js's`);
  if (Object.keys(notifyTables[lang] || {}).join() !== NOTIFY_KEYS.join())
    throw new Error(`src/lang/${lang}.js: the notify keys differ from en.js's`);
  langCode[lang + ".js"] = esm(keys.map((k) => table[k]));
  langCode["notices-" + lang + ".js"] = esm(noticeTables[lang]);
}
const T = Object.fromEntries(KEYS.map((k, i) => ["T." + k, String(i)]));

const dialog = await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/dialog.js")],
  format: "esm",
  define: T,
});
const dialogCode = dialog.outputFiles[0].contents;
const LANGS = { __LANGS__: JSON.stringify(Object.keys(tables)) };
const notices = await esbuild.build({ ...common, entryPoints: [join(here, "src/notices.js")], format: "esm", define: LANGS });
const noticesCode = notices.outputFiles[0].contents;
const notifyCode = {};
for (const [lang, table] of Object.entries(notifyTables)) {
  // "./lang.js" is the dialog's strings chunk of the same language, left as an
  // import: the same module the loader imports (a relative URL in the same release).
  const sameLang = { name: "same-lang", setup: (b) => b.onResolve({ filter: /^\.\/lang\.js$/ }, () => ({ path: "./" + lang + ".js", external: true })) };
  const built = await esbuild.build({ ...common, entryPoints: [join(here, "src/notify.js")], format: "esm", define: { __NOTIFY__: JSON.stringify(table) }, plugins: [...common.plugins, sameLang] });
  notifyCode["notify-" + lang + ".js"] = built.outputFiles[0].contents;
}
const chunks = { ...langCode, ...notifyCode, "dialog.js": dialogCode, "notices.js": noticesCode };
const sha = createHash("sha256");
for (const name of Object.keys(chunks).sort()) sha.update(name + "\0").update(chunks[name]).update("\0");
const release = sha.digest("hex").slice(0, 16);

const loader = await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/loader.js")],
  format: "iife",
  define: { __RELEASE__: JSON.stringify(release), ...LANGS },
});

await mkdir(outDir, { recursive: true });
// Only what this build writes: no chunk of a removed language is left behind.
for (const f of await readdir(outDir)) if (f.endsWith(".js")) await rm(join(outDir, f));
for (const [file, code] of Object.entries({ ...langCode, ...notifyCode })) await writeFile(join(outDir, file), code);
await writeFile(join(outDir, "dialog.js"), dialogCode);
await writeFile(join(outDir, "notices.js"), noticesCode);
await writeFile(join(outDir, "widget.js"), loader.outputFiles[0].contents);
console.log(`built widget.js, dialog.js, notices.js, notify-*.js and ${Object.keys(tables).join(", ")} (release ${release}) into ${outDir}`);
