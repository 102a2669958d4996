/** @jest-environment jsdom */
/**
 * The import pane leads: each item's assurance area suggested with the words behind it (or why
 * none), several set at once, a text that is not a record told so plainly, and the workbook's
 * code never overriding the analyst's (or another record's).
 */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { INSPECTION_COLUMNS, TABLES } from "../../src/domain/columns";
import type { TrackerState } from "../../src/engine/setup";
import { createExcelHost } from "../../src/hosts/excel";
import { TrackerContext } from "../../src/taskpane/context";
import { ImportSection } from "../../src/taskpane/sections/ImportSection";
import type { WorkbookHost } from "../../src/workbook/host";
import { createFakeExcel } from "../fakes/fake-excel";
import { createStubHost, emptySnapshot } from "../helpers/stub-host";

const state: TrackerState = {
  kind: "none",
  rows: 0,
  activeSheet: "Sheet1",
  activeIsOurs: false,
  message: "No tracker yet",
};

/** A fictional record whose commissioner names three assurance areas. */
const RECORD = [
  "Force\tWessex Police",
  "Title of inspection\tWessex Police: call handling",
  "Published Date\t14 March 2025",
  "Recommendations\t1. The force should answer emergency calls within ten seconds. " +
    "2. The force should reduce the backlog of phones awaiting examination. " +
    "3. The force should review its estates strategy.",
  "",
  "Police and Crime Commissioner's initial response",
  "1. Call handling:",
  "Emergency calls are answered on time.",
  "2. Digital forensics:",
  "The backlog of phones awaiting examination falls.",
  "3. Victim care:",
  "Victims are kept informed.",
].join("\n");

function renderSection(host: WorkbookHost = createExcelHost({ excel: createFakeExcel().Excel })) {
  render(
    <FluentProvider theme={webLightTheme}>
      <TrackerContext.Provider
        value={{ host, state, refresh: async () => undefined, today: () => new Date(2026, 0, 20) }}
      >
        <ImportSection />
      </TrackerContext.Provider>
    </FluentProvider>
  );
  return host;
}

async function paste(text: string) {
  const box = screen.getByRole("textbox", { name: "Paste the response record" });
  await userEvent.clear(box);
  await userEvent.click(box);
  await userEvent.paste(text);
  await userEvent.click(screen.getByRole("button", { name: "Read pasted text" }));
}

const themeOf = (n: number) =>
  screen.getByRole("combobox", { name: `Item ${n}: theme` }) as HTMLSelectElement;

describe("assurance areas in the preview", () => {
  it("suggests each item's area, says why, and says why not", async () => {
    renderSection();
    await paste(RECORD);
    expect(themeOf(1).value).toBe("Call handling");
    expect(themeOf(2).value).toBe("Digital forensics");
    expect(themeOf(3).value).toBe("");
    const items = within(screen.getByRole("list", { name: "Items to add" })).getAllByRole(
      "listitem"
    );
    expect(items[0]).toHaveTextContent(
      "Suggested from the words calls, answer, emergency (score 4.0)."
    );
    expect(items[2]).toHaveTextContent(
      "No area suggested: No word of the item is in an area's name or description."
    );
    // Changing it says so, and names what was suggested.
    await userEvent.selectOptions(themeOf(1), "Victim care");
    expect(items[0]).toHaveTextContent("Your choice (suggested: Call handling).");
  });

  it("sets the area of the selected items at once, and adds them with it", async () => {
    const fake = createFakeExcel();
    renderSection(createExcelHost({ excel: fake.Excel }));
    await paste(RECORD);
    const bar = screen.getByRole("group", { name: "Set the assurance area of several items" });
    const set = within(bar).getByRole("button", { name: "Set area for 0 selected" });
    expect(set).toBeDisabled();
    await userEvent.click(screen.getByRole("checkbox", { name: "Select item 2" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Select item 3" }));
    await userEvent.selectOptions(
      within(bar).getByRole("combobox", { name: "Assurance area for the selected items" }),
      "Victim care"
    );
    await userEvent.click(within(bar).getByRole("button", { name: "Set area for 2 selected" }));
    expect([themeOf(1).value, themeOf(2).value, themeOf(3).value]).toEqual([
      "Call handling",
      "Victim care",
      "Victim care",
    ]);
    // Select all, then none.
    await userEvent.click(within(bar).getByRole("checkbox", { name: /Select all 3 items/ }));
    expect(within(bar).getByRole("button", { name: "Set area for 3 selected" })).toBeEnabled();
    await userEvent.click(within(bar).getByRole("checkbox", { name: /Select all 3 items/ }));
    expect(within(bar).getByRole("button", { name: "Set area for 0 selected" })).toBeDisabled();

    await userEvent.click(screen.getByRole("button", { name: "Add 3 items to the tracker" }));
    await screen.findByText("Added 3 items");
    expect(
      screen.getByText(/On the Tracker sheet now: WCH25-R1, WCH25-R2 and WCH25-R3, 3 with an/)
    ).toBeInTheDocument();
    const t = fake.table(TABLES.tracker)!;
    expect(t.body.map((r) => r[t.headers.indexOf("Theme")])).toEqual([
      "Call handling",
      "Victim care",
      "Victim care",
    ]);
  });
});

describe("a text that is not a response record", () => {
  it("gets a plain message with what was expected: no preview, no code, no 'Add 0 items'", async () => {
    renderSection();
    await paste("Minutes of the estates board, 3 March.\nAttendees: the finance director.");
    expect(screen.getByText("This does not look like a response record")).toBeInTheDocument();
    expect(
      screen.getByText(/A response record has labelled fields \(Force, Title of inspection/)
    ).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Warnings about the record" })).toHaveTextContent(
      "no fields (Force, Title of inspection, Recommendations…) and no numbered recommendations"
    );
    expect(screen.queryByRole("region", { name: "Preview of the record" })).toBeNull();
    expect(screen.queryByRole("textbox", { name: /Inspection code/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Add / })).toBeNull();
  });

  it("a record with fields but no items is not previewed either", async () => {
    renderSection();
    await paste("Force\tWessex Police\nTitle of inspection\tPEEL 2025\nPublished Date\t1/2/2025");
    expect(screen.getByRole("list", { name: "Warnings about the record" })).toHaveTextContent(
      "No Recommendations field was found, so there is nothing to import."
    );
    expect(screen.queryByRole("button", { name: /^Add / })).toBeNull();
  });
});

describe("the inspection code the workbook suggests", () => {
  /** A workbook that already lists this record's inspection under the code WCALL. */
  function knownHost() {
    const snap = emptySnapshot();
    const headers = INSPECTION_COLUMNS.map((c) => c.header);
    const row = headers.map((h) =>
      h === "Code" ? "WCALL" : h === "Title" ? "Wessex Police: call handling" : null
    );
    snap.tables[TABLES.inspections] = {
      name: TABLES.inspections,
      sheet: "Inspections",
      row: 0,
      col: 0,
      headers,
      rows: [row],
    };
    return createStubHost(snap);
  }

  it("arrives after the record and replaces the first guess", async () => {
    renderSection(knownHost());
    await paste(RECORD);
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: /Inspection code/ })).toHaveValue("WCALL")
    );
  });

  it("never replaces a code the analyst typed while it was on its way", async () => {
    const host = knownHost();
    host.hold = true;
    renderSection(host);
    await paste(RECORD);
    const box = screen.getByRole("textbox", { name: /Inspection code/ });
    expect(box).toHaveValue("WCH25");
    await userEvent.clear(box);
    await userEvent.type(box, "MINE1");
    await act(async () => host.release());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(box).toHaveValue("MINE1");
  });

  it("is dropped when another record was read before it arrived", async () => {
    // Each code look-up waits for its own release; the second record's is answered first.
    const host = knownHost();
    const gates: (() => void)[] = [];
    const gated: WorkbookHost = {
      run: async (label, op) => {
        if (label === "Read inspections") await new Promise<void>((r) => gates.push(r));
        return host.run(label, op);
      },
    };
    renderSection(gated);
    await paste(RECORD);
    await paste(RECORD.replace("Wessex Police: call handling", "Wessex Police: custody"));
    expect(gates).toHaveLength(2);
    await act(async () => gates[1]());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    await act(async () => gates[0]());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    // The first record's code (WCALL) must not land on the second record.
    expect(screen.getByRole("textbox", { name: /Inspection code/ })).toHaveValue("WC25");
  });
});
