/**
 * Diagnostics: probes run on the analyst's own Excel when asked, the answers listed, and a plain
 * text report to copy. The host keeps the answers for the session and chooses its strategies
 * from them (how text starting with = is written, undo groups, how edits are watched).
 */
import * as React from "react";
import { Button, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { diagnose, reportText, type DiagnosticsReport } from "../../engine/diagnostics";
import { useTracker } from "../context";
import { useOperation } from "../useOperation";
import { OperationFeedback } from "../components/OperationFeedback";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  report: { fontFamily: tokens.fontFamilyMonospace, minHeight: "8em" },
});

const answer = (v: boolean | null, yes: string, no: string) =>
  v === null ? "not known here" : v ? yes : no;

export function DiagnosticsSection() {
  const styles = useStyles();
  const { host, today } = useTracker();
  const op = useOperation();
  const [report, setReport] = React.useState<DiagnosticsReport | null>(null);
  const [copied, setCopied] = React.useState<string | null>(null);
  const text = report ? reportText(report, today()) : "";

  const onRun = async () => {
    setCopied(null);
    const result = await op.run("Running the checks on this Excel…", () => diagnose(host));
    if (result) {
      setReport(result);
      op.setFeedback({
        intent: "success",
        title: "Checked",
        text: "The add-in will use these answers until the pane is closed.",
      });
    }
  };

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("The report is on the clipboard: paste it where you need it.");
    } catch {
      // Excel on the web may block the clipboard: the report is selected for Ctrl+C instead.
      const box = document.getElementById("diagnostics-report") as HTMLTextAreaElement | null;
      box?.focus();
      box?.select();
      setCopied("Press Ctrl+C (Cmd+C on a Mac) to copy the selected report.");
    }
  };

  return (
    <div className={styles.root}>
      <Text>
        Checks how this Excel behaves where versions differ. It adds a hidden sheet, writes a few
        cells and a small table there, then deletes the sheet. Deleting a sheet clears Excel&apos;s
        undo list, so run it when you do not need to undo. Nothing is sent anywhere.
      </Text>
      <div className={styles.actions}>
        <Button onClick={onRun} disabled={op.busy}>
          {report ? "Run the checks again" : "Run the checks"}
        </Button>
        {report ? (
          <Button appearance="primary" onClick={onCopy}>
            Copy report
          </Button>
        ) : null}
      </div>
      <OperationFeedback op={op} />
      {report ? (
        <>
          <ul className={styles.list}>
            <li>
              Excel: {report.platform ?? "unknown"}
              {report.version ? `, version ${report.version}` : ""}
              {report.excelApi ? ` (ExcelApi ${report.excelApi})` : ""}
            </li>
            <li>
              A Text cell given &apos;-ve holds{" "}
              {report.textCell.apostrophe === null
                ? "(unknown)"
                : `“${report.textCell.apostrophe}”`}
              ; given =1+1 it holds{" "}
              {report.textCell.formula === null ? "(unknown)" : `“${report.textCell.formula}”`}
            </li>
            <li>
              Tables {answer(report.tableGrows, "grow", "do not grow")} when a row is written below
            </li>
            <li>
              Change events {answer(report.eventsHaveTriggerSource, "say", "do not say")} who made
              them
            </li>
            <li>
              One undo step for several changes:{" "}
              {answer(report.mergedUndoAccepted, "accepted", "refused")}
            </li>
            {report.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <Textarea
            id="diagnostics-report"
            className={styles.report}
            readOnly
            value={text}
            aria-label="Diagnostics report"
            resize="vertical"
          />
          {copied ? (
            <Text role="status" aria-live="polite">
              {copied}
            </Text>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
