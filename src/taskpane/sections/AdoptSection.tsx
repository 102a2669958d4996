/**
 * "Adopt an existing sheet": read the sheet the analyst keeps, show the detected header row,
 * the mapping (editable), the counts and a preview; "Adopt" writes the tracker and the Adoption
 * report in one read and one apply, then offers to open the report.
 */
import * as React from "react";
import { Button, Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import {
  adoptSheet,
  analyseSheet,
  openAdoptionReport,
  previewAdoption,
  trackerKeyOf,
  type AdoptionPreview,
  type AdoptResult,
  type MappingOverride,
  type PreviewResult,
} from "../../engine/adopt";
import { useTracker } from "../context";
import { messageOf, useOperation } from "../useOperation";
import { OperationFeedback } from "../components/OperationFeedback";
import { MappingEditor } from "./adopt/MappingEditor";
import { AdoptPreview } from "./adopt/AdoptPreview";
import { calendarDateOf, toExcelSerial } from "../../domain/dates";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export function AdoptSection() {
  const styles = useStyles();
  const { host, state, refresh, today } = useTracker();
  const op = useOperation();
  const [read, setRead] = React.useState<PreviewResult | null>(null);
  const [mapping, setMapping] = React.useState<MappingOverride>({});
  const [result, setResult] = React.useState<AdoptResult | null>(null);

  // Re-analyse with the analyst's mapping without reading the workbook again.
  const analysed = React.useMemo((): { preview: AdoptionPreview | null; error: string | null } => {
    if (!read) return { preview: null, error: null };
    if (Object.keys(mapping).length === 0) return { preview: read.preview, error: null };
    try {
      return {
        preview: analyseSheet(read.grid, {
          mapping,
          vocabulary: read.vocabulary.map((name) => ({ name })),
        }),
        error: null,
      };
    } catch (e) {
      return { preview: null, error: messageOf(e) };
    }
  }, [read, mapping]);

  // A tracker that was set up and is still empty can be filled from the sheet the office keeps.
  if (state?.kind === "ready" && state.rows > 0 && !result) {
    return (
      <Text>
        This workbook already has a tracker with rows. Adopt turns a sheet you already keep into a
        tracker, in a workbook without one (or whose tracker is still empty).
      </Text>
    );
  }

  // The active sheet, unless it is one of the add-in's own (just set up, say) and another sheet
  // looks like the tracker the office keeps: then that one.
  const adoptable = state?.adoptable ?? null;
  const toRead =
    adoptable && (state?.activeIsOurs || !state?.activeSheet)
      ? adoptable.sheet
      : (state?.activeSheet ?? null);

  const onRead = async () => {
    setResult(null);
    const r = await op.run("Reading the sheet…", () =>
      previewAdoption(host, toRead && toRead === adoptable?.sheet ? { sheet: toRead } : {})
    );
    if (r) {
      setRead(r);
      setMapping({});
      op.setFeedback(null);
    }
  };

  const onAdopt = async () => {
    if (!read || !analysed.preview) return;
    const r = await op.run("Adopting the sheet…", () =>
      adoptSheet(host, {
        sheet: read.grid.name,
        mapping: Object.keys(mapping).length ? mapping : undefined,
        today: toExcelSerial(calendarDateOf(today())),
      })
    );
    if (r) {
      setResult(r);
      op.setFeedback({
        intent: r.changed ? "success" : "info",
        title: r.changed ? "Adopted" : "Nothing to do",
        text: r.message,
      });
      await refresh();
    }
  };

  const onOpenReport = async () => {
    await op.run("Opening the Adoption report…", () =>
      openAdoptionReport(host, result?.reportSheet)
    );
  };

  const activeIsOurs = state?.activeIsOurs ?? false;
  const preview = analysed.preview;

  return (
    <div className={styles.root}>
      {result ? null : (
        <>
          <Text>
            Turn the tracker you already keep into this add-in&apos;s tracker. Your sheet is left
            exactly as it is; every value ends up in the tracker or in an Adoption report.
          </Text>
          {adoptable && !read ? (
            <Caption1>
              {`'${adoptable.sheet}' looks like a tracker: its headings ${adoptable.headings.join(", ")} are ones Adopt knows. Read it to see what adopting would do; nothing changes until you choose Adopt.`}
            </Caption1>
          ) : null}
          {activeIsOurs && toRead !== adoptable?.sheet ? (
            <Caption1>
              The active sheet is one of the add-in&apos;s own. Select the sheet you keep your
              recommendations on, then read it.
            </Caption1>
          ) : null}
          <div className={styles.actions}>
            <Button appearance={read ? "secondary" : "primary"} onClick={onRead} disabled={op.busy}>
              {read
                ? "Read the sheet again"
                : toRead
                  ? `Read '${toRead}'`
                  : "Read the active sheet"}
            </Button>
          </div>
        </>
      )}

      {read && !result ? (
        <>
          <Text weight="semibold">
            Sheet &apos;{read.grid.name}&apos;: header row{" "}
            {analysed.preview?.headerRow ?? read.preview.headerRow}
            {read.preview.headerRecognised ? "" : " (guessed: check the mapping)"}
          </Text>
          <MappingEditor
            columns={
              preview
                ? preview.columns
                : read.preview.columns.map((c) =>
                    mapping[c.header] === undefined
                      ? c
                      : {
                          ...c,
                          mappedTo: mapping[c.header] ? trackerKeyOf(mapping[c.header]!) : null,
                          reason: "your choice",
                        }
                  )
            }
            disabled={op.busy}
            onChange={(header, tracker) => setMapping((m) => ({ ...m, [header]: tracker }))}
          />
          {analysed.error ? <Text role="alert">{analysed.error}</Text> : null}
          {preview ? <AdoptPreview preview={preview} /> : null}
          {read.hasTracker ? (
            <Caption1>This workbook already has a tracker, so adopting will be refused.</Caption1>
          ) : null}
          <div className={styles.actions}>
            <Button
              appearance="primary"
              onClick={onAdopt}
              disabled={op.busy || !preview || read.hasTracker}
            >
              Adopt{" "}
              {preview
                ? `${preview.counts.rows} ${preview.counts.rows === 1 ? "row" : "rows"}`
                : ""}
            </Button>
          </div>
        </>
      ) : null}

      {result?.preview ? <AdoptPreview preview={result.preview} done /> : null}
      {result?.preview && result.preview.counts.flagged > 0 ? (
        <Text>
          The Adoption report lists every change and finding. Check the tracker (below) to go
          through the flagged rows in the tracker itself.
        </Text>
      ) : null}
      {result ? (
        <div className={styles.actions}>
          <Button appearance="primary" onClick={onOpenReport} disabled={op.busy}>
            Open the Adoption report
          </Button>
        </div>
      ) : null}
      <OperationFeedback op={op} />
    </div>
  );
}
