/**
 * Step 2 of the update round: the analyst chooses the workbooks owners sent back; every change
 * is listed (ticked) with what could not be applied and why; the analyst unticks what they do
 * not want, then applies the rest in one read and one write, logged on the Update log sheet.
 */
import * as React from "react";
import { Button, Caption1, Checkbox, Text, makeStyles, tokens } from "@fluentui/react-components";
import { DocumentAdd20Regular } from "@fluentui/react-icons";
import { TrackerError } from "../../../domain/errors";
import {
  applyMerge,
  openUpdateLog,
  previewMerge,
  readReturned,
  shownValue,
  type Change,
  type MergeDecision,
  type ReturnedFile,
} from "../../../engine/updates";
import { OperationFeedback } from "../../components/OperationFeedback";
import { useTracker } from "../../context";
import { useOperation } from "../../useOperation";
import { ACCEPT_XLSX, readWorkbookFile } from "./readWorkbookFile";
import { plural } from "../../../domain/text";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hidden: { display: "none" },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  changes: {
    border: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  change: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  note: { paddingLeft: "32px" },
});

function changeLabel(c: Change): string {
  return `${c.ref} ${c.column}: ${shownValue(c.from, c.trackerKey)} → ${shownValue(c.to, c.trackerKey)} (${c.owner})`;
}

function NotApplied({ decision }: { decision: MergeDecision }) {
  const styles = useStyles();
  const rows = decision.rejected.filter((r) => r.ref !== null || r.column !== null);
  const count = rows.length + decision.conflicts.length + decision.unknown.length;
  if (count === 0) return null;
  return (
    <>
      <Text weight="semibold">Not applied ({count})</Text>
      <ul className={styles.list} aria-label="Not applied">
        {decision.conflicts.map((c, i) => (
          <li key={`c${i}`}>
            <Text>
              {c.ref} {c.column}: the tracker says {shownValue(c.tracker, c.trackerKey)}, the reply
              says {shownValue(c.returned, c.trackerKey)} ({c.owner}). {c.reason}
            </Text>
          </li>
        ))}
        {rows.map((r, i) => (
          <li key={`r${i}`}>
            <Text>
              {r.ref}
              {r.column ? ` ${r.column}` : ""}: {r.reason}
            </Text>
          </li>
        ))}
        {decision.unknown.map((u, i) => (
          <li key={`u${i}`}>
            <Text>
              {u.file}, row {u.row}
              {u.ref ? ` (${u.ref})` : ""}: {u.reason}
            </Text>
          </li>
        ))}
      </ul>
    </>
  );
}

export function MergeReturned({ ready }: { ready: boolean }) {
  const styles = useStyles();
  const { host, refresh, today } = useTracker();
  const op = useOperation();
  const fileInput = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();
  const [files, setFiles] = React.useState<ReturnedFile[] | null>(null);
  const [decision, setDecision] = React.useState<MergeDecision | null>(null);
  const [ticked, setTicked] = React.useState<Set<string>>(new Set());
  const [logSheet, setLogSheet] = React.useState<string | null>(null);

  const onChoose = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(e.target.files ?? [])];
    e.target.value = "";
    if (chosen.length === 0) return;
    setLogSheet(null);
    const read = await op.run(`Reading ${plural(chosen.length, "workbook")}…`, async () => {
      const returned = await readReturned(
        chosen.map((file) => ({
          name: file.name,
          open: async () => {
            const bytes = await readWorkbookFile(file);
            if (!host.openWorkbook)
              throw new TrackerError("unsupported", "This pane cannot read other workbooks.");
            return host.openWorkbook(file.name, bytes);
          },
        }))
      );
      return { returned, preview: await previewMerge(host, returned) };
    });
    if (!read) return;
    setFiles(read.returned);
    setDecision(read.preview);
    setTicked(new Set(read.preview.changes.map((c) => c.key)));
    const n = read.preview.changes.length;
    op.setFeedback({
      intent: n > 0 ? "info" : "warning",
      text:
        n > 0
          ? `${plural(n, "change")} to apply. Untick any you do not want, then apply.`
          : "There is nothing to apply from these workbooks: see what was not applied, and why.",
    });
  };

  const toggle = (key: string, on: boolean) =>
    setTicked((t) => {
      const next = new Set(t);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const onApply = async () => {
    if (!files || !decision) return;
    const r = await op.run("Applying the changes…", () =>
      applyMerge(host, files, { today: todayDate(today()), accept: ticked })
    );
    if (!r) return;
    setDecision(null);
    setFiles(null);
    setLogSheet(r.applied.length > 0 ? r.logSheet : null);
    op.setFeedback({
      // An answer cut to fit a cell was applied, but not whole: said, as a warning.
      intent: r.cut.length > 0 ? "warning" : r.applied.length > 0 ? "success" : "info",
      title: r.applied.length > 0 ? "Merged" : "Nothing changed",
      text:
        r.message +
        (r.notApplied > 0 ? ` ${plural(r.notApplied, "unticked change")} left as it was.` : ""),
    });
    await refresh();
  };

  const byFile = new Map<string, Change[]>();
  for (const c of decision?.changes ?? []) {
    const list = byFile.get(c.file);
    if (list) list.push(c);
    else byFile.set(c.file, [c]);
  }
  const count = decision ? decision.changes.filter((c) => ticked.has(c.key)).length : 0;

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button
          icon={<DocumentAdd20Regular />}
          disabled={!ready || op.busy}
          onClick={() => fileInput.current?.click()}
        >
          Choose returned workbooks…
        </Button>
        <label htmlFor={inputId} className={styles.hidden}>
          Returned update workbooks (.xlsx)
        </label>
        <input
          id={inputId}
          ref={fileInput}
          type="file"
          multiple
          accept={ACCEPT_XLSX}
          className={styles.hidden}
          tabIndex={-1}
          onChange={(e) => void onChoose(e)}
        />
      </div>
      {decision ? (
        <>
          <ul className={styles.list} aria-label="Returned workbooks">
            {decision.files.map((f) => (
              <li key={f.file}>
                <Text>
                  {f.read
                    ? `${f.file}: from ${f.owner}, ${plural(f.rows, "row")}` +
                      (f.missing.length > 0
                        ? ` (${f.missing.length === 1 ? "1 row sent is" : `${f.missing.length} rows sent are`} not on it: ${f.missing.join(", ")})`
                        : "")
                    : `${f.file}: not merged: ${f.reason}`}
                </Text>
              </li>
            ))}
          </ul>
          {[...byFile.entries()].map(([file, changes]) => (
            <fieldset key={file} className={styles.changes}>
              <legend>
                <Text weight="semibold">
                  Changes from {file} ({changes.length})
                </Text>
              </legend>
              {changes.map((c) => (
                <div key={c.key} className={styles.change}>
                  <Checkbox
                    checked={ticked.has(c.key)}
                    onChange={(_, d) => toggle(c.key, d.checked === true)}
                    label={changeLabel(c)}
                  />
                  {c.note ? <Caption1 className={styles.note}>{c.note}</Caption1> : null}
                </div>
              ))}
            </fieldset>
          ))}
          <NotApplied decision={decision} />
          <div className={styles.actions}>
            <Button appearance="primary" disabled={op.busy || count === 0} onClick={onApply}>
              {`Apply ${plural(count, "change")}`}
            </Button>
          </div>
        </>
      ) : null}
      {logSheet ? (
        <div className={styles.actions}>
          <Button
            disabled={op.busy}
            onClick={() =>
              void op.run("Opening the Update log…", () => openUpdateLog(host, logSheet))
            }
          >
            Open the Update log
          </Button>
        </div>
      ) : null}
      <OperationFeedback op={op} />
    </div>
  );
}

function todayDate(d: Date) {
  return { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() };
}
