/** @jest-environment jsdom */
/**
 * The Diagnostics section: last in the pane and closed; it runs the probes only when asked, lists
 * the answers of the Excel it runs in (the in-memory Excel configured both ways), and copies a
 * text report; a host with nothing to probe has no such section.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createExcelHost } from "../../src/hosts/excel";
import { createFakeExcel, type FakeExcelOptions } from "../fakes/fake-excel";
import { createStubHost } from "../helpers/stub-host";

function renderWith(client: FakeExcelOptions["client"]) {
  const fake = createFakeExcel({ sheets: ["Sheet1"], client });
  const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} today={() => new Date(2026, 2, 31)} />
    </FluentProvider>
  );
  return { fake, host };
}

async function openAndRun() {
  const headers = await screen.findAllByRole("heading", { level: 2 });
  expect(headers[headers.length - 1]).toHaveTextContent("Diagnostics");
  const toggle = within(headers[headers.length - 1]).getByRole("button");
  expect(toggle).toHaveAttribute("aria-expanded", "false");
  await userEvent.click(toggle);
  await userEvent.click(screen.getByRole("button", { name: "Run the checks" }));
  return screen.findByRole("button", { name: "Copy report" });
}

describe("Diagnostics section", () => {
  it("nothing is probed until asked; the answers of an Excel as documented, and the report copied as text", async () => {
    const { fake } = renderWith("windows");
    await screen.findByText("No tracker yet");
    expect(fake.syncLog.some((s) => s.ops.some((o) => o.startsWith("Worksheet.add")))).toBe(false);
    const copy = await openAndRun();
    expect(
      screen.getByText(/A Text cell given '-ve holds “-ve”; given =1\+1 it holds “2”/)
    ).toBeInTheDocument();
    expect(screen.getByText(/Tables grow when a row is written below/)).toBeInTheDocument();
    expect(fake.sheetNames()).toEqual(["Sheet1"]);
    const writeText = jest.fn(async () => undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    await userEvent.click(copy);
    expect(writeText).toHaveBeenCalledTimes(1);
    const text = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(text).toMatch(/^Inspection Tracker diagnostics, 31\/03\/2026\nExcel: PC, version 16\.0/);
    expect(text).toMatch(/with an apostrophe in front/);
    expect(await screen.findByText(/The report is on the clipboard/)).toBeInTheDocument();
  });

  it("an Excel whose Text cells keep what is typed: the answers say so, and the report the new way of writing", async () => {
    renderWith({ name: "web", textApostrophe: "kept", textFormula: "text", autoExpand: false });
    await screen.findByText("No tracker yet");
    await openAndRun();
    expect(screen.getByText(/holds “'-ve”; given =1\+1 it holds “=1\+1”/)).toBeInTheDocument();
    expect(screen.getByText(/Tables do not grow when a row is written below/)).toBeInTheDocument();
    const report = screen.getByRole("textbox", {
      name: "Diagnostics report",
    }) as HTMLTextAreaElement;
    expect(report.value).toMatch(/is written as it is \(Text cells keep it\)/);
  });

  it("where the clipboard is blocked, the report is selected for Ctrl+C", async () => {
    renderWith("web");
    await screen.findByText("No tracker yet");
    const copy = await openAndRun();
    Object.assign(navigator, {
      clipboard: { writeText: async () => Promise.reject(new Error("blocked")) },
    });
    await userEvent.click(copy);
    expect(await screen.findByText(/Press Ctrl\+C/)).toBeInTheDocument();
    expect(document.activeElement).toBe(
      screen.getByRole("textbox", { name: "Diagnostics report" })
    );
  });

  it("a host with nothing to probe (a file) has no Diagnostics section", async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <App host={createStubHost()} today={() => new Date(2026, 2, 31)} />
      </FluentProvider>
    );
    await screen.findByText("No tracker yet");
    expect(screen.queryByRole("heading", { name: "Diagnostics" })).toBeNull();
  });
});
