// Built into dist/ and served by `ketaclinic serve` (src/http/static_files.cpp):
// hashed files under assets/ are cached for a year, index.html is revalidated.
// `npm run dev` proxies the API to a server started with `./kc run`.
import { defineConfig } from "vite";

export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: { outDir: "dist", assetsDir: "assets", target: "es2020", sourcemap: false },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/healthz": "http://127.0.0.1:8080" } },
});
