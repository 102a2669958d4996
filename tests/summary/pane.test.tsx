/** @jest-environment jsdom */
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { SHEETS, TABLES } from "../../src/domain/columns";
import { checkCount } from "../../src/engine/summary";
import { TrackerContext } from "../../src/taskpane/context";
import { SummarySection } from "../../src/taskpane/sections/SummarySection";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { createStubHost, type StubHost } from "../helpers/stub-host";
import { AS_AT, snapshotOf } from "./helpers";

// The first operation of a cold test file can take over a second on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const TODAY = new Date(2026, 2, 31);
const good = [
  {
    ref: "W-1",
    kind: "Recommendation",
    inspection: "PEEL 2025",
    recommendation: "Wessex Police should review its data.",
    owner: "ACC Crime",
    status: "Green",
    targetDate: AS_AT + 30,
    addressedTo: "Force",
    theme: "Governance and data",
    progress: "On track",
    lastUpdated: AS_AT - 5,
  },
];
const bad = [
  ...good,
  {
    ref: "W-2",
    inspection: "PEEL 2025",
    recommendation: "Wessex Police should train staff.",
    owner: "",
    status: "TBC",
    targetDate: "soon",
  },
];

let now = TODAY;

function renderSection(host: StubHost, onGoToCheck?: () => void) {
  const refresh = jest.fn(async () => undefined);
  render(
    <FluentProvider theme={webLightTheme}>
      <TrackerContext.Provider
        value={{
          host,
          state: {
            kind: "ready",
            rows: 1,
            activeSheet: "Tracker",
            activeIsOurs: true,
            message: "",
          },
          refresh,
          today: () => now,
        }}
      >
        <SummarySection onGoToCheck={onGoToCheck} />
      </TrackerContext.Provider>
    </FluentProvider>
  );
  return refresh;
}

const texts = (plan: WorkbookPlan) =>
  plan.ops.flatMap((o) => (o.op === "writeCells" ? o.block.values.flat().map(String) : []));

describe("Summary section", () => {
  test("Record position asks before replacing today's position, then replaces it", async () => {
    const host = createStubHost(snapshotOf(good, [[AS_AT, "W-1", "Amber", "", null]]));
    renderSection(host);
    await userEvent.click(screen.getByRole("button", { name: "Record position" }));
    // hidden: tabster can leave the first modal of a jsdom document marked aria-hidden.
    const dialog = await screen.findByRole("alertdialog", { hidden: true });
    expect(dialog).toHaveTextContent("Replace the position for 31/03/2026?");
    expect(host.plans).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole("button", { name: "Replace", hidden: true }));
    expect(
      await screen.findByText(/Position for 31\/03\/2026 replaced: 1 item recorded/)
    ).toBeInTheDocument();
    expect(host.plans).toHaveLength(1);
    expect(host.plans[0].ops.map((o) => o.op)).toEqual(["deleteRows", "appendRows"]);
  });

  test("keeping the recorded position changes nothing", async () => {
    const host = createStubHost(snapshotOf(good, [[AS_AT, "W-1", "Amber", "", null]]));
    renderSection(host);
    await userEvent.click(screen.getByRole("button", { name: "Record position" }));
    await userEvent.click(
      await screen.findByRole("button", { name: "Keep the recorded position", hidden: true })
    );
    expect(await screen.findByText(/nothing was changed/)).toBeInTheDocument();
    expect(host.plans).toHaveLength(0);
  });

  test("a first position of the day is recorded without asking", async () => {
    const host = createStubHost(snapshotOf(good));
    renderSection(host);
    await userEvent.click(screen.getByRole("button", { name: "Record position" }));
    expect(
      await screen.findByText(/Position for 31\/03\/2026 recorded: 1 item/)
    ).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(host.plans[0].ops).toEqual([
      {
        op: "appendRows",
        table: TABLES.history,
        rows: [[AS_AT, "W-1", "Green", "ACC Crime", AS_AT + 30]],
      },
    ]);
  });

  test("the position date shows today and can be changed; a day that is not one, or after today, is refused", async () => {
    const host = createStubHost(snapshotOf(good));
    renderSection(host);
    const date = screen.getByRole("textbox", { name: /Position date/ });
    expect(date).toHaveValue("31/03/2026");
    await userEvent.clear(date);
    await userEvent.type(date, "01/04/2026");
    expect(
      screen.getByText("A position is recorded for today or a day before it")
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Record position" })).toBeDisabled();
    await userEvent.clear(date);
    await userEvent.type(date, "March 2026");
    expect(screen.getByText(/Write the day as dd\/mm\/yyyy/)).toBeInTheDocument();
    await userEvent.clear(date);
    await userEvent.type(date, "31/12/2025");
    await userEvent.click(screen.getByRole("button", { name: "Record position" }));
    expect(
      await screen.findByText(/Position for 31\/12\/2025 recorded: 1 item/)
    ).toBeInTheDocument();
    expect(host.plans[0].ops).toEqual([
      expect.objectContaining({
        op: "appendRows",
        rows: [[AS_AT - 90, "W-1", "Green", "ACC Crime", AS_AT + 30]],
      }),
    ]);
  });

  test("left open past midnight, Record position takes the day it is clicked, not the day shown", async () => {
    const host = createStubHost(snapshotOf(good));
    now = new Date(2026, 2, 30);
    renderSection(host);
    expect(screen.getByRole("textbox", { name: /Position date/ })).toHaveValue("30/03/2026");
    now = TODAY;
    try {
      await userEvent.click(screen.getByRole("button", { name: "Record position" }));
      expect(await screen.findByText(/Position for 31\/03\/2026 recorded/)).toBeInTheDocument();
    } finally {
      now = TODAY;
    }
  });

  test("after Build summary, 'Open Summary sheet' shows the sheet built", async () => {
    const host = createStubHost(snapshotOf(good));
    renderSection(host);
    expect(screen.queryByRole("button", { name: "Open Summary sheet" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Build summary" }));
    await screen.findByText(/Summary built as at 31\/03\/2026/);
    await userEvent.click(screen.getByRole("button", { name: "Open Summary sheet" }));
    await waitFor(() => expect(host.plans).toHaveLength(2));
    expect(host.plans[1].ops).toEqual([{ op: "activate", sheet: SHEETS.summary }]);
  });

  test("Check errors: says how many, builds anyway with the note, or goes to Check", async () => {
    const snap = snapshotOf(bad);
    const found = checkCount(AS_AT)(snap);
    expect(found.errors).toBeGreaterThan(0);
    const host = createStubHost(snap);
    const goToCheck = jest.fn();
    const refresh = renderSection(host, goToCheck);
    await userEvent.click(screen.getByRole("button", { name: "Build summary" }));
    const alert = await screen.findByText("Check found errors");
    expect(alert.closest("[role=alert]")).toHaveTextContent(`in ${found.rowsWithErrors} row`);
    expect(host.plans).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Go to Check" }));
    expect(goToCheck).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByRole("button", { name: "Build summary" }));
    await userEvent.click(await screen.findByRole("button", { name: "Build anyway" }));
    expect(await screen.findByText(/Summary built as at 31\/03\/2026/)).toBeInTheDocument();
    expect(host.plans).toHaveLength(1);
    expect(host.plans[0].ops.find((o) => o.op === "clearSheet")).toMatchObject({
      op: "clearSheet",
      sheet: SHEETS.summary,
    });
    expect(
      texts(host.plans[0]).some(
        (t) => t.startsWith(`${found.rowsWithErrors} row`) && t.includes("had errors at build time")
      )
    ).toBe(true);
    await waitFor(() => expect(refresh).toHaveBeenCalled());
  });

  test("no errors: builds straight away; a failure is shown in plain English", async () => {
    const host = createStubHost(snapshotOf(good));
    renderSection(host);
    await userEvent.click(screen.getByRole("button", { name: "Build summary" }));
    expect(
      await screen.findByText(
        /Summary built as at 31\/03\/2026: 1 recommendation, 0 exceptions, 3 charts/
      )
    ).toBeInTheDocument();
    host.snapshot.sheets.push({ name: "Summary", visibility: "visible", protected: true });
    host.snapshot.meta = { ...(host.snapshot.meta ?? {}), "role:summary": "Summary" };
    await userEvent.click(screen.getByRole("button", { name: "Build summary" }));
    expect(
      await screen.findByText(/'Summary' is protected, so nothing was changed/)
    ).toBeInTheDocument();
    expect(host.plans).toHaveLength(1);
  });

  test("an analyst's own sheet called Summary: the pane says the Summary went elsewhere and never writes theirs", async () => {
    const snap = snapshotOf(good);
    snap.sheets.push({ name: "Summary", visibility: "visible", protected: false });
    const host = createStubHost(snap);
    renderSection(host);
    await userEvent.click(screen.getByRole("button", { name: "Build summary" }));
    expect(
      await screen.findByText(
        /'Summary' is a sheet of yours, so it was not touched: the Summary is on 'Summary \(tracker\)'/
      )
    ).toBeInTheDocument();
    const sheets = host.plans[0].ops.flatMap((o) => ("sheet" in o ? [o.sheet] : []));
    expect(sheets).toContain("Summary (tracker)");
    expect(sheets).not.toContain("Summary");
  });

  test("unknowns read as unknown in the pane's message: needing information, not valid, not stated", async () => {
    const untidy = [
      ...good,
      { ...good[0], ref: "W-2", status: "grn", addressedTo: "" },
      { ...good[0], ref: "W-3", owner: "", targetDate: null },
    ];
    const host = createStubHost(snapshotOf(untidy));
    renderSection(host);
    await userEvent.click(screen.getByRole("button", { name: "Build summary" }));
    await userEvent.click(await screen.findByRole("button", { name: "Build anyway" }));
    const message = await screen.findByText(/Summary built as at 31\/03\/2026/);
    expect(message.textContent).toMatch(
      /3 recommendations, 2 exceptions \(2 needing information\), 1 status not valid, addressee not stated for 1 item, 3 charts\./
    );
    expect(message.textContent).not.toMatch(/\b0 exceptions/);
  });
});

describe("the pane says what the sheet says", () => {
  test("each figure and unknown in the pane's message is the Summary sheet's own", async () => {
    const rows = [
      ...good,
      // Red and overdue, addressed to a national body.
      { ...good[0], ref: "W-2", status: "Red", targetDate: AS_AT - 10, addressedTo: "Home Office" },
      // Not valid, and nobody named as the addressee.
      { ...good[0], ref: "W-3", status: "grn", addressedTo: "" },
      { ...good[0], ref: "W-4", status: "TBC", addressedTo: "Unknown" },
      // No owner, no target date.
      { ...good[0], ref: "W-5", owner: "", targetDate: null },
      // An area for improvement, complete.
      { ...good[0], ref: "W-6", kind: "Area for improvement", status: "Complete" },
    ];
    const snap = snapshotOf(rows);
    // Two inspections: one with a published date, one without (its deadline is unknown).
    snap.tables[TABLES.inspections] = {
      name: TABLES.inspections,
      sheet: "Inspections",
      row: 0,
      col: 0,
      headers: ["Code", "Title", "Published", "Response due", "Response published"],
      rows: [
        ["PEEL25", "PEEL 2025", AS_AT - 100, null, null],
        ["CUST26", "Custody 2026", null, null, null],
      ],
    };
    const host = createStubHost(snap);
    renderSection(host);
    await userEvent.click(screen.getByRole("button", { name: "Build summary" }));
    await userEvent.click(await screen.findByRole("button", { name: "Build anyway" }));
    const said = (await screen.findByText(/Summary built as at 31\/03\/2026/)).textContent ?? "";

    // What the sheet holds: the headline's label → value, and the status table's counts.
    const plan = host.plans[host.plans.length - 1];
    const cells = new Map<string, string>();
    for (const o of plan.ops)
      if (o.op === "writeCells" && o.sheet === SHEETS.summary)
        for (const r of o.block.values)
          if (typeof r[0] === "string" && r.length >= 2 && !cells.has(r[0].trim()))
            cells.set(r[0].trim(), String(r[1]));
    const sheet = (label: string) => {
      expect(cells.has(label)).toBe(true);
      return cells.get(label)!;
    };
    const number = (re: RegExp) => {
      const m = said.match(re);
      expect(m).not.toBeNull();
      return m![1];
    };

    expect(number(/(\d+) recommendations/)).toBe(sheet("of which recommendations").split(" ")[0]);
    expect(number(/(\d+) area for improvement/)).toBe(
      sheet("of which areas for improvement").split(" ")[0]
    );
    expect(number(/(\d+) exceptions/)).toBe(
      sheet("Exceptions: Red, overdue or needing information")
    );
    expect(number(/\((\d+) needing information\)/)).toBe(
      sheet("Needs information (open, without a status, owner or target date)")
    );
    expect(number(/(\d+) statuses not valid/)).toBe(sheet("Not valid"));
    expect(number(/addressee not stated for (\d+) items/)).toBe(
      sheet("Addressee not stated").split(" ")[0]
    );
    expect(number(/(\d+) response deadline cannot be worked out/)).toBe(
      sheet("deadline cannot be worked out (no published date)").split(" ")[0]
    );
    // And the figures are what the rows say (so the comparison above cannot pass on two zeros).
    expect(said).toMatch(
      /6 items \(5 recommendations, 1 area for improvement\), 4 exceptions \(3 needing information\), 2 statuses not valid, addressee not stated for 2 items, 1 response deadline cannot be worked out \(no published date\)/
    );
  });
});
