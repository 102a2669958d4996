/**
 * The progress line and the outcome of a section's operation, announced to screen readers.
 */
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Operation } from "../useOperation";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
  },
  // Spacing on what is shown, not on the regions: an empty region takes no room.
  item: {
    marginTop: tokens.spacingVerticalS,
  },
});

export function OperationFeedback({ op }: { op: Pick<Operation, "progress" | "feedback"> }) {
  const styles = useStyles();
  const isError = op.feedback?.intent === "error";
  const message = op.feedback ? (
    <MessageBar className={styles.item} intent={op.feedback.intent} layout="multiline">
      <MessageBarBody>
        {op.feedback.title ? <MessageBarTitle>{op.feedback.title}</MessageBarTitle> : null}
        {op.feedback.text}
      </MessageBarBody>
    </MessageBar>
  ) : null;
  return (
    <div className={styles.root}>
      <div role="status" aria-live="polite">
        {op.progress ? (
          <Spinner className={styles.item} size="tiny" labelPosition="after" label={op.progress} />
        ) : null}
      </div>
      {/*
        Two live regions that are always there, so a screen reader has registered both before
        anything is put in them: outcomes are announced politely, errors at once.
      */}
      <div role="status" aria-live="polite">
        {op.feedback && !isError ? message : null}
      </div>
      <div role="alert" aria-live="assertive">
        {op.feedback && isError ? message : null}
      </div>
    </div>
  );
}
