/**
 * "Set up tracker": makes the workbook a tracker, or repairs it, in one click. When a sheet looks
 * like a tracker the office already keeps, it leads to Adopt instead; after set-up it says what
 * to do next (import a record, or adopt that sheet) with a button to each.
 */
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { setupTracker } from "../../engine/setup";
import { useTracker } from "../context";
import { useOperation } from "../useOperation";
import { OperationFeedback } from "../components/OperationFeedback";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export interface SetupSectionProps {
  /** Open another section and move focus to it. */
  onGoTo?: (section: "import" | "adopt") => void;
}

export function SetupSection({ onGoTo }: SetupSectionProps) {
  const styles = useStyles();
  const { host, state, refresh } = useTracker();
  const op = useOperation();
  const ready = state?.kind === "ready";
  const adoptable = state?.adoptable ?? null;
  const empty = !ready || state?.rows === 0;

  const onSetup = async () => {
    const result = await op.run(ready ? "Checking the tracker…" : "Setting up the tracker…", () =>
      setupTracker(host)
    );
    if (result) {
      const next = adoptable
        ? ` Next: adopt '${adoptable.sheet}' to fill it with the rows you keep, or import a response record.`
        : " Next: import a response record, or adopt the sheet you keep your recommendations on.";
      op.setFeedback({
        intent: "success",
        title: result.changed ? "Done" : "Ready",
        text: result.message + (result.created.includes("Tracker") ? next : ""),
      });
      await refresh();
    }
  };

  return (
    <div className={styles.root}>
      <Text>
        {ready
          ? "Your tracker is set up. Run this again to repair anything missing (a deleted Lists sheet, a lost dropdown); rows are never touched."
          : adoptable
            ? `'${adoptable.sheet}' looks like the tracker you already keep. Adopt it to keep its rows and make it this add-in's tracker; set up an empty tracker only if you want to start afresh.`
            : "Make this workbook a tracker: a Tracker table with a status dropdown and colours, plus Inspections, Lists and Status history sheets."}
      </Text>
      <div className={styles.actions}>
        {adoptable && empty && onGoTo ? (
          <Button appearance="primary" onClick={() => onGoTo("adopt")}>
            {`Adopt '${adoptable.sheet}'…`}
          </Button>
        ) : null}
        <Button
          appearance={ready || adoptable ? "secondary" : "primary"}
          onClick={onSetup}
          disabled={op.busy}
        >
          {ready
            ? "Check and repair set-up"
            : adoptable
              ? "Set up an empty tracker"
              : "Set up tracker"}
        </Button>
      </div>
      <OperationFeedback op={op} />
      {ready && empty && onGoTo && op.feedback?.intent === "success" ? (
        <div className={styles.actions} role="group" aria-label="Next steps">
          <Button onClick={() => onGoTo("import")}>Go to Import</Button>
          {adoptable ? null : <Button onClick={() => onGoTo("adopt")}>Go to Adopt</Button>}
        </div>
      ) : null}
    </div>
  );
}
