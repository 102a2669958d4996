/**
 * xlsx init: time to make a new tracker workbook in-process (create the host, set up, save to a
 * temporary file), median of 5, and time to open and read back a tracker of 10,000 rows.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TABLES, TRACKER_COLUMNS } from "../src/domain/columns";
import { setupTracker } from "../src/engine/setup";
import { createXlsxHost } from "../src/hosts/xlsx";
import type { CellValue } from "../src/workbook/plan";
import { median, peakRssMb, time } from "./util";

function rows(n: number): CellValue[][] {
  const statuses = ["Red", "Amber", "Green", "Complete", "Superseded"];
  return Array.from({ length: n }, (_, i) =>
    TRACKER_COLUMNS.map((c) => {
      switch (c.key) {
        case "ref":
          return `WES-${String(i + 1).padStart(5, "0")}`;
        case "inspection":
          return "Wessex Police PEEL 2025";
        case "number":
          return (i % 40) + 1;
        case "recommendation":
          return `By March 2026, Wessex Police should improve item ${i + 1}.`;
        case "status":
          return statuses[i % statuses.length];
        case "targetDate":
        case "lastUpdated":
          return 45900 + (i % 400);
        case "progress":
          return i % 3 === 0 ? "Action plan agreed\nowner named" : "";
        default:
          return c.kind === "date" ? null : "";
      }
    })
  );
}

export async function xlsxInitBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "it-bench-"));
  try {
    const file = join(dir, "init.xlsx");
    const initMs = await median(5, async () => {
      const host = await createXlsxHost();
      await setupTracker(host);
      await host.save(file);
    });
    const initBytes = statSync(file).size;

    // A tracker of 10,000 rows, then: open it and read the tracker snapshot.
    const big = join(dir, "big.xlsx");
    const n = 10_000;
    const build = await time(async () => {
      const host = await createXlsxHost({ file });
      await host.run("Append", (s) =>
        s.apply({ ops: [{ op: "appendRows", table: TABLES.tracker, rows: rows(n) }] })
      );
      await host.save(big);
    });
    let readRows = 0;
    const readMs = await median(3, async () => {
      const host = await createXlsxHost({ file: big });
      const snap = await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
      readRows = snap.tables[TABLES.tracker].rows.length;
    });
    const again = await time(async () => {
      const host = await createXlsxHost({ file: big });
      const r = await setupTracker(host);
      return { changed: r.changed, reads: host.calls.reads, applies: host.calls.applies };
    });
    return {
      initMedianMs: initMs,
      initFileBytes: initBytes,
      rows10kBuildMs: build.ms,
      rows10kFileBytes: statSync(big).size,
      rows10kOpenAndReadMedianMs: readMs,
      rows10kRead: readRows,
      rows10kSetupAgainMs: again.ms,
      rows10kSetupAgain: again.result,
      peakRssMb: peakRssMb(),
    };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
