/**
 * Task-pane entry: waits for Office, picks the theme, and renders the app; outside Office (a
 * plain browser) it says so instead of failing.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { App } from "./App";
import { OutsideOffice } from "./components/OutsideOffice";
import { fluentThemeFor, type OfficeThemeLike } from "./theme";
import { createExcelHost, REQUIREMENT_MESSAGE, requirementProblem } from "../hosts/excel";

const container = document.getElementById("container");

function render(node: React.ReactNode, officeTheme: OfficeThemeLike | null) {
  if (!container) return;
  const theme = fluentThemeFor(officeTheme);
  document.body.style.backgroundColor = theme.colorNeutralBackground1;
  createRoot(container).render(<FluentProvider theme={theme}>{node}</FluentProvider>);
}

function officeTheme(): OfficeThemeLike | null {
  try {
    return (Office.context?.officeTheme as OfficeThemeLike | undefined) ?? null;
  } catch {
    return null;
  }
}

if (typeof Office === "undefined") {
  render(<OutsideOffice reason="Office.js did not load." />, null);
} else {
  void Office.onReady((info) => {
    const inExcel = info.host === Office.HostType.Excel && typeof Excel !== "undefined";
    if (!inExcel) {
      render(
        <OutsideOffice
          reason={info.host ? `This add-in runs in Excel, not ${info.host}.` : null}
        />,
        officeTheme()
      );
      return;
    }
    const tooOld = requirementProblem(Office, REQUIREMENT_MESSAGE);
    if (tooOld) {
      render(<OutsideOffice reason={tooOld} />, officeTheme());
      return;
    }
    render(
      <App
        host={createExcelHost({
          platform: String(info.platform ?? ""),
          // The update round makes and reads workbook files: the xlsx code, loaded only then.
          workbookFiles: () => import("../hosts/xlsx/memory"),
        })}
      />,
      officeTheme()
    );
  });
}
