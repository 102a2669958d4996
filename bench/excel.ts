/**
 * The Excel host and the in-memory Excel, for benchmarks that count context.sync() calls.
 * scripts/build-cli.mjs bundles them with the benchmarks.
 */
export { createExcelHost } from "../src/hosts/excel";
export { createFakeExcel } from "../tests/fakes/fake-excel";
