// Fails when the operator page's vendored uPlot differs from the pinned npm package (see VENDORED.md).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const vendored = join(here, "../src/main/resources/io/hubd/daemon/ui");
let differ = 0;
for (const file of ["uPlot.iife.min.js", "uPlot.min.css"]) {
  const a = readFileSync(join(here, "node_modules/uplot/dist", file));
  const b = readFileSync(join(vendored, file));
  if (!a.equals(b)) {
    console.error(`vendored ${file} differs from node_modules/uplot/dist/${file}`);
    differ++;
  }
}
if (differ) process.exit(1);
console.log("vendored uPlot matches the pinned package");
