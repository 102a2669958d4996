/** @jest-environment jsdom */
/**
 * Who an item is addressed to, when the record does not say: "Not stated", never the force. Where
 * the words are plain ("national guidance", "a national system") the import suggests national
 * work for the analyst to confirm; the cell stays "Not stated" until they do. On the real
 * response record in ../shared/reference (read, never copied) and a fictional one.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { TABLES } from "../../src/domain/columns";
import {
  NATIONAL_UNNAMED,
  addresseeGroup,
  suggestAddressee,
} from "../../src/domain/record/addressees";
import { parseRecord } from "../../src/domain/record/parse";
import { UNKNOWN_ADDRESSEE } from "../../src/domain/record/types";
import { summarise } from "../../src/domain/summary";
import { describeImport, draftFromRecord, planImport } from "../../src/workbook/import";
import { trackerRows } from "../../src/workbook/read";
import { ItemEditor } from "../../src/taskpane/sections/import/ItemEditor";
import type { TableSnapshot, WorkbookSnapshot } from "../../src/workbook/host";
import { AS_AT, SETTINGS } from "./helpers";

const REFERENCE = resolve(
  __dirname,
  "../../../shared/reference/staffordshire-ocsae-mosovo-response.txt"
);

const empty: WorkbookSnapshot = {
  sheets: [{ name: "Sheet1", visibility: "visible", protected: false }],
  activeSheet: "Sheet1",
  meta: null,
  tables: {},
  sheetValues: {},
};

/** The tracker rows an import plan writes (its createTable on a new workbook). */
function writtenRows(snapshot: WorkbookSnapshot, drafts: Parameters<typeof planImport>[1]) {
  const outcome = planImport(snapshot, drafts);
  const create = outcome.plan.ops.find(
    (o) => o.op === "createTable" && o.table.name === TABLES.tracker
  );
  const append = outcome.plan.ops.find((o) => o.op === "appendRows" && o.table === TABLES.tracker);
  const headers = create && create.op === "createTable" ? create.table.headers : [];
  const rows =
    append && append.op === "appendRows"
      ? append.rows
      : create && create.op === "createTable"
        ? create.table.rows
        : [];
  const table: TableSnapshot = {
    name: TABLES.tracker,
    sheet: "Tracker",
    row: 0,
    col: 0,
    headers,
    rows,
  };
  return { outcome, rows: trackerRows(table) };
}

describe("suggested addressees", () => {
  test("plain words suggest national work; complying with national standards is the force's own", () => {
    expect(
      suggestAddressee("Produce national guidance on custody reviews for all forces.")
    ).toEqual({ addressedTo: NATIONAL_UNNAMED, because: "national guidance" });
    expect(
      suggestAddressee("Build a new national case tracking system for seized phones.")
    ).toMatchObject({ because: "national case tracking system" });
    expect(
      suggestAddressee("Make sure Wessex custody suites meet national standards for inspections.")
    ).toBeNull();
    expect(
      suggestAddressee("The force should show compliance with national standards on vetting.")
    ).toBeNull();
    expect(suggestAddressee("Review staffing levels in the Wessex custody suites.")).toBeNull();
    expect(addresseeGroup(NATIONAL_UNNAMED)).toBe("national");
    expect(addresseeGroup("Not stated")).toBe("not stated");
    expect(addresseeGroup("Unknown")).toBe("not stated");
    expect(addresseeGroup("")).toBe("not stated");
    expect(addresseeGroup("Force and NPCC")).toBe("force");
  });

  test("the reference record: 16 items, none names an addressee; 6 suggested national, written 'Not stated' until confirmed", () => {
    const record = parseRecord(readFileSync(REFERENCE, "utf8"));
    expect(record.items).toHaveLength(16);
    expect(record.items.every((i) => i.addressedTo === UNKNOWN_ADDRESSEE)).toBe(true);
    const draft = draftFromRecord(record, "SPOT");
    const suggested = draft.items
      .filter((i) => i.addresseeSuggestion)
      .map((i) => [i.number, i.addresseeSuggestion!.because]);
    expect(suggested.map(([n]) => n)).toEqual([3, 7, 11, 12, 13, 14]);

    const { outcome, rows } = writtenRows(empty, [draft]);
    expect(rows.map((r) => r.values.addressedTo)).toEqual(new Array(16).fill("Not stated"));
    expect(outcome.addresseeSuggestions.map((h) => h.ref)).toEqual([
      "SPOT-R3",
      "SPOT-R7",
      "SPOT-R11",
      "SPOT-R12",
      "SPOT-R13",
      "SPOT-R14",
    ]);
    expect(describeImport(outcome)).toMatch(
      /6 items name no addressee and were written 'Not stated', though the words suggest national work \(SPOT-R3: '[^']+', .*\): confirm each in the Addressed to column\./
    );
    // The summary of what was written: not stated, never the force.
    const s = summarise({ rows, settings: SETTINGS, asAt: AS_AT, defaultPeriod: "Q4 2025/26" });
    expect(s.headline.addressees).toMatchObject({
      force: { items: 0 },
      national: { items: 0 },
      notStated: { items: 16 },
    });

    // The analyst confirms the suggestions: now, and only now, they count as national.
    const confirmed = {
      ...draft,
      items: draft.items.map((i) =>
        i.addresseeSuggestion ? { ...i, addressedTo: i.addresseeSuggestion.addressedTo } : i
      ),
    };
    const after = writtenRows(empty, [confirmed]);
    expect(after.outcome.addresseeSuggestions).toEqual([]);
    const s2 = summarise({
      rows: after.rows,
      settings: SETTINGS,
      asAt: AS_AT,
      defaultPeriod: "Q4 2025/26",
    });
    expect(s2.headline.addressees).toMatchObject({
      national: { items: 6, bodies: [{ name: NATIONAL_UNNAMED, count: 6 }] },
      notStated: { items: 10 },
    });
  });

  test("the import preview flags the suggestion for the analyst to confirm", () => {
    const item = {
      kind: "recommendation" as const,
      number: 3,
      text: "The Wessex force should work to develop national guidance for custody reviews.",
      addressedTo: UNKNOWN_ADDRESSEE,
      theme: null,
      addresseeSuggestion: suggestAddressee("develop national guidance for custody reviews"),
    };
    const view = (addressedTo: string) => (
      <FluentProvider theme={webLightTheme}>
        <ItemEditor
          index={0}
          item={{ ...item, addressedTo }}
          code="CUST25"
          themes={[]}
          warnings={[]}
          onChange={() => undefined}
          onRemove={() => undefined}
        />
      </FluentProvider>
    );
    const { rerender } = render(view(UNKNOWN_ADDRESSEE));
    expect(
      screen.getByText(
        "The record names nobody; the words 'national guidance' suggest National (body not named). Choose it to confirm, or leave it Not stated."
      )
    ).toBeInTheDocument();
    const select = screen.getByRole("combobox", { name: "Item 1: addressed to" });
    expect(select).toHaveDisplayValue("Not stated");
    expect([...(select as HTMLSelectElement).options].map((o) => o.text)).toContain(
      NATIONAL_UNNAMED
    );
    rerender(view(NATIONAL_UNNAMED));
    expect(screen.queryByText(/The record names nobody/)).toBeNull();
  });
});
