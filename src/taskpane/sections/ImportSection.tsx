/**
 * "Import a response record": paste the record or choose a file (.txt, .html, .docx), check and
 * edit what was read (each item's assurance area is suggested, and several can be set at once),
 * then add the items to the tracker in one operation; the preview then clears and says what was
 * added. Importing again adds nothing ("16 already tracked") and changed wording is listed, never
 * written over. A text that is not a response record gets a plain message saying what one looks
 * like. Pasted text is only ever shown as text. The state lives in useImport; this is the view.
 */
import * as React from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DocumentAdd20Regular, TextBulletListSquare20Regular } from "@fluentui/react-icons";
import { OperationFeedback } from "../components/OperationFeedback";
import { RecordPreview } from "./import/RecordPreview";
import { ACCEPT } from "./import/readFile";
import { useImport, type ImportState } from "./import/useImport";
import { plural } from "../../domain/text";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
  changes: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  found: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function ImportSection() {
  const styles = useStyles();
  const imp = useImport();
  const fileInput = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();
  const { op, loaded, items } = imp;
  const n = items.length;

  const onFile = (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (file) void imp.readFile(file);
  };

  return (
    <div className={styles.root}>
      <Text>
        Paste an inspection response record, or choose the file. Check what was read, then add its
        recommendations and areas for improvement to the tracker. Items already tracked are never
        added twice or changed.
      </Text>
      <Field label="Paste the response record">
        <Textarea
          ref={imp.pasteBox}
          resize="vertical"
          rows={5}
          value={imp.pasted}
          onPaste={imp.onPaste}
          onChange={(_, d) => imp.setPasted(d.value)}
        />
      </Field>
      <div className={styles.actions}>
        <Button
          icon={<TextBulletListSquare20Regular />}
          onClick={imp.readPasted}
          disabled={op.busy || imp.pasted.trim() === ""}
        >
          Read pasted text
        </Button>
        <Button
          icon={<DocumentAdd20Regular />}
          onClick={() => fileInput.current?.click()}
          disabled={op.busy}
        >
          Choose a file…
        </Button>
        <label htmlFor={inputId} className={styles.hidden}>
          Response record file (.txt, .html or .docx)
        </label>
        <input
          id={inputId}
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          className={styles.hidden}
          tabIndex={-1}
          onChange={onFile}
        />
      </div>
      {/* One place for progress and outcome, so its live regions stay put when the preview goes. */}
      <OperationFeedback op={op} />
      {imp.notARecord ? <NotARecord found={imp.notARecord} /> : null}
      {loaded ? (
        <RecordPreview
          source={loaded.source}
          inspection={loaded.record.inspection}
          code={imp.code}
          onCodeChange={imp.editCode}
          warnings={loaded.record.warnings
            .filter((w) => w.item === undefined)
            .map((w) => w.message)}
          themes={loaded.record.themes}
          items={items}
          onItemChange={imp.changeItem}
          onItemRemove={imp.removeItem}
          selected={imp.selected}
          onSelect={imp.toggleSelected}
          onSelectAll={imp.selectAll}
          onSetArea={imp.setThemeForSelected}
          actions={
            <Button appearance="primary" onClick={imp.add} disabled={op.busy || !imp.canAdd}>
              {`Add ${plural(n, "item")} to the tracker`}
            </Button>
          }
        />
      ) : null}
      <WordingChanges result={imp.result} />
    </div>
  );
}

/** A text that is not a record: what was found, and what a response record looks like. */
function NotARecord({ found }: { found: NonNullable<ImportState["notARecord"]> }) {
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>This does not look like a response record</MessageBarTitle>
        Nothing was read from {found.source}, so there is nothing to add.
        <ul aria-label="Warnings about the record" className={styles.found}>
          {found.found.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
        {found.expected}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Tracked items whose wording the record changes: listed, never written over. */
function WordingChanges({ result }: { result: ImportState["result"] }) {
  const styles = useStyles();
  if (!result || result.changed.length === 0) return null;
  return (
    <ul className={styles.changes} aria-label="Wording changes not applied">
      {result.changed.map((c) => (
        <li key={c.ref}>
          <Text>
            {`${c.ref} (row ${c.sheetRow}) reads differently in the record. The tracker keeps: "${c.tracked}". The record says: "${c.incoming}".`}
          </Text>
        </li>
      ))}
    </ul>
  );
}
