/**
 * npm run bench: every benchmark, printed as one JSON document. `npm run bench -- check` runs
 * only the benchmarks whose name contains "check".
 */
import { benches } from "./index";

async function run(): Promise<void> {
  const filter = process.argv[2];
  const results: Record<string, unknown> = {
    node: process.version,
    cpus: require("os").cpus().length,
    date: new Date().toISOString(),
  };
  for (const [name, bench] of Object.entries(benches)) {
    if (filter && !name.includes(filter)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    results[name] = await bench();
  }
  process.stdout.write(JSON.stringify(results, null, 2) + "\n");
}

// Some benchmarks measure a phase in a child process of this same bundle ("--adopt-child",
// "--summary-child"); the child runs only its phase, not the whole suite.
if (!process.argv[2]?.startsWith("--")) {
  run().catch((e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
