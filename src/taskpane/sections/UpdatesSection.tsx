/**
 * "Quarterly update round": ask each owner for an update on their open items (one workbook
 * each, opened in a new window to save and send), then merge the workbooks they return.
 */
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { useTracker } from "../context";
import { AskOwners } from "./updates/AskOwners";
import { MergeReturned } from "./updates/MergeReturned";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});

export function UpdatesSection() {
  const styles = useStyles();
  const { state } = useTracker();
  const ready = state?.kind === "ready";
  return (
    <div className={styles.root}>
      <Text>
        Each owner gets a workbook with only their open items, where they can change only the
        status, progress, next steps, evidence and a revised target date. Merge what they send back:
        every change is listed before anything is written.
      </Text>
      <section className={styles.step} aria-labelledby="updates-ask">
        <Text as="h3" weight="semibold" id="updates-ask">
          1. Ask owners for updates
        </Text>
        <AskOwners ready={ready} />
      </section>
      <section className={styles.step} aria-labelledby="updates-merge">
        <Text as="h3" weight="semibold" id="updates-merge">
          2. Merge returned updates
        </Text>
        <MergeReturned ready={ready} />
      </section>
    </div>
  );
}
