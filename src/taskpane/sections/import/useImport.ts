/**
 * The import section's state and actions, apart from its view (as Fluent's own components keep
 * use… apart from render…): what was pasted, the record read from it, the editable items and
 * their selection, the inspection code, and adding them. The code the workbook suggests arrives
 * later than the record; it is taken only while the analyst has not typed a code and the same
 * record is still loaded.
 */
import * as React from "react";
import {
  RECORD_EXPECTED,
  importDrafts,
  itemRef,
  loadRecordReader,
  notImportable,
  previewItems,
  suggestCode,
  suggestInspectionCode,
  validCode,
  type ImportDraft,
  type ImportItem,
  type ImportResult,
  type ParsedRecord,
  type PreviewItem,
  type RecordReader,
} from "../../../engine/import";
import { useTracker } from "../../context";
import { useOperation, type Operation } from "../../useOperation";
import { readRecordFile } from "./readFile";
import { plural } from "../../../domain/text";

export interface LoadedRecord {
  /** "the pasted text" or the file's name. */
  source: string;
  record: ParsedRecord;
}

export interface ImportState {
  op: Operation;
  /** The paste box. */
  pasted: string;
  setPasted: (text: string) => void;
  onPaste: (e: React.ClipboardEvent<HTMLTextAreaElement>) => void;
  readPasted: () => void;
  readFile: (file: File) => Promise<void>;
  /** The record being previewed (it has items), or null. */
  loaded: LoadedRecord | null;
  /** Why the last text read is not a record that can be imported, or null. */
  notARecord: { source: string; found: string[]; expected: string } | null;
  items: readonly PreviewItem[];
  changeItem: (key: number, item: ImportItem) => void;
  removeItem: (key: number) => void;
  /** Keys of the items ticked for "Set area for selected". */
  selected: ReadonlySet<number>;
  toggleSelected: (key: number, on: boolean) => void;
  selectAll: (on: boolean) => void;
  setThemeForSelected: (theme: string | null) => void;
  code: string;
  /** The analyst's own code: from now on the workbook's suggestion does not replace it. */
  editCode: (code: string) => void;
  codeOk: boolean;
  canAdd: boolean;
  add: () => Promise<void>;
  /** The last import's outcome (its wording changes stay listed after the preview is cleared). */
  result: ImportResult | null;
  /**
   * The paste box: after Add clears the preview (and with it the focused Add button), focus goes
   * back here, ready for the next record, rather than being lost to the page.
   */
  pasteBox: React.RefObject<HTMLTextAreaElement>;
}

/** "PEEL25-R1, PEEL25-R2 and 14 more". */
export function refsList(refs: readonly string[]): string {
  if (refs.length <= 4) return refs.join(", ").replace(/, ([^,]*)$/, " and $1");
  return `${refs.slice(0, 3).join(", ")} and ${refs.length - 3} more`;
}

export function useImport(): ImportState {
  const { host, refresh } = useTracker();
  const op = useOperation();
  const { setFeedback } = op;
  const [pasted, setPasted] = React.useState("");
  const [loaded, setLoaded] = React.useState<LoadedRecord | null>(null);
  const [notARecord, setNotARecord] = React.useState<ImportState["notARecord"]>(null);
  const [items, setItems] = React.useState<PreviewItem[]>([]);
  const [selected, setSelected] = React.useState<ReadonlySet<number>>(new Set());
  const [code, setCode] = React.useState("");
  const [result, setResult] = React.useState<ImportResult | null>(null);
  /** Which load the pending code suggestion belongs to, and whether the analyst typed a code. */
  const loadId = React.useRef(0);
  const codeEdited = React.useRef(false);
  const pasteBox = React.useRef<HTMLTextAreaElement>(null);

  const load = React.useCallback(
    (source: string, record: ParsedRecord) => {
      const id = ++loadId.current;
      codeEdited.current = false;
      setResult(null);
      setFeedback(null);
      setSelected(new Set());
      const found = notImportable(record);
      if (found) {
        setLoaded(null);
        setItems([]);
        setCode("");
        setNotARecord({ source, found, expected: RECORD_EXPECTED });
        return;
      }
      setNotARecord(null);
      setLoaded({ source, record });
      setItems(previewItems(record));
      setCode(suggestCode(record.inspection));
      // The workbook's own code for this inspection, when it lists it already.
      void suggestInspectionCode(host, record)
        .then((c) => {
          if (loadId.current === id && !codeEdited.current) setCode(c);
        })
        .catch(() => undefined);
    },
    [host, setFeedback]
  );

  // Word and web pages put HTML on the clipboard beside the text. The HTML keeps lists and
  // label tables, so it is what gets parsed (never rendered) while the box still shows the text.
  const pastedHtml = React.useRef<{ html: string; text: string } | null>(null);
  const onPaste = React.useCallback((e: React.ClipboardEvent<HTMLTextAreaElement>) => {
    const html = e.clipboardData?.getData("text/html") ?? "";
    const text = e.clipboardData?.getData("text/plain") ?? "";
    pastedHtml.current = html.trim() !== "" ? { html, text } : null;
  }, []);

  // The record parser is a chunk of its own (htmlparser2 with it): fetched as the section first
  // shows, so that it is there by the time a record is pasted or chosen.
  const [reader, setReader] = React.useState<RecordReader | null>(null);
  React.useEffect(() => {
    let live = true;
    loadRecordReader().then(
      (r) => live && setReader(() => r),
      () => undefined // tried again when a record is read, which then says what failed
    );
    return () => {
      live = false;
    };
  }, []);
  /** Read a text with the parser, loading it first if it is not there yet. */
  const parse = (source: string, text: string, options?: Parameters<RecordReader>[1]) => {
    if (reader) {
      load(source, reader(text, options));
      return;
    }
    void op
      .run("Reading the record…", async () => (await loadRecordReader())(text, options))
      .then((record) => {
        if (record) load(source, record);
      });
  };

  const readPasted = () => {
    const copied = pastedHtml.current;
    const same = (a: string, b: string) =>
      a.replace(/\r\n/g, "\n").trim() === b.replace(/\r\n/g, "\n").trim();
    // Only while the box holds exactly what was pasted: after an edit, the box's text wins.
    if (copied && same(copied.text, pasted))
      parse("the pasted text", copied.html, { format: "html" });
    else parse("the pasted text", pasted);
  };

  const readFile = async (file: File) => {
    const picked = await op.run(`Reading ${file.name}…`, () => readRecordFile(file));
    // Say the encoding a text file was read in when it is not UTF-8 (Windows-1252, UTF-16).
    if (picked)
      parse(
        picked.encoding ? `${picked.name}, read as ${picked.encoding}` : picked.name,
        picked.text,
        { format: picked.format }
      );
  };

  const changeItem = (key: number, item: ImportItem) =>
    setItems((list) => list.map((e) => (e.key === key ? { ...e, item } : e)));
  const removeItem = (key: number) => {
    setItems((list) => list.filter((e) => e.key !== key));
    setSelected((s) => {
      const next = new Set(s);
      next.delete(key);
      return next;
    });
  };
  const toggleSelected = (key: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const selectAll = (on: boolean) => setSelected(on ? new Set(items.map((e) => e.key)) : new Set());
  const setThemeForSelected = (theme: string | null) =>
    setItems((list) =>
      list.map((e) => (selected.has(e.key) ? { ...e, item: { ...e.item, theme } } : e))
    );

  const editCode = (c: string) => {
    codeEdited.current = true;
    setCode(c);
  };

  const codeOk = validCode(code.trim());
  const canAdd =
    loaded !== null &&
    items.length > 0 &&
    codeOk &&
    items.every((e) => e.item.text.trim() !== "" && e.item.number >= 1);

  const add = async () => {
    if (!loaded || !canAdd) return;
    const draft: ImportDraft = {
      code: code.trim(),
      inspection: loaded.record.inspection,
      items: items.map((e) => e.item),
      themes: loaded.record.themes,
    };
    const n = items.length;
    const r = await op.run(`Adding ${plural(n, "item")} to the tracker…`, () =>
      importDrafts(host, [draft])
    );
    if (!r) return;
    setResult(r);
    const withArea = draft.items.filter(
      (it, k) => it.theme !== null && r.added.includes(refOf(r, k))
    ).length;
    const added = r.added.length;
    op.setFeedback({
      intent: r.changed.length > 0 ? "warning" : "success",
      title:
        added > 0 ? `Added ${added} ${added === 1 ? "item" : "items"}` : "Nothing new was added",
      text:
        r.message +
        (added > 0
          ? ` On the Tracker sheet now: ${refsList(r.added)}${withArea > 0 ? `, ${withArea} with an assurance area in Theme` : ""}. ` +
            "Next, give each an owner and a target date, then run Check."
          : ""),
    });
    // The preview has done its job: clear it, and the box, for the next record.
    loadId.current++;
    setLoaded(null);
    setItems([]);
    setSelected(new Set());
    setCode("");
    setPasted("");
    pastedHtml.current = null;
    pasteBox.current?.focus();
    await refresh();
  };

  /** The ref the k-th item of the draft was given (its code and number). */
  function refOf(r: ImportResult, k: number): string {
    const it = items[k].item;
    return itemRef(r.codes[0], it.kind, it.number);
  }

  return {
    op,
    pasted,
    setPasted,
    onPaste,
    readPasted,
    readFile,
    loaded,
    notARecord,
    items,
    changeItem,
    removeItem,
    selected,
    toggleSelected,
    selectAll,
    setThemeForSelected,
    code,
    editCode,
    codeOk,
    canAdd,
    add,
    result,
    pasteBox,
  };
}
