import { adoptSheet, previewAdoption } from "../../src/engine/adopt";
import { TABLES } from "../../src/domain/columns";
import { createExcelHost, MAX_REQUEST_BYTES, requestLimitFor } from "../../src/hosts/excel";
import { messyRows } from "../../bench/adopt.bench";
import { createFakeExcel } from "../fakes/fake-excel";
import { LITERAL_CELLS, MESSY_ROWS } from "./messy";
import { toExcelSerial } from "../../src/domain/dates";

const today = toExcelSerial({ y: 2026, m: 1, d: 20 });

function bigRows(n: number): string[][] {
  const rows: string[][] = [MESSY_ROWS[0], MESSY_ROWS[1], MESSY_ROWS[2]];
  const statuses = ["G", "green ", "Amber", "R", "Blue", "Complete", "TBC", "A/G", ""];
  const dates = ["31/03/2026", "2026-06-30", "Mar-27", "Q4 2025/26", "Q1 2026", "-", "10 Apr 2026"];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0)
      rows.push([`Inspection ${i / 50 + 1}: Wessex Police`, "", "", "", "", "", "", "", ""]);
    rows.push([
      `R${i + 1}`,
      `Recommendation ${i + 1} for Wessex Police.`,
      "DCI Hale",
      dates[i % dates.length],
      statuses[i % statuses.length],
      i % 7 === 0 ? "=not a formula" : "Update",
      "",
      i % 5 === 0 ? "-note" : "",
      "Crime",
    ]);
  }
  rows.push(["Key:", "", "", "", "", "", "", "", ""]);
  return rows;
}

async function adoptInFake(rows: string[][], sheet = "Recs", platform?: string) {
  // The double plays the client the platform names (Windows and Mac Excel have no 5 MB request
  // limit); with no platform, Excel on the web to a host that cannot name its client.
  const client = platform === "PC" ? "windows" : platform === "Mac" ? "mac" : "web";
  const fake = createFakeExcel({ sheets: [sheet], client });
  fake.seed(sheet, `A1:I${rows.length}`, rows);
  const host = createExcelHost({
    excel: fake.Excel,
    ...(platform ? { office: fake.Office, platform } : {}),
  });
  const before = fake.syncCount;
  const result = await adoptSheet(host, { today });
  return { fake, host, result, syncs: fake.syncCount - before };
}

describe("adopting through the Excel host (fake Excel)", () => {
  test("a constant number of syncs for 10 and 2,000 rows; literal text stays text", async () => {
    const small = await adoptInFake(bigRows(10));
    const large = await adoptInFake(bigRows(2_000));
    expect(small.result.preview!.counts.rows).toBe(10);
    expect(large.result.preview!.counts.rows).toBe(2_000);
    expect(small.syncs).toBeLessThanOrEqual(4);
    expect(large.syncs).toBe(small.syncs);
    const t = large.fake.table(TABLES.tracker)!;
    const col = (h: string) => t.headers.indexOf(h);
    expect(t.body).toHaveLength(2_000);
    expect(t.body[0][col("Progress update")]).toBe("=not a formula");
    expect(t.body[0][col("Notes")]).toBe("-note");
    // Stored as text, not as a formula.
    const cell = large.fake.cell(t.sheet, `${String.fromCharCode(65 + col("Progress update"))}2`)!;
    expect(cell.v).toBe("=not a formula");
    expect(cell.f).toBeUndefined();
  });

  test("10,000 messy rows: number formats cost a few KB; the cell values alone pass 4 MB, so the write is split once", async () => {
    const big = await adoptInFake(messyRows(10_000));
    expect(big.result.preview!.counts.rows).toBe(10_000);
    const log = big.fake.syncLog.slice(-big.syncs);
    const bytesOf = (prefix: string) =>
      log.reduce(
        (n, x) =>
          n + x.ops.reduce((m, op, i) => m + (op.startsWith(prefix) ? x.opBytes![i] : 0), 0),
        0
      );
    // Formats by column run (a format per cell was 1.5 MB of this request).
    expect(bytesOf("Range.numberFormat")).toBeLessThan(10_000);
    // The values that must be sent: the tracker's 10,000 rows (about 3.1 MB) and the Adoption
    // report's changes and findings (about 1.9 MB): more than one request of at most 4 MB.
    const values = bytesOf("Range.values");
    expect(values).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(values).toBeLessThan(2 * MAX_REQUEST_BYTES);
    // The read, then the write in two requests (10 rows: the read and one write).
    expect(big.syncs).toBe(3);
    expect(log.every((x) => !x.failed && x.requestBytes! <= MAX_REQUEST_BYTES + 100_000)).toBe(
      true
    );
  });

  test("on Windows and Mac (no 5 MB limit) 10 and 10,000 messy rows take the same 2 syncs", async () => {
    const small = await adoptInFake(messyRows(10), "Recs", "PC");
    const big = await adoptInFake(messyRows(10_000), "Recs", "Mac");
    expect(big.result.preview!.counts.rows).toBe(10_000);
    expect(small.syncs).toBe(2);
    expect(big.syncs).toBe(2);
    // The one write carries all of it, more than Excel on the web would take in one request.
    const write = big.fake.syncLog[big.fake.syncLog.length - 1];
    expect(write.requestBytes!).toBeGreaterThan(MAX_REQUEST_BYTES);
  });

  test("on the web, or when the platform is unknown, the 4 MB split stays", async () => {
    const web = await adoptInFake(messyRows(10_000), "Recs", "OfficeOnline");
    expect(web.syncs).toBe(3);
    expect(requestLimitFor(undefined)).toBe(MAX_REQUEST_BYTES);
    expect(requestLimitFor("iOS")).toBe(MAX_REQUEST_BYTES);
    expect(requestLimitFor("PC")).toBeGreaterThanOrEqual(16 * MAX_REQUEST_BYTES);
  });

  test("the source sheet is left exactly as it was; the messy tracker's literal cells survive", async () => {
    const fake = createFakeExcel({ sheets: ["Tracker"] });
    fake.seed("Tracker", `A1:I${MESSY_ROWS.length}`, MESSY_ROWS);
    const before = fake.values("Tracker", `A1:I${MESSY_ROWS.length}`);
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    const preview = await previewAdoption(host);
    expect(preview.preview.headerRow).toBe(3);
    const result = await adoptSheet(host, { today });
    expect(result.trackerSheet).toBe("Tracker (adopted)");
    expect(fake.values("Tracker", `A1:I${MESSY_ROWS.length}`)).toEqual(before);
    const t = fake.table(TABLES.tracker)!;
    const col = (h: string) => t.headers.indexOf(h);
    expect(t.body[0][col("Notes")]).toBe(LITERAL_CELLS[0]);
    expect(t.body[1][col("Progress update")]).toBe(LITERAL_CELLS[1]);
    expect(t.body[1][col("Notes")]).toBe(LITERAL_CELLS[2]);
    expect(t.body[2][col("Progress update")]).toBe(LITERAL_CELLS[3]);
    expect(t.body[0][col("Progress update")]).toBe(LITERAL_CELLS[4]);
    expect(fake.sheetNames()).toContain("Adoption report");
  });
});
