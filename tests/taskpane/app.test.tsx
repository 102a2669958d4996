/** @jest-environment jsdom */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { TABLES, TRACKER_COLUMNS } from "../../src/domain/columns";
import { TrackerError } from "../../src/domain/errors";
import { App } from "../../src/taskpane/App";
import { OutsideOffice } from "../../src/taskpane/components/OutsideOffice";
import { fluentThemeFor } from "../../src/taskpane/theme";
import { createStubHost, emptySnapshot } from "../helpers/stub-host";
import { MESSY_ROWS, sheetSnapshot } from "../adopt/messy";

function renderApp(host = createStubHost()) {
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} today={() => new Date(2025, 5, 30)} />
    </FluentProvider>
  );
  return host;
}

describe("task pane", () => {
  it("says there is no tracker yet, then sets one up and says it is ready", async () => {
    const host = renderApp();
    expect(await screen.findByText("No tracker yet")).toBeInTheDocument();
    host.hold = true;
    const button = screen.getByRole("button", { name: "Set up tracker" });
    await userEvent.click(button);
    // Progress is shown and the button is disabled while the operation runs.
    expect(await screen.findByText("Setting up the tracker…")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Set up tracker" })).toBeDisabled();
    // After the plan is applied, the workbook has a tracker.
    host.afterApply = () => {
      host.snapshot = {
        ...emptySnapshot(),
        tables: {
          [TABLES.tracker]: {
            name: TABLES.tracker,
            sheet: "Tracker",
            row: 0,
            col: 0,
            headers: TRACKER_COLUMNS.map((c) => c.header),
            rows: [],
          },
        },
      };
    };
    host.hold = false;
    await act(async () => host.release());
    expect(await screen.findByText(/Tracker set up/)).toBeInTheDocument();
    expect(host.plans).toHaveLength(1);
    expect(host.plans[0].ops.some((o) => o.op === "createTable")).toBe(true);
    await waitFor(() =>
      expect(screen.getByText("Tracker ready, with no rows yet")).toBeInTheDocument()
    );
    expect(screen.getByText("Ready")).toBeInTheDocument();
  });

  it("shows the row count of an existing tracker", async () => {
    const snap = emptySnapshot();
    snap.tables[TABLES.tracker] = {
      name: TABLES.tracker,
      sheet: "Tracker",
      row: 0,
      col: 0,
      headers: ["Ref"],
      rows: [["A"], ["B"], ["C"]],
    };
    renderApp(createStubHost(snap));
    expect(await screen.findByText("Tracker with 3 rows")).toBeInTheDocument();
  });

  it("shows a mapped Office error in plain English and keeps the button usable", async () => {
    const host = renderApp();
    await screen.findByText("No tracker yet");
    host.failNext = new TrackerError(
      "cell-edit",
      "A cell is being edited in Excel. Press Enter or Esc, then try again."
    );
    await userEvent.click(screen.getByRole("button", { name: "Set up tracker" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/A cell is being edited/)).toBeInTheDocument();
    expect(host.plans).toHaveLength(0);
    expect(screen.getByRole("button", { name: "Set up tracker" })).toBeEnabled();
  });

  it("says what to do when a Tracker sheet exists that the add-in did not make", async () => {
    const snap = emptySnapshot();
    snap.sheets.push({ name: "Tracker", visibility: "visible", protected: false });
    const host = renderApp(createStubHost(snap));
    expect(await screen.findByText(/did not make: adopt it/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Set-up" }));
    await userEvent.click(await screen.findByRole("button", { name: "Set up tracker" }));
    expect(await screen.findByText(/Nothing was changed/)).toBeInTheDocument();
    expect(host.plans).toHaveLength(0);
  });

  it("turns an unexpected exception into a message instead of crashing", async () => {
    const host = renderApp();
    await screen.findByText("No tracker yet");
    host.failNext = new Error("boom");
    await userEvent.click(screen.getByRole("button", { name: "Set up tracker" }));
    expect(
      await screen.findByText(/Something went wrong and nothing further was changed: boom/)
    ).toBeInTheDocument();
  });
});

describe("the pane leads the way", () => {
  it("leads with Adopt when a sheet looks like the office's tracker, and after set-up says what next", async () => {
    const snap = sheetSnapshot("OPCC tracker", MESSY_ROWS);
    const host = renderApp(createStubHost(snap));
    expect(
      await screen.findByText(/^No tracker yet\. 'OPCC tracker' looks like a tracker you keep/)
    ).toBeInTheDocument();
    // The Adopt section is the one open, and says which headings it knows.
    expect(
      await screen.findByText(
        /'OPCC tracker' looks like a tracker: its headings Ref, Recommendation/
      )
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Adopt an existing sheet" })).toHaveAttribute(
      "aria-expanded",
      "true"
    );
    expect(screen.getByRole("button", { name: "Set-up" })).toHaveAttribute(
      "aria-expanded",
      "false"
    );

    // Set-up offers Adopt first; an empty tracker is the second choice.
    await userEvent.click(screen.getByRole("button", { name: "Set-up" }));
    expect(screen.getByRole("button", { name: "Adopt 'OPCC tracker'…" })).toBeInTheDocument();
    const setUp = screen.getByRole("button", { name: "Set up an empty tracker" });
    host.afterApply = () => {
      host.snapshot = {
        ...host.snapshot,
        activeSheet: "Tracker",
        sheets: [
          ...host.snapshot.sheets,
          { name: "Tracker", visibility: "visible", protected: false },
        ],
        tables: {
          [TABLES.tracker]: {
            name: TABLES.tracker,
            sheet: "Tracker",
            row: 0,
            col: 0,
            headers: TRACKER_COLUMNS.map((c) => c.header),
            rows: [],
          },
        },
      };
    };
    await userEvent.click(setUp);
    expect(
      await screen.findByText(
        /Next: adopt 'OPCC tracker' to fill it with the rows you keep, or import a response record\./
      )
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByText(/^Tracker ready, with no rows yet\. 'OPCC tracker' looks like/)
      ).toBeInTheDocument()
    );
    const next = screen.getByRole("group", { name: "Next steps" });
    await userEvent.click(within(next).getByRole("button", { name: "Go to Import" }));
    await waitFor(() =>
      expect(
        screen.getByRole("button", { name: "Import a response record", expanded: true })
      ).toHaveFocus()
    );

    // Adopt reads the office's sheet, not the Tracker sheet set-up left active.
    await userEvent.click(screen.getByRole("button", { name: "Read 'OPCC tracker'" }));
    expect(await screen.findByText(/Sheet 'OPCC tracker': header row 3/)).toBeInTheDocument();
    expect(host.reads.at(-1)).toMatchObject({ sheets: ["OPCC tracker"] });
    expect(screen.getByRole("button", { name: /^Adopt 12 rows$/ })).toBeEnabled();
  });

  it("with no sheet to adopt, set-up says to import a record or adopt a sheet", async () => {
    const host = renderApp();
    await screen.findByText("No tracker yet");
    host.afterApply = () => {
      host.snapshot = {
        ...emptySnapshot(),
        tables: {
          [TABLES.tracker]: {
            name: TABLES.tracker,
            sheet: "Tracker",
            row: 0,
            col: 0,
            headers: TRACKER_COLUMNS.map((c) => c.header),
            rows: [],
          },
        },
      };
    };
    await userEvent.click(screen.getByRole("button", { name: "Set up tracker" }));
    expect(
      await screen.findByText(
        /Next: import a response record, or adopt the sheet you keep your recommendations on\./
      )
    ).toBeInTheDocument();
    const next = await screen.findByRole("group", { name: "Next steps" });
    expect(
      within(next)
        .getAllByRole("button")
        .map((b) => b.textContent)
    ).toEqual(["Go to Import", "Go to Adopt"]);
  });
});

describe("outside Office and theme", () => {
  it("says it must be opened in Excel", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <OutsideOffice reason="Office.js did not load." />
      </FluentProvider>
    );
    expect(screen.getByText("Open this in Excel")).toBeInTheDocument();
    expect(screen.getByText(/Office.js did not load/)).toBeInTheDocument();
  });

  it("follows the Office theme: dark when Office is dark, light otherwise", () => {
    expect(fluentThemeFor({ isDarkTheme: true })).toBe(webDarkTheme);
    expect(fluentThemeFor({ bodyBackgroundColor: "#262626" })).toBe(webDarkTheme);
    expect(fluentThemeFor({ bodyBackgroundColor: "#FFFFFF" })).toBe(webLightTheme);
    expect(fluentThemeFor(null)).toBe(webLightTheme);
  });
});
