/**
 * "Set up tracker": makes the workbook a tracker, or repairs it, in one click.
 */
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { setupTracker } from "../../engine/setup";
import { useTracker } from "../context";
import { useOperation } from "../useOperation";
import { OperationFeedback } from "../components/OperationFeedback";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export function SetupSection() {
  const styles = useStyles();
  const { host, state, refresh } = useTracker();
  const op = useOperation();
  const ready = state?.kind === "ready";

  const onSetup = async () => {
    const result = await op.run(ready ? "Checking the tracker…" : "Setting up the tracker…", () =>
      setupTracker(host)
    );
    if (result) {
      op.setFeedback({
        intent: "success",
        title: result.changed ? "Done" : "Ready",
        text: result.message,
      });
      await refresh();
    }
  };

  return (
    <div className={styles.root}>
      <Text>
        {ready
          ? "Your tracker is set up. Run this again to repair anything missing (a deleted Lists sheet, a lost dropdown); rows are never touched."
          : "Make this workbook a tracker: a Tracker table with a status dropdown and colours, plus Inspections, Lists and Status history sheets."}
      </Text>
      <Button appearance={ready ? "secondary" : "primary"} onClick={onSetup} disabled={op.busy}>
        {ready ? "Check and repair set-up" : "Set up tracker"}
      </Button>
      <OperationFeedback op={op} />
    </div>
  );
}
