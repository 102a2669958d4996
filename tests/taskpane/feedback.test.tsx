/** @jest-environment jsdom */
/**
 * OperationFeedback: the live regions are there before anything is said, an outcome is said
 * politely (status), a failure at once (alert), never both.
 */
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OperationFeedback } from "../../src/taskpane/components/OperationFeedback";
import type { Feedback } from "../../src/taskpane/useOperation";

function show(feedback: Feedback | null, progress: string | null = null) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <OperationFeedback op={{ feedback, progress }} />
    </FluentProvider>
  );
}

describe("OperationFeedback", () => {
  it("has its regions in place, empty, before any operation", () => {
    show(null);
    expect(screen.getAllByRole("status")).toHaveLength(2);
    expect(screen.getByRole("alert")).toBeEmptyDOMElement();
    screen.getAllByRole("status").forEach((s) => expect(s).toBeEmptyDOMElement());
  });

  it("says a success in a status region and leaves the alert region empty", () => {
    const { rerender } = show(null);
    const alert = screen.getByRole("alert");
    rerender(
      <FluentProvider theme={webLightTheme}>
        <OperationFeedback
          op={{ feedback: { intent: "success", text: "Tracker set up." }, progress: null }}
        />
      </FluentProvider>
    );
    // The same region elements, now filled: a screen reader announces the change.
    expect(screen.getByRole("alert")).toBe(alert);
    expect(alert).toBeEmptyDOMElement();
    expect(
      screen.getAllByRole("status").some((s) => /Tracker set up/.test(s.textContent ?? ""))
    ).toBe(true);
  });

  it("says a failure in the alert region only", () => {
    show({
      intent: "error",
      title: "Nothing was changed",
      text: "The sheet 'Tracker' is protected.",
    });
    expect(screen.getByRole("alert")).toHaveTextContent(/Nothing was changed.*protected/);
    screen.getAllByRole("status").forEach((s) => expect(s).not.toHaveTextContent(/protected/));
  });
});
