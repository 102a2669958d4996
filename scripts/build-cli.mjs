// Builds the headless command line and the benchmarks for Node with esbuild: one bundle each of
// our own code (packages stay in node_modules), in well under a second. Type checking is
// `npm run typecheck` (tsc), which CI runs; this only transpiles.
import { build } from "esbuild";

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  legalComments: "none",
};

await Promise.all([
  build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist-cli/src/cli/main.js" }),
  build({ ...common, entryPoints: ["bench/run.ts"], outfile: "dist-cli/bench/run.js" }),
]);
