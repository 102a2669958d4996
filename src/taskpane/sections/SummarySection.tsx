/**
 * "Summary for the board": record the quarter's position (History), and build the Summary sheet
 * with its charts. When Check finds errors, say how many and let the analyst build anyway (the
 * sheet then notes it) or go and fix them first.
 */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  calendarDateOf,
  formatUk,
  fromExcelSerial,
  parseUkDate,
  toExcelSerial,
} from "../../domain/dates";
import { recordPosition } from "../../engine/history";
import { buildSummary, checkCount, openSummarySheet } from "../../engine/summary";
import { useTracker } from "../context";
import { useOperation } from "../useOperation";
import { OperationFeedback } from "../components/OperationFeedback";
import { ConfirmReplace } from "./summary/ConfirmReplace";
import { plural } from "../../domain/text";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  blocked: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  blockedActions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  date: { maxWidth: "16em" },
});

export interface SummarySectionProps {
  /** Open the Check section (the App passes it); without it the pane says where to go. */
  onGoToCheck?: () => void;
}

interface Blocked {
  errors: number;
  rowsWithErrors: number;
}

export function SummarySection({ onGoToCheck }: SummarySectionProps) {
  const styles = useStyles();
  const { host, state, refresh, today } = useTracker();
  const op = useOperation();
  const [confirm, setConfirm] = React.useState<{ date: number; existing: number } | null>(null);
  const [blocked, setBlocked] = React.useState<Blocked | null>(null);
  const ready = state?.kind === "ready";
  const todaySerial = () => toExcelSerial(calendarDateOf(today()));
  const [built, setBuilt] = React.useState<string | null>(null);
  // The position's date: today (worked out afresh each time) unless the analyst types another
  // day (a quarter's end, recorded late).
  const [typed, setTyped] = React.useState<string | null>(null);
  const dateText = typed ?? formatUk(calendarDateOf(today()));
  const position = ((): { date: number | null; error: string | null } => {
    const parsed = parseUkDate(dateText.trim());
    if (!parsed.date || parsed.approximate)
      return { date: null, error: "Write the day as dd/mm/yyyy, for example 31/03/2026" };
    const serial = toExcelSerial(parsed.date);
    if (serial > todaySerial())
      return { date: null, error: "A position is recorded for today or a day before it" };
    return { date: serial, error: null };
  })();

  const record = async (replace: boolean) => {
    setConfirm(null);
    // Today as it is now (the pane may have stayed open past midnight), unless a day was typed.
    const date = typed === null ? todaySerial() : position.date;
    if (date === null) return;
    const result = await op.run(
      replace ? "Replacing today's position…" : "Recording the position…",
      () => recordPosition(host, { date, replace })
    );
    if (!result) return;
    if (result.kind === "exists") {
      setConfirm({ date, existing: result.existing });
      return;
    }
    op.setFeedback({ intent: "success", title: "Position recorded", text: result.message });
    await refresh();
  };

  const build = async (force: boolean) => {
    setBlocked(null);
    setBuilt(null);
    const t = todaySerial();
    const rows = state?.rows;
    const result = await op.run(
      force ? "Building the summary anyway…" : "Building the summary…",
      () => buildSummary(host, { today: t, check: checkCount(t), force, rows })
    );
    if (!result) return;
    if (result.kind === "blocked") {
      setBlocked({ errors: result.errors, rowsWithErrors: result.rowsWithErrors });
      return;
    }
    const noted = result.summary.errorRows
      ? ` The sheet notes that ${plural(result.summary.errorRows, "row")} had errors.`
      : "";
    op.setFeedback({ intent: "success", title: "Done", text: result.message + noted });
    setBuilt(result.layout.sheet);
    await refresh();
  };

  const openSummary = async () => {
    if (built) await op.run("Opening the Summary sheet…", () => openSummarySheet(host, built));
  };

  const goToCheck = () => {
    setBlocked(null);
    if (onGoToCheck) onGoToCheck();
    else
      op.setFeedback({
        intent: "info",
        text: "Open “Check the tracker” above: it lists each error, its row, and a fix where there is one.",
      });
  };

  return (
    <div className={styles.root}>
      <Text>
        Record the tracker&apos;s position each quarter, then build the Summary sheet: headline
        figures, tables by inspection, theme and owner, exceptions, what moved since the last
        position, and charts in the status colours. The Summary sheet is rebuilt whole each time;
        nothing else is changed.
      </Text>
      <Field
        className={styles.date}
        label="Position date (dd/mm/yyyy)"
        hint={position.error ? undefined : "Today, or the quarter's last day if you record it late"}
        validationState={position.error ? "error" : "none"}
        validationMessage={position.error ?? undefined}
      >
        <Input value={dateText} onChange={(_, d) => setTyped(d.value)} disabled={!ready} />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="secondary"
          disabled={!ready || op.busy || position.date === null}
          onClick={() => void record(false)}
        >
          Record position
        </Button>
        <Button appearance="primary" disabled={!ready || op.busy} onClick={() => void build(false)}>
          Build summary
        </Button>
      </div>
      {!ready ? <Text size={200}>Set up or adopt a tracker first.</Text> : null}
      {blocked ? (
        <div role="alert">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Check found errors</MessageBarTitle>
              {plural(blocked.errors, "error")} in {plural(blocked.rowsWithErrors, "row")}. Fix them
              first, or build the summary anyway: it will say that{" "}
              {plural(blocked.rowsWithErrors, "row")} had errors at build time.
            </MessageBarBody>
            <MessageBarActions>
              <div className={styles.blockedActions}>
                <Button size="small" appearance="primary" onClick={() => void build(true)}>
                  Build anyway
                </Button>
                <Button size="small" onClick={goToCheck}>
                  Go to Check
                </Button>
              </div>
            </MessageBarActions>
          </MessageBar>
        </div>
      ) : null}
      <OperationFeedback op={op} />
      {built ? (
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => void openSummary()} disabled={op.busy}>
            Open Summary sheet
          </Button>
        </div>
      ) : null}
      <ConfirmReplace
        open={confirm !== null}
        day={confirm ? formatUk(fromExcelSerial(confirm.date)) : ""}
        existing={confirm?.existing ?? 0}
        onReplace={() => void record(true)}
        onCancel={() => {
          setConfirm(null);
          op.setFeedback({
            intent: "info",
            text: "The recorded position was kept; nothing was changed.",
          });
        }}
      />
    </div>
  );
}
