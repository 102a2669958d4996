/// <reference types="office-js" />
/**
 * The usual read: everything in ONE sync, through *OrNullObject chains so that a table, column or
 * sheet that is absent gives null objects all the way down and costs nothing.
 */
import {
  columnsWanted,
  tablesWanted,
  type ReadRequest,
  type WorkbookSnapshot,
} from "../../../workbook/host";
import { responseTooLarge } from "../errors";
import type { RunState } from "../state";
import { assemble } from "./assemble";
import {
  mergeColumns,
  partBody,
  readKey,
  wantsFormulas,
  wholeBody,
  type BodyData,
  type PartBody,
} from "./bodies";
import { readBlocks } from "./blocks";
import { queueFirst, queueTable, type TableRead } from "./queue";

/**
 * Sheets, the active sheet, the metadata sheet, requested sheets' used ranges, and for each
 * requested table its name, sheet, header row, data body (values, formulas when asked),
 * last-row number formats, and the Status column's list validation and conditional-format
 * count. Only when Excel refuses the response as too large (Excel on the web: 5 MB) does a
 * second sync ask again without the bodies' values, which are then read in row blocks.
 */
export async function readAtOnce(s: RunState, request: ReadRequest): Promise<WorkbookSnapshot> {
  const wb = s.context.workbook;
  const queueAll = (whole: boolean) => ({
    first: queueFirst(s.context, request),
    tables: tablesWanted(request).map((name) =>
      queueTable(wb.tables.getItemOrNullObject(name), name, {
        whole,
        withFormulas: wantsFormulas(request, name),
        status: "byName",
        columns: columnsWanted(request, name),
      })
    ),
  });
  let whole = !tablesWanted(request).some((n) =>
    s.memory.largeTables.has(readKey(n, columnsWanted(request, n)))
  );
  let queued = queueAll(whole);
  try {
    await s.sync();
  } catch (e) {
    if (!whole || !responseTooLarge(e, s.memory.client.desktop)) throw e;
    // Nothing of a refused response arrives: ask again for all but the bodies' values (their
    // size and a sample row or two instead).
    queued = queueAll(false);
    whole = false;
    await s.sync();
  }
  const first = queued.first();
  const present = queued.tables.filter((t) => !t.table.isNullObject);
  const bodies = whole ? await wholeBodies(s, present) : await readBlocks(s, present);
  return assemble(s.layout, first, present, bodies);
}

/**
 * The bodies read at once. A table read in part whose columns Excel did not find by name (a
 * header written with other spaces, say, which headerIndex still matches) has those columns
 * read by position afterwards: the only case where a read at once costs more syncs.
 */
export async function wholeBodies(s: RunState, present: TableRead[]): Promise<BodyData[]> {
  const bodies: PartBody[] = present.map((t) => (t.columns ? partBody(t) : wholeBody(t)));
  const missing = present.flatMap((t, i) => {
    const cols = bodies[i].missing;
    return cols ? [{ i, t: { ...t, cols } }] : [];
  });
  if (missing.length === 0) return bodies;
  const extra = await readBlocks(
    s,
    missing.map((m) => m.t)
  );
  return bodies.map((b, i) => {
    const k = missing.findIndex((m) => m.i === i);
    return k < 0 ? b : mergeColumns(present[i], b, missing[k].t.cols, extra[k]);
  });
}
