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
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
  },
});

export function OperationFeedback({ op }: { op: Pick<Operation, "progress" | "feedback"> }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <div role="status" aria-live="polite">
        {op.progress ? <Spinner size="tiny" labelPosition="after" label={op.progress} /> : null}
      </div>
      <div
        role={op.feedback?.intent === "error" ? "alert" : "status"}
        aria-live={op.feedback?.intent === "error" ? "assertive" : "polite"}
      >
        {op.feedback ? (
          <MessageBar intent={op.feedback.intent} layout="multiline">
            <MessageBarBody>
              {op.feedback.title ? <MessageBarTitle>{op.feedback.title}</MessageBarTitle> : null}
              {op.feedback.text}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
    </div>
  );
}
