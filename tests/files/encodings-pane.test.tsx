/** @jest-environment jsdom */
/**
 * The pane says which encoding a record file was read in, as the command line does.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { TrackerState } from "../../src/engine/setup";
import { createExcelHost } from "../../src/hosts/excel";
import { TrackerContext } from "../../src/taskpane/context";
import { ImportSection } from "../../src/taskpane/sections/ImportSection";
import { createFakeExcel } from "../fakes/fake-excel";
import { cp1252 } from "../helpers/encodings";

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

it("a Windows-1252 record: read exactly, and 'read as Windows-1252' shown", async () => {
  const fake = createFakeExcel();
  const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
  render(
    <FluentProvider theme={webLightTheme}>
      <TrackerContext.Provider
        value={{ host, state, refresh: async () => undefined, today: () => new Date(2026, 0, 20) }}
      >
        <ImportSection />
      </TrackerContext.Provider>
    </FluentProvider>
  );
  const text =
    "Force: Wessex Police\r\nTitle of inspection: Café outreach – “2025”\r\nPublished: 12/03/2025\r\nRecommendations\r\n1. Spend £5k on victims’ care.\r\n";
  const file = new File([new Uint8Array(cp1252(text))], "ansi.txt", { type: "text/plain" });
  await userEvent.upload(screen.getByLabelText(/Response record file/), file);
  await screen.findByText("Read from ansi.txt, read as Windows-1252 (Western European)");
  expect(document.body.textContent).toContain("Spend £5k on victims’ care.");
  expect(document.body.textContent).not.toContain("\ufffd");
});
