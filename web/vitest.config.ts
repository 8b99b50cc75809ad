import { defineConfig } from "vitest/config";

// Unit tests of the app's pure logic (test/*.test.ts), in Node: no browser, no server.
export default defineConfig({
  test: { include: ["test/**/*.test.{ts,mjs}"], environment: "node" },
});
