/**
 * Step 1 of the update round: ask every owner with open items for an update. One read of the
 * tracker decides who gets which rows; each owner's workbook then opens in a new Excel window
 * when the analyst asks for it, to save and send.
 */
import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  Input,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { addDays, calendarDateOf, formatUk, parseUkDate } from "../../../domain/dates";
import {
  DEFAULT_REPLY_DAYS,
  makeOwnerWorkbook,
  requestUpdates,
  type RequestResult,
} from "../../../engine/updates";
import { OperationFeedback } from "../../components/OperationFeedback";
import { useTracker } from "../../context";
import { useOperation } from "../../useOperation";
import { plural } from "../../../domain/text";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  owner: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    overflowWrap: "anywhere",
  },
});

/** A day the analyst typed (31/07/2026, 31 July 2026); not a month or a quarter. */
function dayOf(text: string) {
  const parsed = parseUkDate(text);
  return parsed.date && !parsed.approximate && !parsed.ambiguity ? parsed.date : null;
}

export function AskOwners({ ready }: { ready: boolean }) {
  const styles = useStyles();
  const { host, refresh, today } = useTracker();
  const op = useOperation();
  const [due, setDue] = React.useState(() =>
    formatUk(addDays(calendarDateOf(today()), DEFAULT_REPLY_DAYS))
  );
  const [result, setResult] = React.useState<RequestResult | null>(null);
  const [opened, setOpened] = React.useState<Record<string, boolean>>({});
  const dueDate = dayOf(due);

  const onAsk = async () => {
    if (!dueDate) return;
    setResult(null);
    setOpened({});
    const r = await op.run("Reading the tracker…", () =>
      requestUpdates(host, { today: calendarDateOf(today()), due: dueDate })
    );
    if (!r) return;
    setResult(r);
    op.setFeedback({
      intent: r.requests.length > 0 ? "success" : "info",
      title: r.requests.length > 0 ? "Ready to send" : "Nobody to ask",
      text:
        r.message +
        (r.requests.length > 0
          ? " Open each owner's workbook, save it under the name shown and send it to them."
          : ""),
    });
    if (r.trackerIdCreated) await refresh();
  };

  const onOpen = async (index: number) => {
    if (!result) return;
    const request = result.requests[index];
    const done = await op.run(`Opening ${request.owner}'s workbook…`, async () => {
      await makeOwnerWorkbook(host, request);
      return true;
    });
    if (done) {
      setOpened((o) => ({ ...o, [request.fileName]: true }));
      op.setFeedback({
        intent: "success",
        title: "Opened in a new window",
        text: `Save it as '${request.fileName}' and send it to ${request.owner}.`,
      });
    }
  };

  return (
    <div className={styles.root}>
      <Field
        label="Replies due"
        hint={dueDate ? `Owners are asked to reply by ${formatUk(dueDate)}.` : undefined}
        validationMessage={dueDate ? undefined : "Write the date as dd/mm/yyyy."}
        validationState={dueDate ? "none" : "error"}
      >
        <Input value={due} placeholder="dd/mm/yyyy" onChange={(_, d) => setDue(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!ready || op.busy || !dueDate} onClick={onAsk}>
          Ask owners for updates
        </Button>
      </div>
      {!ready ? <Text size={200}>Set up or adopt a tracker first.</Text> : null}
      {result && result.requests.length > 0 ? (
        <ul className={styles.list} aria-label="Owners to ask">
          {result.requests.map((r, i) => (
            <li key={r.fileName}>
              <div className={styles.owner}>
                <Text>
                  {r.owner}: {plural(r.items, "open item")}
                </Text>
                <Button
                  size="small"
                  appearance={opened[r.fileName] ? "secondary" : "primary"}
                  disabled={op.busy}
                  aria-label={`${opened[r.fileName] ? "Open again" : "Open workbook"} for ${r.owner}`}
                  onClick={() => void onOpen(i)}
                >
                  {opened[r.fileName] ? "Open again" : "Open workbook"}
                </Button>
              </div>
              <Caption1>
                {opened[r.fileName] ? "Opened: save it as " : "Save it as "}
                {`'${r.fileName}'`}
              </Caption1>
            </li>
          ))}
        </ul>
      ) : null}
      {result && result.skipped.length > 0 ? (
        <>
          <Text weight="semibold">Not asked</Text>
          <ul className={styles.list} aria-label="Not asked">
            {result.skipped.map((s, i) => (
              <li key={i}>
                <Text>
                  {s.owner ?? "No owner"}: {s.reason}
                </Text>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <OperationFeedback op={op} />
    </div>
  );
}
