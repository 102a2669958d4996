/** @jest-environment jsdom */
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { CHECK_HEADER, TABLES } from "../../src/domain/columns";
import { TrackerContext, type TrackerContextValue } from "../../src/taskpane/context";
import { CheckSection } from "../../src/taskpane/sections/CheckSection";
import type { PlanOp } from "../../src/workbook/plan";
import { HEADERS, cells, goodValues, snapshotWith, trackerTable } from "./helpers";
import { createStubHost, type StubHost } from "../helpers/stub-host";

const STATUS = HEADERS.indexOf("Status");

function tracker() {
  return snapshotWith(
    trackerTable([
      cells(goodValues({ ref: "WP-1" })),
      cells(goodValues({ ref: "WP-2", status: "grn", owner: "" })),
      cells(goodValues({ ref: "WP-3", status: "r", progress: "<b>not html</b>" })),
    ])
  );
}

function renderPane(host: StubHost) {
  const value: TrackerContextValue = {
    host,
    state: {
      kind: "ready",
      rows: 3,
      activeSheet: "Tracker",
      activeIsOurs: true,
      message: "Tracker with 3 rows",
    },
    refresh: async () => undefined,
    today: () => new Date(2026, 10, 30),
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <TrackerContext.Provider value={value}>
        <CheckSection />
      </TrackerContext.Provider>
    </FluentProvider>
  );
}

const opsOf = (host: StubHost, i: number) => host.plans[i].ops;
const writes = (ops: PlanOp[]) =>
  ops.filter((o) => o.op === "writeTableCells") as Extract<PlanOp, { op: "writeTableCells" }>[];

describe("Check section", () => {
  it("checks in one read and one apply, shows counts and a list grouped by rule then row", async () => {
    const host = createStubHost(tracker());
    renderPane(host);
    await userEvent.click(screen.getByRole("button", { name: "Check tracker" }));
    expect(await screen.findByText("3 errors")).toBeInTheDocument();
    expect(screen.getByText("0 warnings")).toBeInTheDocument();
    expect(host.reads).toHaveLength(1);
    expect(host.plans).toHaveLength(1);
    expect(opsOf(host, 0).some((o) => o.op === "addTableColumn" && o.header === CHECK_HEADER)).toBe(
      true
    );

    const statusGroup = screen.getByRole("region", { name: /Status not in the list \(2\)/ });
    const entries = within(statusGroup).getAllByRole("listitem");
    expect(entries.map((e) => e.textContent)).toEqual([
      expect.stringContaining("Row 3 · WP-2 · Status"),
      expect.stringContaining("Row 4 · WP-3 · Status"),
    ]);
    expect(screen.getByRole("region", { name: /Owner missing \(1\)/ })).toBeInTheDocument();
    // Typed text is shown as text, never as HTML.
    expect(document.querySelector("b")).toBeNull();
  });

  it("entries look clickable (a link and an arrow, 'Click an entry to go to its cell')", async () => {
    const host = createStubHost(tracker());
    renderPane(host);
    await userEvent.click(screen.getByRole("button", { name: "Check tracker" }));
    const group = await screen.findByRole("region", { name: /Owner missing \(1\)/ });
    expect(group).toHaveTextContent("Click an entry to go to its cell.");
    const entry = within(group).getByRole("button", { name: /Row 3 · WP-2 · Owner/ });
    expect(entry.querySelector("svg")).not.toBeNull();
  });

  it("'Add to Lists' puts an owner the Lists sheet lacks there, in one plan with the Check column", async () => {
    const snap = snapshotWith(
      trackerTable([cells(goodValues({ ref: "WP-1", owner: "Insp C. New" }))]),
      {
        [TABLES.owners]: {
          name: TABLES.owners,
          sheet: "Lists",
          row: 0,
          col: 7,
          headers: ["Owner"],
          rows: [["Supt A. Example"]],
        },
      }
    );
    const host = createStubHost(snap);
    renderPane(host);
    await userEvent.click(screen.getByRole("button", { name: "Check tracker" }));
    await userEvent.click(
      await screen.findByRole("button", { name: "Add to Lists: 'Insp C. New' to the owners" })
    );
    expect(
      await screen.findByText(/Added 'Insp C. New' to the Lists sheet's owners\./)
    ).toBeInTheDocument();
    const plan = opsOf(host, 1);
    expect(plan.filter((o) => o.op === "appendRows")).toEqual([
      { op: "appendRows", table: TABLES.owners, rows: [["Insp C. New"]] },
    ]);
  });

  it("selects a finding's cell when its entry is clicked or activated from the keyboard", async () => {
    const host = createStubHost(tracker());
    renderPane(host);
    await userEvent.click(screen.getByRole("button", { name: "Check tracker" }));
    const owner = await screen.findByRole("button", { name: /Row 3 · WP-2 · Owner/ });
    await userEvent.click(owner);
    expect(host.selects).toEqual([
      ["Tracker", { row: 2, col: HEADERS.indexOf("Owner"), rows: 1, cols: 1 }],
    ]);
    owner.focus();
    await userEvent.keyboard("{Enter}");
    expect(host.selects).toHaveLength(2);
  });

  it("Fix writes that status and the Check column in one plan", async () => {
    const host = createStubHost(tracker());
    renderPane(host);
    await userEvent.click(screen.getByRole("button", { name: "Check tracker" }));
    await userEvent.click(
      await screen.findByRole("button", { name: "Fix row 3: set Status to Green" })
    );
    expect(await screen.findByText("Fixed and checked")).toBeInTheDocument();
    expect(host.plans).toHaveLength(2);
    const w = writes(opsOf(host, 1));
    expect(w[0]).toEqual({
      op: "writeTableCells",
      table: TABLES.tracker,
      row: 1,
      col: STATUS,
      values: [["Green"]],
    });
    // The Check column (already added by the first check): only the row whose text changes, in the same plan.
    expect(w[1]).toMatchObject({
      row: 1,
      col: HEADERS.length,
      values: [["1 error: owner missing"]],
    });
    expect(screen.getByRole("button", { name: "Fix all 1" })).toBeInTheDocument();
  });

  it("Fix all N applies every certain fix in one batch", async () => {
    const host = createStubHost(tracker());
    renderPane(host);
    await userEvent.click(screen.getByRole("button", { name: "Check tracker" }));
    host.hold = true;
    await userEvent.click(await screen.findByRole("button", { name: "Fix all 2" }));
    // While it runs, the pane says what it is doing, in English ("statuses", not "statuss").
    expect(await screen.findByText("Fixing 2 statuses…")).toBeInTheDocument();
    await act(async () => host.release());
    expect(await screen.findByText(/Fixed 2 statuses/)).toBeInTheDocument();
    expect(host.plans).toHaveLength(2);
    expect(
      writes(opsOf(host, 1))
        .slice(0, 2)
        .map((o) => o.values[0][0])
    ).toEqual(["Green", "Red"]);
    expect(screen.queryByRole("button", { name: /Fix all/ })).toBeNull();
    expect(screen.getByText("1 error")).toBeInTheDocument();
  });

  it("re-checks automatically, debounced, after edits while the option is on", async () => {
    jest.useFakeTimers();
    try {
      const host = createStubHost(tracker(), { events: true });
      const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
      renderPane(host);
      const toggle = screen.getByRole("switch", { name: "Re-check automatically after edits" });
      await user.click(toggle);
      await act(async () => undefined);
      expect(host.subscriptions).toBe(1);
      act(() => host.edit());
      act(() => jest.advanceTimersByTime(1000));
      act(() => host.edit());
      act(() => jest.advanceTimersByTime(1000));
      expect(host.reads).toHaveLength(0);
      await act(async () => void jest.advanceTimersByTime(600));
      expect(host.reads).toHaveLength(1);
      expect(await screen.findByText("3 errors")).toBeInTheDocument();
      await user.click(toggle);
      await act(async () => undefined);
      expect(host.subscriptions).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it("says when automatic re-checks are not available", () => {
    renderPane(createStubHost(tracker()));
    expect(
      screen.getByRole("switch", { name: "Re-check automatically after edits" })
    ).toBeDisabled();
    expect(screen.getByText("Not available in this version of Excel.")).toBeInTheDocument();
  });

  it("shows a protected sheet as a plain message, not a crash", async () => {
    const snap = tracker();
    snap.sheets = snap.sheets.map((s) => (s.name === "Tracker" ? { ...s, protected: true } : s));
    const host = createStubHost(snap);
    renderPane(host);
    await userEvent.click(screen.getByRole("button", { name: "Check tracker" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/'Tracker' is protected/);
    expect(host.plans).toHaveLength(0);
  });

  it("shows the first entries of a long group and all on request", async () => {
    const rows = Array.from({ length: 120 }, (_, i) =>
      cells(goodValues({ ref: `WP-${i + 1}`, owner: "" }))
    );
    const host = createStubHost(snapshotWith(trackerTable(rows)));
    renderPane(host);
    await userEvent.click(screen.getByRole("button", { name: "Check tracker" }));
    const group = await screen.findByRole("region", { name: /Owner missing \(120\)/ });
    expect(within(group).getAllByRole("listitem")).toHaveLength(50);
    await userEvent.click(within(group).getByRole("button", { name: "Show all 120" }));
    expect(within(group).getAllByRole("listitem")).toHaveLength(120);
  });
});

describe("Check section over the Excel host and the in-memory Excel", () => {
  it("lists, selects the cell clicked and fixes all in one write", async () => {
    const { createFakeExcel } = await import("../fakes/fake-excel");
    const { createExcelHost } = await import("../../src/hosts/excel");
    const fake = createFakeExcel({ sheets: ["Tracker"] });
    const rows = [
      cells(goodValues({ ref: "WP-1" })),
      cells(goodValues({ ref: "WP-2", status: "grn", owner: "" })),
      cells(goodValues({ ref: "WP-3", status: "r" })),
    ].map((r) => r.map((v) => (v === null ? "" : (v as string | number))));
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, [...HEADERS], rows);
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    render(
      <FluentProvider theme={webLightTheme}>
        <TrackerContext.Provider
          value={{
            host,
            state: {
              kind: "ready",
              rows: 3,
              activeSheet: "Tracker",
              activeIsOurs: true,
              message: "Tracker with 3 rows",
            },
            refresh: async () => undefined,
            today: () => new Date(2026, 10, 30),
          }}
        >
          <CheckSection />
        </TrackerContext.Provider>
      </FluentProvider>
    );
    await userEvent.click(screen.getByRole("button", { name: "Check tracker" }));
    expect(await screen.findByText("3 errors")).toBeInTheDocument();
    expect(fake.table(TABLES.tracker)!.headers.at(-1)).toBe(CHECK_HEADER);

    await userEvent.click(screen.getByRole("button", { name: /Row 4 · WP-3 · Status/ }));
    expect(fake.selection()).toEqual({
      sheet: "Tracker",
      address: `${String.fromCharCode(65 + STATUS)}4`,
    });

    const mark = fake.syncLog.length;
    await userEvent.click(screen.getByRole("button", { name: "Fix all 2" }));
    expect(await screen.findByText(/Fixed 2 statuses/)).toBeInTheDocument();
    expect(fake.syncLog.slice(mark).filter((s) => s.writes > 0)).toHaveLength(1);
    expect(fake.table(TABLES.tracker)!.body.map((r) => r[STATUS])).toEqual([
      "Green",
      "Green",
      "Red",
    ]);
    expect(fake.table(TABLES.tracker)!.body.map((r) => r[HEADERS.length])).toEqual([
      "OK",
      "1 error: owner missing",
      "OK",
    ]);
  });
});
