/**
 * "Check tracker": reads every row in one round of syncs, runs the rules, writes the add-in's
 * Check column and the error-row format, and lists the findings by rule and row. Clicking an
 * entry selects its cell; Fix and "Fix all N" apply certain fixes in one batch.
 */
import * as React from "react";
import { Badge, Button, Field, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { calendarDateOf, formatUk, fromExcelSerial, toExcelSerial } from "../../domain/dates";
import {
  checkTracker,
  selectCell,
  type CheckOutcome,
  type FixRequest,
  type LocatedFinding,
} from "../../engine/check";
import { useTracker } from "../context";
import { messageOf, useOperation } from "../useOperation";
import { OperationFeedback } from "../components/OperationFeedback";
import { FindingList } from "./check/FindingList";
import { useAutoRecheck } from "./check/useAutoRecheck";
import { plural } from "../../domain/text";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  counts: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
});

export function CheckSection() {
  const styles = useStyles();
  const { host, state, refresh, today } = useTracker();
  const op = useOperation();
  const [outcome, setOutcome] = React.useState<CheckOutcome | null>(null);
  const [auto, setAuto] = React.useState(false);
  const busyRef = React.useRef(false);
  busyRef.current = op.busy;
  // The row count last seen (the check's own, else the pane's state): the engine reads formulas
  // unless it is over what the host reads them for.
  const rowsRef = React.useRef<number | null>(null);
  rowsRef.current = outcome?.report.rows ?? state?.rows ?? null;
  const ready = state?.kind === "ready";

  const todaySerial = React.useCallback(() => toExcelSerial(calendarDateOf(today())), [today]);

  const run = React.useCallback(
    async (label: string, fixes: "none" | readonly FixRequest[]) => {
      const rows = rowsRef.current;
      const result = await op.run(label, () =>
        checkTracker(host, { today: todaySerial(), fixes, rows })
      );
      if (result) {
        setOutcome(result);
        const { error, warning } = result.report.counts;
        op.setFeedback({
          intent: error > 0 ? "warning" : warning > 0 ? "info" : "success",
          title: fixes === "none" ? "Checked" : "Fixed and checked",
          text: result.message,
        });
      }
      return result;
    },
    // op.run and op.setFeedback are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [host, todaySerial]
  );

  const onCheck = async () => {
    if (await run("Checking the tracker…", "none")) await refresh();
  };

  const fixable = React.useMemo(() => outcome?.findings.filter((f) => f.fix) ?? [], [outcome]);
  const requestOf = (f: LocatedFinding): FixRequest => ({
    id: f.id,
    value: f.fix!.value,
    from: f.fix!.from,
  });
  const onFix = (f: LocatedFinding) => void run("Fixing…", [requestOf(f)]);
  const onFixAll = () =>
    void run(
      fixable.every((f) => f.rule === "status-unknown")
        ? `Fixing ${plural(fixable.length, "status", "statuses")}…`
        : `Fixing ${plural(fixable.length, "value")}…`,
      fixable.map(requestOf)
    );
  // "Add to Lists": the value goes on the Lists sheet; the cell stays as it is.
  const onAddToList = (f: LocatedFinding) =>
    void run(`Adding '${f.listFix!.value}' to the Lists sheet…`, [
      { id: f.id, value: f.listFix!.value, from: "", addTo: f.listFix!.list },
    ]);

  const onSelect = async (f: LocatedFinding) => {
    if (!f.cell) return;
    try {
      await selectCell(host, f.cell);
    } catch (e) {
      op.setFeedback({ intent: "error", title: "Could not select the cell", text: messageOf(e) });
    }
  };

  const autoState = useAutoRecheck(host, auto && ready, () => {
    if (busyRef.current) return false;
    void run("Re-checking after your edit…", "none");
    return true;
  });

  const counts = outcome?.report.counts;
  return (
    <div className={styles.root}>
      <Text>
        Check every row: statuses, owners, target and closed dates, evidence, duplicate refs,
        formulas in text, the 56-day response deadline, and themes, owners and addressees that are
        not on the Lists sheet. Results go in the add-in&apos;s own Check column; nothing you typed
        is changed.
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={onCheck} disabled={op.busy || !ready}>
          Check tracker
        </Button>
        {fixable.length > 0 ? (
          <Button onClick={onFixAll} disabled={op.busy}>
            Fix all {fixable.length}
          </Button>
        ) : null}
      </div>
      {!ready && state ? <Text size={200}>Set up or adopt a tracker first.</Text> : null}
      <Field
        label="Re-check automatically after edits"
        hint={
          autoState.error
            ? `Not available: ${autoState.error}`
            : autoState.available
              ? "Checks again 1.5 seconds after you stop editing the tracker table."
              : "Not available in this version of Excel."
        }
      >
        <Switch
          checked={auto}
          disabled={!autoState.available || !ready}
          onChange={(_, data) => setAuto(data.checked)}
        />
      </Field>
      <OperationFeedback op={op} />
      {outcome && counts ? (
        <>
          <div className={styles.counts} role="group" aria-label="Findings by severity">
            <Badge appearance="filled" color={counts.error > 0 ? "danger" : "success"}>
              {plural(counts.error, "error")}
            </Badge>
            <Badge appearance="filled" color={counts.warning > 0 ? "warning" : "success"}>
              {plural(counts.warning, "warning")}
            </Badge>
            <Text size={200}>
              {plural(outcome.report.rows, "row")}, as at{" "}
              {formatUk(fromExcelSerial(outcome.report.asAtSerial))}
            </Text>
          </div>
          <FindingList
            findings={outcome.findings}
            busy={op.busy}
            onSelect={(f) => void onSelect(f)}
            onFix={onFix}
            onAddToList={onAddToList}
          />
        </>
      ) : null}
    </div>
  );
}
