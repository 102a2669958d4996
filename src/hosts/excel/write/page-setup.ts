/// <reference types="office-js" />
/**
 * Page set-up (ExcelApi 1.9): orientation, paper, fit to pages, print area, header and footer.
 */
import { a1, type PageSetupPlan } from "../../../workbook/plan";
import type { RunState } from "../state";

/** Page header/footer text: "&" starts a code in Excel's header language. */
function headerFooterText(s: string): string {
  return s.replace(/&/g, "&&");
}

/** A fit-to-pages count as Excel takes it: null for "as many as needed". */
function fitPages(pages: number): number | null {
  return pages >= 1 ? pages : null;
}

export function pageSetup(s: RunState, sheet: string, setup: PageSetupPlan): void {
  const layout = s.context.workbook.worksheets.getItem(sheet).pageLayout;
  layout.orientation = (
    setup.orientation === "landscape" ? "Landscape" : "Portrait"
  ) as Excel.PageOrientation;
  layout.paperSize = "A4" as Excel.PaperType;
  // zoom must be assigned whole (docs "Application-specific API model"). The plan's 0 pages
  // ("as many as needed", fitToHeight="0" in the file format) is null here: the typings of
  // PageLayoutZoomOptions allow null for the dimension not fitted, not 0.
  layout.zoom = {
    horizontalFitToPages: fitPages(setup.fitToPagesWide),
    verticalFitToPages: fitPages(setup.fitToPagesTall),
  } as Excel.PageLayoutZoomOptions;
  if (setup.printArea) layout.setPrintArea(a1(setup.printArea));
  // PageLayout.setPrintTitleRows (ExcelApi 1.9): "rows that contain the cells to be repeated at
  // the top of each page for printing".
  if (setup.printTitleRows)
    layout.setPrintTitleRows(
      `$${setup.printTitleRows.first + 1}:$${setup.printTitleRows.last + 1}`
    );
  const hf = layout.headersFooters.defaultForAllPages;
  if (setup.header !== undefined) hf.centerHeader = headerFooterText(setup.header);
  if (setup.footer !== undefined) hf.centerFooter = headerFooterText(setup.footer);
  // "Page 1 of 3": &P and &N are Excel's page number and page count codes.
  if (setup.pageNumbers) hf.rightFooter = "Page &P of &N";
  layout.centerHorizontally = setup.centerHorizontally;
}
