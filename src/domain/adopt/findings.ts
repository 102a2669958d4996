/**
 * What the adopted rows lack as a whole: recommendation text, a reference, a reference of their
 * own (duplicates). Pure.
 */
import { foldText } from "../text";
import { isEmptyValue } from "./grid";
import { trackerHeaderOf } from "./mapping";
import type { AdoptedRow, Finding, SourceColumn } from "./types";

/**
 * Rows with no recommendation text, rows with no reference, duplicate references. `recCol` and
 * `refCol`: the columns mapped to them, if any (the message says to map one when none is).
 */
export function rowFindings(
  adopted: AdoptedRow[],
  recCol: SourceColumn | undefined,
  refCol: SourceColumn | undefined
): Finding[] {
  const findings: Finding[] = [];
  const recHeader = trackerHeaderOf("recommendation");
  const refHeader = trackerHeaderOf("ref");
  const byRef = new Map<string, AdoptedRow[]>();
  for (const row of adopted) {
    if (isEmptyValue(row.values.recommendation)) {
      findings.push({
        sourceRow: row.sourceRow,
        rule: "missing-recommendation",
        severity: "error",
        column: recHeader,
        message: recCol
          ? `No recommendation text: kept, so add the text in the ${recHeader} column.`
          : `No column is mapped to ${recHeader}: choose which column holds the recommendation text.`,
      });
    }
    const ref = isEmptyValue(row.values.ref) ? "" : foldText(String(row.values.ref));
    if (ref === "") {
      findings.push({
        sourceRow: row.sourceRow,
        rule: "missing-ref",
        severity: "warning",
        column: refHeader,
        message: refCol
          ? `No reference (${refHeader}): give the row a unique reference.`
          : `No column is mapped to ${refHeader}: each row needs a unique reference.`,
      });
      continue;
    }
    const list = byRef.get(ref) ?? [];
    list.push(row);
    byRef.set(ref, list);
  }
  for (const list of byRef.values()) {
    if (list.length < 2) continue;
    for (const row of list) {
      const others = list.filter((r) => r !== row).map((r) => r.sourceRow);
      findings.push({
        sourceRow: row.sourceRow,
        rule: "duplicate-ref",
        severity: "error",
        column: refHeader,
        message: `Reference '${String(row.values.ref).trim()}' is also used on row${others.length > 1 ? "s" : ""} ${others.join(", ")}: references must be unique. Kept; give each row its own reference.`,
      });
    }
  }
  return findings;
}
