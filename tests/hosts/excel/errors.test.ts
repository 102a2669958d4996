/**
 * Office error codes → the plain-English messages the analyst sees.
 */
import { OFFICE_ERRORS, officeErrorCode, toTrackerError } from "../../../src/hosts/excel/errors";
import { TrackerError } from "../../../src/domain/errors";
import { NO_NEW_WORKBOOKS } from "../../../src/hosts/excel/new-workbook";

const officeError = (code: string, location?: string) =>
  Object.assign(new Error(`Localised technical text for ${code}`), {
    name: "RichApi.Error",
    code,
    debugInfo: { code, errorLocation: location },
  });

describe("Office error codes", () => {
  test.each([
    [
      "InvalidOperationInCellEditMode",
      "cell-edit",
      /^A cell is being edited: press Enter or Esc in Excel, then try again\.$/,
    ],
    ["AccessDenied", "protected", /'Set up tracker'.*protected.*Review > Unprotect Sheet/],
    ["ItemNotFound", "sheet-missing", /'Set up tracker' uses was renamed or deleted/],
    ["InvalidReference", "sheet-missing", /renamed or deleted/],
    ["RequestPayloadSizeLimitExceeded", "too-large", /more data at once.*5 MB/],
    ["ResponsePayloadSizeLimitExceeded", "too-large", /5 MB/],
    ["GeneralException", "busy", /Excel was busy and could not finish 'Set up tracker'/],
    ["ActivityLimitReached", "busy", /try again/],
    ["Conflict", "busy", /Someone else changed the workbook/],
    // Which versions work, not "Excel 2019 or later": volume-licensed Office 2019 stops at ExcelApi 1.7.
    [
      "NotImplemented",
      "unsupported",
      /Microsoft 365.*Office 2021 or later.*Excel on the web.*Office 2019 bought with a volume licence/,
    ],
    ["UndoNotSupported", "busy", /single undo step.*Check the sheet/],
    ["ApiNotFound", "unsupported", /cannot do 'Set up tracker'/],
    ["ItemAlreadyExists", "not-ours", /already|added while/],
  ])("%s → %s", (code, expected, message) => {
    const e = toTrackerError(officeError(code), "Set up tracker");
    expect(e).toBeInstanceOf(TrackerError);
    expect(e.code).toBe(expected);
    expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(/Localised technical text/);
    expect((e as { cause?: unknown }).cause).toMatchObject({ code });
  });

  test("every message in the table is plain, UK English and has no unfilled placeholder", () => {
    for (const [code, info] of Object.entries(OFFICE_ERRORS)) {
      const m = toTrackerError(officeError(code), "Build summary").message;
      expect(m).not.toMatch(/\{op\}/);
      expect(m).not.toMatch(/\b(color|behavior|initialize)\b/i);
      expect(m.length).toBeGreaterThan(30);
      expect(info.code).toBeTruthy();
    }
  });

  test("an unknown Office code names the code and where, without Excel's own text", () => {
    const e = toTrackerError(officeError("InvalidArgument", "Range.values"), "Import");
    expect(e.code).toBe("unexpected");
    expect(e.message).toMatch(
      /Excel could not finish 'Import' \(Excel error InvalidArgument at Range\.values\)/
    );
  });

  test("a TrackerError passes through unchanged; a plain error becomes unexpected", () => {
    const mine = new TrackerError("not-ours", "Nothing was changed.");
    expect(toTrackerError(mine, "x")).toBe(mine);
    const e = toTrackerError(new TypeError("boom"), "Check");
    expect(e.code).toBe("unexpected");
    expect(e.message).toMatch(/Excel could not finish 'Check'\./);
  });

  test("officeErrorCode", () => {
    expect(officeErrorCode(officeError("Conflict"))).toBe("Conflict");
    expect(officeErrorCode(new Error("x"))).toBeNull();
    expect(officeErrorCode("text")).toBeNull();
    expect(officeErrorCode(null)).toBeNull();
  });
});

describe("versions named in messages", () => {
  test("opening a new workbook names the versions that can, not 'Excel 2019 or later'", () => {
    // Excel.createWorkbook is ExcelApi 1.8; volume-licensed Office 2019 stops at 1.7.
    expect(NO_NEW_WORKBOOKS).not.toMatch(/Excel 2019 or later/);
    expect(NO_NEW_WORKBOOKS).toMatch(
      /Microsoft 365, Office 2021 or later, or Excel on the web; Office 2019 bought with a volume licence cannot/
    );
  });
});
