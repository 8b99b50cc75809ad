// Feature folders stay apart: a feature imports shared code (api, components, lib,
// the router, the session), never another feature, so pages do not import pages.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const features = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "features");

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

// The feature folder a resolved path lies in, or null outside src/features.
function featureOf(path) {
  const rel = relative(features, path);
  return rel.startsWith("..") ? null : rel.split(sep)[0];
}

describe("feature folders", () => {
  const folders = readdirSync(features, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

  it("exist", () => expect(folders.length).toBeGreaterThan(5));

  for (const folder of folders)
    it(`${folder} imports no other feature`, () => {
      for (const file of sources(join(features, folder))) {
        const imports = [...readFileSync(file, "utf8").matchAll(/(?:from|import) "([^"]+)"/g)].map((m) => m[1]);
        const foreign = imports.filter((i) => {
          const target = featureOf(resolve(dirname(file), i));
          return target !== null && target !== folder;
        });
        expect(foreign, file).toEqual([]);
      }
    });
});
