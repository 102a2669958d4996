/**
 * Shown when the pane is opened outside Excel (a plain browser, another Office app).
 */
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AppIcon } from "./AppIcon";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

export function OutsideOffice({ reason }: { reason: string | null }) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <div className={styles.header}>
        <AppIcon size={28} />
        <Title3 as="h1">Inspection Tracker</Title3>
      </div>
      <MessageBar intent="info" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>Open this in Excel</MessageBarTitle>
          {reason ? `${reason} ` : ""}Inspection Tracker is an Excel add-in: open Excel (desktop or
          on the web), then choose Home &gt; Inspection Tracker.
        </MessageBarBody>
      </MessageBar>
      <Text>
        To try the engine without Excel, run <code>npm run demo</code>: it builds an example tracker
        workbook.
      </Text>
    </main>
  );
}
