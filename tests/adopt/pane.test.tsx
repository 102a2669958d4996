/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { TABLES } from "../../src/domain/columns";
import type { TrackerState } from "../../src/engine/setup";
import { TrackerContext } from "../../src/taskpane/context";
import { AdoptSection } from "../../src/taskpane/sections/AdoptSection";
import type { WorkbookSnapshot } from "../../src/workbook/host";
import type { PlanOp } from "../../src/workbook/plan";
import { createStubHost } from "../helpers/stub-host";
import { MESSY_ROWS, sheetSnapshot } from "./messy";

function messySnapshot(): WorkbookSnapshot {
  return sheetSnapshot("Recs", MESSY_ROWS);
}

const noTracker: TrackerState = {
  kind: "none",
  rows: 0,
  activeSheet: "Recs",
  activeIsOurs: false,
  message: "No tracker yet",
};

function renderSection(state: TrackerState = noTracker, host = createStubHost(messySnapshot())) {
  const refresh = jest.fn(async () => undefined);
  render(
    <FluentProvider theme={webLightTheme}>
      <TrackerContext.Provider value={{ host, state, refresh, today: () => new Date(2026, 0, 20) }}>
        <AdoptSection />
      </TrackerContext.Provider>
    </FluentProvider>
  );
  return { host, refresh };
}

describe("Adopt section", () => {
  it("reads the active sheet and shows the header row, mapping, counts and preview", async () => {
    const { host } = renderSection();
    await userEvent.click(screen.getByRole("button", { name: "Read 'Recs'" }));
    expect(await screen.findByText(/Sheet 'Recs': header row 3/)).toBeInTheDocument();
    expect(host.plans).toHaveLength(0);
    const rag = screen.getByRole("combobox", { name: /Column E: RAG/ }) as HTMLSelectElement;
    expect(rag.value).toBe("Status");
    const notes = screen.getByRole("combobox", { name: /Column H: Notes/ }) as HTMLSelectElement;
    expect(notes.value).toBe("");
    const counts = screen.getByRole("list", { name: "What adopting will do" });
    expect(within(counts).getByText("Rows to adopt").previousSibling).toHaveTextContent("12");
    expect(within(counts).getByText("Skipped").previousSibling).toHaveTextContent("13");
    expect(screen.getByRole("list", { name: "Preview of adopted rows" })).toHaveTextContent(
      /Row 5: P1, PEEL 2023\/25: Wessex Police · Green · 31\/03\/2025/
    );
    expect(screen.getByRole("list", { name: "Findings" })).toHaveTextContent(
      /Row 8: Reference 'P4' is also used on row 9/
    );
  });

  it("says what the skipped-rows list leaves out, so it adds up to the Skipped count", async () => {
    renderSection();
    await userEvent.click(screen.getByRole("button", { name: "Read 'Recs'" }));
    await screen.findByText(/header row 3/);
    const listed = within(screen.getByRole("list", { name: "Skipped rows" })).getAllByRole(
      "listitem"
    );
    // 13 skipped: 8 listed (title, sections, legend), 2 more (footnotes) and 3 blank rows.
    expect(listed).toHaveLength(8);
    expect(
      screen.getByText("…and 2 more, and 3 blank rows; all to be listed in the Adoption report.")
    ).toBeInTheDocument();
  });

  it("lets the analyst change the mapping, then adopts with it in one read and one apply", async () => {
    const { host, refresh } = renderSection();
    await userEvent.click(screen.getByRole("button", { name: "Read 'Recs'" }));
    await screen.findByText(/header row 3/);
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: /Column H: Notes/ }),
      "Next steps"
    );
    expect(
      (screen.getByRole("combobox", { name: /Column H: Notes/ }) as HTMLSelectElement).value
    ).toBe("Next steps");
    const reads = host.reads.length;
    await userEvent.click(screen.getByRole("button", { name: "Adopt 12 rows" }));
    expect(
      await screen.findByText(/Adopted 12 rows from 'Recs' into 'Tracker'/)
    ).toBeInTheDocument();
    expect(host.reads.length - reads).toBe(1);
    expect(host.plans).toHaveLength(1);
    const create = host.plans[0].ops.find(
      (o): o is Extract<PlanOp, { op: "createTable" }> =>
        o.op === "createTable" && o.table.name === TABLES.tracker
    )!;
    expect(create.table.rows[0][create.table.headers.indexOf("Next steps")]).toBe(
      "-see Q2 board minutes"
    );
    expect(create.table.headers).not.toContain("Notes");
    expect(refresh).toHaveBeenCalled();
    // The report is offered.
    await userEvent.click(screen.getByRole("button", { name: "Open the Adoption report" }));
    expect(host.plans[1]).toEqual({ ops: [{ op: "activate", sheet: "Adoption report" }] });
  });

  it("shows a mapping conflict in plain English and disables Adopt", async () => {
    renderSection();
    await userEvent.click(screen.getByRole("button", { name: "Read 'Recs'" }));
    await screen.findByText(/header row 3/);
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: /Column H: Notes/ }),
      "Owner"
    );
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: /Column I: Directorate/ }),
      "Owner"
    );
    const conflict = /'Notes' and 'Directorate' are both mapped to the tracker's 'Owner' column/;
    // The pane's error region is always there (empty until an operation fails), so pick the
    // alert that says it.
    const alerts = await screen.findAllByRole("alert");
    expect(alerts.some((a) => conflict.test(a.textContent ?? ""))).toBe(true);
    expect(screen.getByRole("button", { name: /^Adopt/ })).toBeDisabled();
  });

  it("reports a sheet that cannot be adopted without crashing", async () => {
    const snap = messySnapshot();
    snap.sheetValues.Recs.values = [];
    renderSection(noTracker, createStubHost(snap));
    await userEvent.click(screen.getByRole("button", { name: "Read 'Recs'" }));
    expect(
      await screen.findByText(/Sheet 'Recs' is empty: there is nothing to adopt/)
    ).toBeInTheDocument();
  });

  it("is not offered when the workbook already has a tracker", () => {
    renderSection({
      kind: "ready",
      rows: 3,
      activeSheet: "Tracker",
      activeIsOurs: true,
      message: "Tracker with 3 rows",
    });
    expect(screen.getByText(/already has a tracker/)).toBeInTheDocument();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("never renders pasted text as HTML", async () => {
    const snap = messySnapshot();
    snap.sheetValues.Recs.values[4][1] = "<img src=x onerror=alert(1)> <b>bold</b>";
    renderSection(noTracker, createStubHost(snap));
    await userEvent.click(screen.getByRole("button", { name: "Read 'Recs'" }));
    await screen.findByText(/header row 3/);
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("b")).toBeNull();
    expect(screen.getByText(/<img src=x/)).toBeInTheDocument();
  });
});
