/**
 * @jest-environment jsdom
 */
/**
 * The pane's page says plainly when its scripts cannot run (a webview too old for them would
 * otherwise show a blank pane): an inline script in taskpane.html, in syntax every webview parses,
 * shows a message on an uncaught error while the pane has not started, and stays quiet once it
 * has.
 */
import * as fs from "fs";
import * as path from "path";

const { problemsIn }: { problemsIn(source: string, name: string, ecmaVersion: number): string[] } =
  require("../../scripts/bundle-target.cjs");

const HTML = fs.readFileSync(
  path.join(__dirname, "..", "..", "src", "taskpane", "taskpane.html"),
  "utf8"
);
const INLINE = [...HTML.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

function page(started: boolean): HTMLElement {
  document.body.innerHTML = `<div id="container">${started ? "<main>pane</main>" : ""}</div>`;
  // A fresh window listener per test: run the page's inline script as the page would.
  for (const code of INLINE) new Function(code)();
  return document.getElementById("container")!;
}

const parseError = () =>
  window.dispatchEvent(
    new ErrorEvent("error", {
      message: "SyntaxError: Unexpected token '{'",
      filename: "https://tracker.force.example/taskpane.js",
      error: new SyntaxError("Unexpected token '{'"),
    })
  );

describe("a pane whose scripts cannot run", () => {
  it("has one inline script, in ES5 (the oldest webview parses it)", () => {
    expect(INLINE).toHaveLength(1);
    expect(problemsIn(INLINE[0], "inline", 5)).toEqual([]);
  });

  it("says so instead of staying blank", () => {
    const box = page(false);
    parseError();
    const alert = box.querySelector('[role="alert"]');
    expect(alert?.textContent).toMatch(
      /^Inspection Tracker cannot start in this version of Excel: .* too old .* Update Office/
    );
    expect(box.children).toHaveLength(1);
  });

  it("says nothing once the pane has started", () => {
    const box = page(true);
    parseError();
    expect(box.querySelector('[role="alert"]')).toBeNull();
    expect(box.textContent).toBe("pane");
  });
});
