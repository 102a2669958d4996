/**
 * The Excel host and the in-memory Excel, for benchmarks that count context.sync() calls.
 * scripts/build-cli.mjs bundles them with the benchmarks.
 */
import * as host from "../src/hosts/excel";
import * as fake from "../tests/fakes/fake-excel";

export const excelModules: { host: unknown; fake: unknown } = { host, fake };
