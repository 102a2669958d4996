/** @jest-environment jsdom */
/**
 * Pasting from Word: the clipboard carries HTML beside the text. The HTML (with its list
 * structure) is what gets parsed; it is never rendered, and an edit to the box makes the text win.
 */
import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { TrackerState } from "../../src/engine/setup";
import { TrackerContext } from "../../src/taskpane/context";
import { ImportSection } from "../../src/taskpane/sections/ImportSection";
import { createStubHost } from "../helpers/stub-host";

const state: TrackerState = { kind: "none", rows: 0, activeSheet: "Sheet1", activeIsOurs: false, message: "No tracker yet" };

// Word's HTML: a numbered list whose items carry no "1." in their text.
const HTML =
  "<p><b>Force</b>: Wessex Police</p><p><b>Title of inspection</b>: Spotlight on custody</p>" +
  "<p><b>Recommendations</b></p><ol><li>The force should review detainee risk assessments.</li>" +
  "<li>The force should audit cell checks <script>alert(1)</script>monthly.</li></ol>" +
  "<p><b>Police and Crime Commissioner's initial response</b></p><p>Welcomed.</p>";
// A text flavour of the same that loses the list: both items run together on one line.
const TEXT =
  "Force: Wessex Police\nTitle of inspection: Spotlight on custody\nRecommendations\n" +
  "The force should review detainee risk assessments. The force should audit cell checks monthly.\n" +
  "Police and Crime Commissioner's initial response\nWelcomed.";

function renderSection() {
  const host = createStubHost();
  render(
    <FluentProvider theme={webLightTheme}>
      <TrackerContext.Provider value={{ host, state, refresh: async () => undefined, today: () => new Date(2026, 0, 20) }}>
        <ImportSection />
      </TrackerContext.Provider>
    </FluentProvider>
  );
  return host;
}

function pasteFromWord(box: HTMLElement) {
  const data: Record<string, string> = { "text/html": HTML, "text/plain": TEXT };
  fireEvent.paste(box, { clipboardData: { getData: (type: string) => data[type] ?? "" } });
  // The browser then inserts the text flavour into the box.
  fireEvent.change(box, { target: { value: TEXT } });
}

describe("pasting a record copied from Word", () => {
  it("parses the HTML flavour: two list items, script dropped, nothing rendered as HTML", async () => {
    renderSection();
    const box = screen.getByRole("textbox", { name: "Paste the response record" });
    pasteFromWord(box);
    await userEvent.click(screen.getByRole("button", { name: "Read pasted text" }));
    const items = within(screen.getByRole("list", { name: "Items to add" })).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(document.querySelector("script")).toBeNull();
    expect(document.body.textContent).not.toContain("alert(1)");
    expect(screen.getByDisplayValue("The force should audit cell checks monthly.")).toBeInTheDocument();
  });

  it("uses the box's text once the analyst has edited it", async () => {
    renderSection();
    const box = screen.getByRole("textbox", { name: "Paste the response record" });
    pasteFromWord(box);
    fireEvent.change(box, { target: { value: TEXT.replace("Recommendations\n", "Recommendations\n1. An added line\n") } });
    await userEvent.click(screen.getByRole("button", { name: "Read pasted text" }));
    const values = screen.getAllByRole("textbox").map((t) => (t as HTMLTextAreaElement).value);
    expect(values.some((v) => v.startsWith("An added line"))).toBe(true);
    expect(values.some((v) => v.startsWith("The force should audit cell checks monthly"))).toBe(false);
  });
});
