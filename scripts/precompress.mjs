// Writes X.br and X.gz beside each compressible file X of the built web app, at
// the highest quality: the build pays for compression once, so the server never
// compresses a static file per request (src/http/static_files.cpp picks the
// sibling by Accept-Encoding). A file under 512 bytes, or one that neither
// coding shrinks by a tenth, gets no siblings (and stale ones are removed).
// Usage: node scripts/precompress.mjs DIR   (scripts/build-web.sh runs it on web/dist)
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const compressible = new Set([".html", ".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt", ".webmanifest", ".xml", ".wasm"]);
const minBytes = 512;
const worthRatio = 0.9;

function brotli(data) {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

const gzip = (data) => gzipSync(data, { level: constants.Z_BEST_COMPRESSION });

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && compressible.has(extname(entry.name))) yield path;
  }
}

function precompress(path) {
  const data = readFileSync(path);
  const written = [];
  for (const [suffix, encode] of [[".br", brotli], [".gz", gzip]]) {
    const encoded = data.length >= minBytes ? encode(data) : null;
    if (encoded && encoded.length <= data.length * worthRatio) {
      writeFileSync(path + suffix, encoded);
      written.push(`${suffix} ${encoded.length}`);
    } else {
      rmSync(path + suffix, { force: true });
    }
  }
  return written.length ? `${path} ${data.length} -> ${written.join(", ")}` : null;
}

const dir = process.argv[2];
if (!dir || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
  console.error("usage: node scripts/precompress.mjs DIR");
  process.exit(2);
}
for (const path of files(dir)) {
  const line = precompress(path);
  if (line) console.log(`precompressed ${line}`);
}
