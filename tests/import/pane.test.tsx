/** @jest-environment jsdom */
import { readFileSync } from "fs";
import { join } from "path";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { TABLES } from "../../src/domain/columns";
import type { TrackerState } from "../../src/engine/setup";
import { createExcelHost } from "../../src/hosts/excel";
import { TrackerContext } from "../../src/taskpane/context";
import { ImportSection } from "../../src/taskpane/sections/ImportSection";
import { createFakeExcel } from "../fakes/fake-excel";
import { wessexRecord } from "./records";

// jsdom lacks TextDecoder, which mammoth uses (every browser has it).
import { TextDecoder as NodeTextDecoder } from "util";
if (typeof (globalThis as { TextDecoder?: unknown }).TextDecoder === "undefined") {
  (globalThis as { TextDecoder?: unknown }).TextDecoder = NodeTextDecoder;
}

const state: TrackerState = {
  kind: "none",
  rows: 0,
  activeSheet: "Sheet1",
  activeIsOurs: false,
  message: "No tracker yet",
};

function renderSection() {
  const fake = createFakeExcel();
  const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
  const refresh = jest.fn(async () => undefined);
  render(
    <FluentProvider theme={webLightTheme}>
      <TrackerContext.Provider value={{ host, state, refresh, today: () => new Date(2026, 0, 20) }}>
        <ImportSection />
      </TrackerContext.Provider>
    </FluentProvider>
  );
  return { fake, host, refresh };
}

async function paste(text: string) {
  const box = screen.getByRole("textbox", { name: "Paste the response record" });
  await userEvent.clear(box);
  // Typing 16 items key by key is slow; paste is what analysts do.
  await userEvent.click(box);
  await userEvent.paste(text);
  await userEvent.click(screen.getByRole("button", { name: "Read pasted text" }));
}

describe("Import section", () => {
  it("previews a pasted record, adds it in one operation, then says 16 already tracked", async () => {
    const { fake, refresh } = renderSection();
    await paste(wessexRecord());
    expect(screen.getByLabelText("Inspection details")).toHaveTextContent(
      "TitlePEEL 2025: An inspection of Wessex Police"
    );
    expect(screen.getByLabelText("Inspection details")).toHaveTextContent("Published12/03/2025");
    const items = within(screen.getByRole("list", { name: "Items to add" })).getAllByRole(
      "listitem"
    );
    expect(items).toHaveLength(16);
    expect(within(items[2]).getByRole("textbox", { name: "Item 3: text" })).toHaveValue(
      "The force should improve practice area 3 and report progress to the Commissioner."
    );
    expect(
      within(screen.getByRole("list", { name: "Themes" }))
        .getAllByRole("listitem")
        .map((li) => li.textContent)
    ).toEqual(["Victim care", "Partnership working"]);
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: /Inspection code/ })).toHaveValue("PEEL25")
    );
    expect(items[0]).toHaveTextContent("Item 1 · PEEL25-R1");

    const before = fake.syncCount;
    await userEvent.click(screen.getByRole("button", { name: "Add 16 items to the tracker" }));
    expect(
      await screen.findByText(
        "16 added, 0 already tracked; 2 themes added to Lists; the tracker was set up first; " +
          "the office's name set from the record: 'Office of the Wessex Police and Crime Commissioner' (Lists, Settings). " +
          "On the Tracker sheet now: PEEL25-R1, PEEL25-R2, PEEL25-R3 and 13 more. " +
          "Next, give each an owner and a target date, then run Check."
      )
    ).toBeInTheDocument();
    expect(screen.getByText("Added 16 items")).toBeInTheDocument();
    expect(fake.syncCount - before).toBeLessThanOrEqual(3);
    expect(fake.table(TABLES.tracker)!.body).toHaveLength(16);
    expect(refresh).toHaveBeenCalled();
    // The preview has done its job: it is gone, and the box is empty for the next record.
    expect(screen.queryByRole("region", { name: "Preview of the record" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Add \d+ items?/ })).toBeNull();
    expect(screen.getByRole("textbox", { name: "Paste the response record" })).toHaveValue("");
    // Focus is not lost with the Add button: it is back in the box, for the next record.
    expect(screen.getByRole("textbox", { name: "Paste the response record" })).toHaveFocus();

    await paste(wessexRecord());
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: /Inspection code/ })).toHaveValue("PEEL25")
    );
    await userEvent.click(screen.getByRole("button", { name: "Add 16 items to the tracker" }));
    expect(await screen.findByText("0 added, 16 already tracked.")).toBeInTheDocument();
    expect(screen.getByText("Nothing new was added")).toBeInTheDocument();
    expect(fake.table(TABLES.tracker)!.body).toHaveLength(16);
  });

  it("lets the analyst edit the code and the items; a bad code disables Add", async () => {
    const { fake } = renderSection();
    await paste(wessexRecord({ items: 3 }));
    const codeBox = screen.getByRole("textbox", { name: /Inspection code/ });
    await waitFor(() => expect(codeBox).toHaveValue("PEEL25"));
    await userEvent.clear(codeBox);
    await userEvent.type(codeBox, "P 1");
    expect(
      screen.getByText("Use 2 to 12 letters and digits, starting with a letter")
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add 3 items to the tracker" })).toBeDisabled();
    await userEvent.clear(codeBox);
    await userEvent.type(codeBox, "WES24");

    await userEvent.click(screen.getByRole("button", { name: "Remove item 2" }));
    const text = screen.getByRole("textbox", { name: "Item 1: text" });
    await userEvent.clear(text);
    await userEvent.type(text, "=Edited by the analyst");
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: "Item 2: kind" }),
      "area-for-improvement"
    );
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: "Item 2: addressed to" }),
      "Home Office"
    );
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: "Item 2: theme" }),
      "Victim care"
    );
    await userEvent.click(screen.getByRole("button", { name: "Add 2 items to the tracker" }));
    await screen.findByText(/^2 added, 0 already tracked/);
    const t = fake.table(TABLES.tracker)!;
    const col = (h: string) => t.headers.indexOf(h);
    expect(
      t.body.map((r) => [
        r[col("Ref")],
        r[col("Kind")],
        r[col("Recommendation")],
        r[col("Addressed to")],
        r[col("Theme")],
      ])
    ).toEqual([
      ["WES24-R1", "Recommendation", "=Edited by the analyst", "Force", ""],
      [
        "WES24-AFI3",
        "Area for improvement",
        "The force should improve practice area 3 and report progress to the Commissioner.",
        "Home Office",
        "Victim care",
      ],
    ]);
  });

  it("lists changed wording and keeps the tracked text", async () => {
    const { fake } = renderSection();
    await paste(wessexRecord({ items: 2 }));
    await userEvent.click(
      await screen.findByRole("button", { name: "Add 2 items to the tracker" })
    );
    await screen.findByText(/^2 added/);
    const t = fake.table(TABLES.tracker)!;
    act(() =>
      fake.userEdit(
        "Tracker",
        `${String.fromCharCode(65 + t.headers.indexOf("Recommendation"))}2`,
        [["Our own wording"]]
      )
    );
    await paste(wessexRecord({ items: 2 }));
    await userEvent.click(screen.getByRole("button", { name: "Add 2 items to the tracker" }));
    await screen.findByText(/^0 added, 2 already tracked; 1 tracked item's wording differs/);
    const changes = screen.getByRole("list", { name: "Wording changes not applied" });
    expect(changes).toHaveTextContent(
      'PEEL25-R1 (row 2) reads differently in the record. The tracker keeps: "Our own wording".'
    );
    expect(fake.table(TABLES.tracker)!.body[0][t.headers.indexOf("Recommendation")]).toBe(
      "Our own wording"
    );
  });

  it("never renders pasted content as HTML; warns when nothing is found", async () => {
    renderSection();
    await paste(
      'Force: <img src=x onerror="window.__pwned=1"> Wessex\nRecommendations: <b>nothing</b><script>window.__pwned=2</script>\nno items here'
    );
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("b")).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    const warnings = screen.getByRole("list", { name: "Warnings about the record" });
    expect(warnings).toHaveTextContent("script; it was ignored and never run");
  });

  it("reads a .docx with mammoth loaded on demand", async () => {
    const { fake } = renderSection();
    const bytes = readFileSync(join(__dirname, "..", "..", "examples", "wessex-peel-2022.docx"));
    const file = new File([bytes], "wessex-peel-2022.docx", {
      type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
    // jsdom's File has no arrayBuffer(): this also exercises the FileReader fallback.
    await userEvent.upload(
      screen.getByLabelText("Response record file (.txt, .html or .docx)"),
      file
    );
    await waitFor(() =>
      expect(document.body.textContent).toMatch(/Read from wessex-peel-2022.docx|Not done/)
    );
    expect(screen.getByText("Read from wessex-peel-2022.docx")).toBeInTheDocument();
    expect(screen.getByLabelText("Inspection details")).toHaveTextContent("Published03/02/2022");
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: /Inspection code/ })).toHaveValue("PEEL22")
    );
    await userEvent.click(screen.getByRole("button", { name: "Add 8 items to the tracker" }));
    await screen.findByText(/^8 added/);
    expect(fake.table(TABLES.tracker)!.body.map((r) => r[0])).toEqual([
      "PEEL22-R1",
      "PEEL22-R2",
      "PEEL22-AFI1",
      "PEEL22-AFI2",
      "PEEL22-AFI3",
      "PEEL22-AFI4",
      "PEEL22-AFI5",
      "PEEL22-AFI6",
    ]);
  });
});

describe("Import section warnings", () => {
  it("shows each item's warnings beside it and the record's warnings above the list", async () => {
    renderSection();
    await paste(
      [
        "Title of inspection: PEEL 2025",
        "Published Date: not yet",
        "Recommendations",
        "1. One.",
        "3. Three.",
        "3. Three again.",
      ].join("\n")
    );
    const record = screen.getByRole("list", { name: "Warnings about the record" });
    expect(record).toHaveTextContent("The published date 'not yet' is not a date");
    const items = within(screen.getByRole("list", { name: "Items to add" })).getAllByRole(
      "listitem"
    );
    expect(items[1]).toHaveTextContent(
      "Recommendation 2 is missing: the numbering goes from 1 to 3"
    );
    expect(items[2]).toHaveTextContent("Recommendation 3 appears more than once");
    expect(items[0]).not.toHaveTextContent(/missing|more than once/);
  });
});
