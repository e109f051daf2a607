// Copies the front-end packages from node_modules into the Django static folder.
// Run by `npm run build` (the Makefile's install step); the output is not committed.
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src/seta/web/assets/vendor");
const files = [
  ["node_modules/@utrecht/component-library-css/dist/index.css", "utrecht/component-library.css"],
  ["node_modules/@utrecht/design-tokens/dist/theme.css", "utrecht/design-tokens.css"],
  ["node_modules/htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
];
for (const [from, to] of files) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(root, from), join(out, to));
  console.log(`assets: ${from} -> vendor/${to}`);
}
