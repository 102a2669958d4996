/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/*
 * The pane's update round over the in-memory Excel: ask (each owner's workbook opened with
 * Excel.createWorkbook), then choose returned workbooks, untick a change, apply the rest.
 * excelts is loaded as in Node (its browser build is an ES module Jest does not transform).
 */
import "./jsdom-globals";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { TABLES } from "../../src/domain/columns";
import { setupTracker, type TrackerState } from "../../src/engine/setup";
import { createExcelHost, type ExcelHost } from "../../src/hosts/excel";
import * as memory from "../../src/hosts/xlsx/memory";
import { TrackerContext } from "../../src/taskpane/context";
import { UpdatesSection } from "../../src/taskpane/sections/UpdatesSection";
import { createFakeExcel, type FakeExcel } from "../fakes/fake-excel";
import { rowCells, type RowValues } from "./fixtures";
import { cellOf, edited } from "./returned";

const serial = (y: number, m: number, d: number) =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

const ROWS: RowValues[] = [
  {
    ref: "WP-1",
    recommendation: "Answer 999 calls faster.",
    owner: "Supt Ada Morgan",
    targetDate: serial(2026, 9, 30),
    status: "Red",
  },
  {
    ref: "WP-2",
    recommendation: "Record risk at first contact.",
    owner: "Supt Ada Morgan",
    status: "Amber",
  },
  {
    ref: "WP-3",
    recommendation: "Supervise investigations.",
    owner: "DCI Ravi Patel",
    status: "Green",
  },
  { ref: "WP-4", recommendation: "Closed.", owner: "Director of HR", status: "Complete" },
];

const ready: TrackerState = {
  kind: "ready",
  rows: 4,
  activeSheet: "Tracker",
  activeIsOurs: true,
  message: "Tracker with 4 rows",
};

async function pane(opts: Parameters<typeof createFakeExcel>[0] = {}) {
  const fake = createFakeExcel({ sheets: ["Sheet1"], ...opts });
  const host: ExcelHost = createExcelHost({
    excel: fake.Excel,
    office: fake.Office,
    workbookFiles: async () => memory,
  });
  await setupTracker(host);
  await host.run("seed", (s) =>
    s.apply({ ops: [{ op: "appendRows", table: TABLES.tracker, rows: ROWS.map(rowCells) }] })
  );
  const refresh = jest.fn(async () => undefined);
  render(
    <FluentProvider theme={webLightTheme}>
      <TrackerContext.Provider
        value={{ host, state: ready, refresh, today: () => new Date(2026, 5, 30) }}
      >
        <UpdatesSection />
      </TrackerContext.Provider>
    </FluentProvider>
  );
  return { fake, host, refresh };
}

function trackerCell(fake: FakeExcel, ref: string, header: string) {
  const t = fake.table(TABLES.tracker)!;
  return t.body.find((r) => r[t.headers.indexOf("Ref")] === ref)![t.headers.indexOf(header)];
}

describe("Quarterly update round (pane)", () => {
  it("asks each owner, opening their workbook in a new window; then merges what comes back", async () => {
    const user = userEvent.setup();
    const { fake } = await pane();
    expect(screen.getByLabelText("Replies due")).toHaveValue("14/07/2026");
    await user.click(screen.getByRole("button", { name: "Ask owners for updates" }));
    const owners = await screen.findByRole("list", { name: "Owners to ask" });
    expect(
      within(owners)
        .getAllByRole("listitem")
        .map((li) => li.textContent)
    ).toEqual([
      "DCI Ravi Patel: 1 open itemOpen workbookSave it as 'Updates - DCI Ravi Patel - 2026-06-30.xlsx'",
      "Supt Ada Morgan: 2 open itemsOpen workbookSave it as 'Updates - Supt Ada Morgan - 2026-06-30.xlsx'",
    ]);
    expect(screen.getByRole("list", { name: "Not asked" })).toHaveTextContent(
      "Director of HR: no open items (1 closed item)"
    );
    expect(fake.createdWorkbooks).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Open workbook for Supt Ada Morgan" }));
    expect(
      await screen.findByText(
        "Save it as 'Updates - Supt Ada Morgan - 2026-06-30.xlsx' and send it to Supt Ada Morgan."
      )
    ).toBeInTheDocument();
    expect(fake.createdWorkbooks).toHaveLength(1);

    // Ada sends it back: WP-1 green (typed by hand), WP-2 "grn", a progress line on WP-2.
    const sent = new Uint8Array(Buffer.from(fake.createdWorkbooks[0], "base64"));
    const back = await edited(sent, [
      ["WP-1", "Status", "green"],
      ["WP-1", "Progress update", "All call handlers in post."],
      ["WP-2", "Status", "grn"],
      ["WP-2", "Progress update", "Template in use."],
    ]);
    const file = new File([back as unknown as BlobPart], "ada.xlsx", {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    await user.upload(screen.getByLabelText("Returned update workbooks (.xlsx)"), file);
    const changes = await screen.findByRole("group", { name: "Changes from ada.xlsx (3)" });
    const boxes = within(changes).getAllByRole("checkbox");
    expect(boxes.map((b) => (b.closest("div") as HTMLElement).textContent)).toEqual([
      "WP-1 Status: Red → Green (Supt Ada Morgan)'green' read as Green",
      "WP-1 Progress update: (blank) → All call handlers in post. (Supt Ada Morgan)",
      "WP-2 Progress update: (blank) → Template in use. (Supt Ada Morgan)",
    ]);
    expect(boxes.every((b) => (b as HTMLInputElement).checked)).toBe(true);
    expect(screen.getByRole("list", { name: "Not applied" })).toHaveTextContent(
      "WP-2 Status: 'grn' is not a status"
    );
    // Nothing is written before the analyst applies.
    expect(trackerCell(fake, "WP-1", "Status")).toBe("Red");

    await user.click(boxes[2]);
    await user.click(screen.getByRole("button", { name: "Apply 2 changes" }));
    expect(
      await screen.findByText(
        /Applied 2 changes to 1 row and logged them on the 'Update log' sheet/
      )
    ).toBeInTheDocument();
    expect(trackerCell(fake, "WP-1", "Status")).toBe("Green");
    expect(trackerCell(fake, "WP-2", "Progress update")).toBe("");
    await user.click(screen.getByRole("button", { name: "Open the Update log" }));
    expect(fake.activeSheet()).toBe("Update log");

    // Meanwhile the analyst moves WP-2 to Green; the same reply chosen again offers the unticked
    // answer no more: its row changed since the request, and the pane says how.
    const t = fake.table(TABLES.tracker)!;
    const [, letters, top] = /^([A-Z]+)(\d+)/.exec(t.address.split("!").pop()!)!;
    const first = letters.charCodeAt(0) - 65; // the tracker table starts in A..Z
    const row = Number(top) + 1 + t.body.findIndex((r) => r[t.headers.indexOf("Ref")] === "WP-2");
    const col = String.fromCharCode(65 + first + t.headers.indexOf("Status"));
    fake.userEdit(t.sheet, `${col}${row}`, [["Green"]]);
    expect(trackerCell(fake, "WP-2", "Status")).toBe("Green");
    await user.upload(screen.getByLabelText("Returned update workbooks (.xlsx)"), file);
    expect(await screen.findByRole("list", { name: "Not applied" })).toHaveTextContent(
      "WP-2 Progress update: the tracker says (blank), the reply says Template in use. (Supt Ada Morgan). The tracker row changed since the request of 30/06/2026 (Status was 'Amber' when sent, 'Green' now), so the owner's answer was not applied"
    );
    expect(screen.queryByRole("group", { name: /Changes from ada\.xlsx/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Apply 0 changes" })).toBeDisabled();
  });

  it("a reply with a row deleted says which sent row is not on it", async () => {
    const user = userEvent.setup();
    const { fake } = await pane();
    await user.click(screen.getByRole("button", { name: "Ask owners for updates" }));
    await user.click(
      await screen.findByRole("button", { name: "Open workbook for Supt Ada Morgan" })
    );
    await screen.findByText(/Save it as 'Updates - Supt Ada Morgan/);
    const sent = new Uint8Array(Buffer.from(fake.createdWorkbooks[0], "base64"));
    const back = await edited(sent, [["WP-1", "Status", "Amber"]], (ws) => {
      const row = ws.getRow(Number(cellOf(ws, "WP-2", "Ref").row));
      row.eachCell((cell) => void (cell.value = null));
    });
    const file = new File([back as unknown as BlobPart], "ada.xlsx");
    await user.upload(screen.getByLabelText("Returned update workbooks (.xlsx)"), file);
    expect(await screen.findByRole("list", { name: "Returned workbooks" })).toHaveTextContent(
      "ada.xlsx: from Supt Ada Morgan, 1 row (1 row sent is not on it: WP-2)"
    );
    expect(screen.getByRole("button", { name: "Apply 1 change" })).toBeEnabled();
  });

  it("a workbook that is not an update workbook is named and refused; nothing to apply", async () => {
    const user = userEvent.setup();
    const { fake } = await pane();
    const file = new File([new TextEncoder().encode("not a workbook")], "minutes.xlsx");
    await user.upload(screen.getByLabelText("Returned update workbooks (.xlsx)"), file);
    expect(await screen.findByRole("list", { name: "Returned workbooks" })).toHaveTextContent(
      "minutes.xlsx: not merged: it could not be read (minutes.xlsx is not an Excel workbook"
    );
    expect(screen.getByRole("button", { name: "Apply 0 changes" })).toBeDisabled();
    expect(fake.table("tblUpdateLog")).toBeUndefined();
  });

  it("without ExcelApi 1.8 (volume-licensed Office 2019), opening a workbook says so plainly", async () => {
    const user = userEvent.setup();
    const { fake } = await pane({ client: { name: "windows", api: 7 } });
    await user.click(screen.getByRole("button", { name: "Ask owners for updates" }));
    await user.click(
      await screen.findByRole("button", { name: "Open workbook for DCI Ravi Patel" })
    );
    const alert = await screen.findByText(/cannot open a new workbook from an add-in/);
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(fake.createdWorkbooks).toHaveLength(0);
  });
});
