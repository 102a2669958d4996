/**
 * "Import a response record": paste the record or choose a file (.txt, .html, .docx), check and
 * edit what was read, then add the items to the tracker in one operation. Importing again adds
 * nothing ("16 already tracked") and changed wording is listed, never written over. Pasted text
 * is only ever shown as text.
 */
import * as React from "react";
import { Button, Field, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { DocumentAdd20Regular, TextBulletListSquare20Regular } from "@fluentui/react-icons";
import {
  importDrafts,
  itemWarnings,
  parseRecord,
  suggestCode,
  suggestInspectionCode,
  validCode,
  type ImportDraft,
  type ImportItem,
  type ImportResult,
  type ParsedRecord,
} from "../../engine/import";
import { useTracker } from "../context";
import { useOperation } from "../useOperation";
import { OperationFeedback } from "../components/OperationFeedback";
import { RecordPreview, type EditableItem } from "./import/RecordPreview";
import { ACCEPT, readRecordFile } from "./import/readFile";

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
});

interface Loaded {
  source: string;
  record: ParsedRecord;
}

function editableItems(record: ParsedRecord): EditableItem[] {
  const byItem = itemWarnings(record);
  return record.items.map((it, index) => ({
    key: index,
    item: { ...it, theme: null },
    warnings: byItem.get(index) ?? [],
  }));
}

export function ImportSection() {
  const styles = useStyles();
  const { host, refresh } = useTracker();
  const op = useOperation();
  const [pasted, setPasted] = React.useState("");
  const [loaded, setLoaded] = React.useState<Loaded | null>(null);
  const [items, setItems] = React.useState<EditableItem[]>([]);
  const [code, setCode] = React.useState("");
  const [result, setResult] = React.useState<ImportResult | null>(null);
  const codeEdited = React.useRef(false);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();

  const load = React.useCallback(
    (source: string, record: ParsedRecord) => {
      setLoaded({ source, record });
      setItems(editableItems(record));
      setResult(null);
      op.setFeedback(null);
      codeEdited.current = false;
      setCode(suggestCode(record.inspection));
      // The workbook's own code for this inspection, when it lists it already.
      void suggestInspectionCode(host, record)
        .then((c) => {
          if (!codeEdited.current) setCode(c);
        })
        .catch(() => undefined);
    },
    [host, op]
  );

  // Word and web pages put HTML on the clipboard beside the text. The HTML keeps lists and
  // label tables, so it is what gets parsed (never rendered) while the box still shows the text.
  const pastedHtml = React.useRef<{ html: string; text: string } | null>(null);
  const onPaste = (e: React.ClipboardEvent<HTMLTextAreaElement>) => {
    const html = e.clipboardData?.getData("text/html") ?? "";
    const text = e.clipboardData?.getData("text/plain") ?? "";
    pastedHtml.current = html.trim() !== "" ? { html, text } : null;
  };

  const onReadPasted = () => {
    const copied = pastedHtml.current;
    // Only while the box holds exactly what was pasted: after an edit, the box's text wins.
    if (
      copied &&
      copied.text.replace(/\r\n/g, "\n").trim() === pasted.replace(/\r\n/g, "\n").trim()
    ) {
      load("the pasted text", parseRecord(copied.html, { format: "html" }));
    } else {
      load("the pasted text", parseRecord(pasted));
    }
  };

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    const picked = await op.run(`Reading ${file.name}…`, () => readRecordFile(file));
    if (picked)
      load(
        picked.encoding ? `${picked.name}, read as ${picked.encoding}` : picked.name,
        parseRecord(picked.text, { format: picked.format })
      );
  };

  const onAdd = async () => {
    if (!loaded) return;
    const draft: ImportDraft = {
      code: code.trim(),
      inspection: loaded.record.inspection,
      items: items.map((e) => e.item),
      themes: loaded.record.themes,
    };
    const r = await op.run(
      `Adding ${items.length} ${items.length === 1 ? "item" : "items"} to the tracker…`,
      () => importDrafts(host, [draft])
    );
    if (r) {
      setResult(r);
      op.setFeedback({
        intent: r.changed.length > 0 ? "warning" : "success",
        title: r.added.length > 0 ? "Added" : "Nothing new",
        text: r.message,
      });
      await refresh();
    }
  };

  const changeItem = (key: number, item: ImportItem) =>
    setItems((list) => list.map((e) => (e.key === key ? { ...e, item } : e)));
  const removeItem = (key: number) => setItems((list) => list.filter((e) => e.key !== key));
  const generalWarnings = loaded
    ? loaded.record.warnings.filter((w) => w.item === undefined).map((w) => w.message)
    : [];
  const n = items.length;
  const canAdd =
    loaded !== null &&
    n > 0 &&
    validCode(code.trim()) &&
    items.every((e) => e.item.text.trim() !== "" && e.item.number >= 1);

  const changes =
    result && result.changed.length > 0 ? (
      <ul className={styles.changes} aria-label="Wording changes not applied">
        {result.changed.map((c) => (
          <li key={c.ref}>
            <Text>
              {`${c.ref} (row ${c.sheetRow}) reads differently in the record. The tracker keeps: "${c.tracked}". The record says: "${c.incoming}".`}
            </Text>
          </li>
        ))}
      </ul>
    ) : null;

  return (
    <div className={styles.root}>
      <Text>
        Paste an inspection response record, or choose the file. Check what was read, then add its
        recommendations and areas for improvement to the tracker. Items already tracked are never
        added twice or changed.
      </Text>
      <Field label="Paste the response record">
        <Textarea
          resize="vertical"
          rows={5}
          value={pasted}
          onPaste={onPaste}
          onChange={(_, d) => setPasted(d.value)}
        />
      </Field>
      <div className={styles.actions}>
        <Button
          icon={<TextBulletListSquare20Regular />}
          onClick={onReadPasted}
          disabled={op.busy || pasted.trim() === ""}
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
      {loaded ? (
        <>
          <RecordPreview
            source={loaded.source}
            inspection={loaded.record.inspection}
            code={code}
            onCodeChange={(c) => {
              codeEdited.current = true;
              setCode(c);
            }}
            warnings={generalWarnings}
            themes={loaded.record.themes}
            items={items}
            onItemChange={changeItem}
            onItemRemove={removeItem}
            actions={
              <>
                <Button appearance="primary" onClick={onAdd} disabled={op.busy || !canAdd}>
                  {`Add ${n} ${n === 1 ? "item" : "items"} to the tracker`}
                </Button>
                <OperationFeedback op={op} />
                {changes}
              </>
            }
          />
        </>
      ) : (
        <OperationFeedback op={op} />
      )}
    </div>
  );
}
