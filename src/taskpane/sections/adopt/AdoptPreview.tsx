/**
 * What adopting will do: the counts, the first rows as they will be adopted, the skipped rows
 * and the findings. Text only (never HTML), wraps at 320 px.
 */
import { Badge, Body1Strong, Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { AdoptionPreview } from "../../../engine/adopt";
import { formatUk, fromExcelSerial } from "../../../domain/dates";
import { shorten } from "../../../domain/text";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  counts: {
    display: "grid",
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  count: {
    display: "flex",
    flexDirection: "column",
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  figure: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: { overflowWrap: "anywhere" },
});

const PREVIEW_ROWS = 5;
const LIST_MAX = 8;

function dateText(v: unknown): string {
  if (typeof v === "number") return formatUk(fromExcelSerial(v));
  return v === null || v === undefined ? "" : String(v);
}

/**
 * What the skipped-rows list leaves out (rows past the first LIST_MAX, and blank rows, which
 * are not listed one by one), so the list adds up to the Skipped count.
 */
function moreSkipped(listed: number, blanks: number, done: boolean) {
  const parts: string[] = [];
  if (listed > LIST_MAX) parts.push(`…and ${listed - LIST_MAX} more`);
  if (blanks > 0) parts.push(`${blanks} blank ${blanks === 1 ? "row" : "rows"}`);
  if (parts.length === 0) return null;
  const where = done
    ? "all listed in the Adoption report"
    : "all to be listed in the Adoption report";
  const what = listed > LIST_MAX ? parts.join(", and ") : `Also skipped: ${parts[0]}`;
  return (
    <Caption1>
      {what}; {where}.
    </Caption1>
  );
}

export function AdoptPreview({
  preview,
  done = false,
}: {
  preview: AdoptionPreview;
  done?: boolean;
}) {
  const styles = useStyles();
  const c = preview.counts;
  const figures: [string, number][] = [
    [done ? "Rows adopted" : "Rows to adopt", c.rows],
    ["Skipped", c.skipped],
    ["Changed", c.changed],
    ["Flagged", c.flagged],
  ];
  const skipped = preview.skipped.filter((s) => s.kind !== "blank");
  const blanks = preview.skipped.length - skipped.length;
  return (
    <div className={styles.root}>
      <div
        className={styles.counts}
        role="list"
        aria-label={done ? "What adopting did" : "What adopting will do"}
      >
        {figures.map(([label, n]) => (
          <div key={label} className={styles.count} role="listitem">
            <span className={styles.figure}>{n}</span>
            <Caption1>{label}</Caption1>
          </div>
        ))}
      </div>

      <Body1Strong as="h3">
        {done ? "First rows adopted" : "First rows as they will be adopted"}
      </Body1Strong>
      <ul className={styles.list} aria-label="Preview of adopted rows">
        {preview.rows.slice(0, PREVIEW_ROWS).map((r) => (
          <li key={r.sourceRow} className={styles.item}>
            <Text>
              Row {r.sourceRow}: {String(r.values.ref ?? "(no ref)")}
              {r.values.inspection ? `, ${shorten(String(r.values.inspection), 40)}` : ""}
              {" · "}
              {r.status ?? (r.statusAsWritten ? `'${r.statusAsWritten}' (flagged)` : "no status")}
              {r.values.targetDate !== null ? ` · ${dateText(r.values.targetDate)}` : ""}
            </Text>
            <br />
            <Caption1>
              {shorten(String(r.values.recommendation ?? "(no recommendation text)"), 120)}
            </Caption1>
          </li>
        ))}
      </ul>
      {preview.rows.length > PREVIEW_ROWS ? (
        <Caption1>…and {preview.rows.length - PREVIEW_ROWS} more rows.</Caption1>
      ) : null}

      {skipped.length > 0 ? (
        <>
          <Body1Strong as="h3">Skipped rows</Body1Strong>
          <ul className={styles.list} aria-label="Skipped rows">
            {skipped.slice(0, LIST_MAX).map((s) => (
              <li key={s.sourceRow} className={styles.item}>
                <Text>
                  Row {s.sourceRow}: {s.reason}
                </Text>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {moreSkipped(skipped.length, blanks, done)}

      {preview.findings.length > 0 ? (
        <>
          <Body1Strong as="h3">To check after adopting</Body1Strong>
          <ul className={styles.list} aria-label="Findings">
            {preview.findings.slice(0, LIST_MAX).map((f, k) => (
              <li key={k} className={styles.item}>
                <Badge
                  size="small"
                  appearance="tint"
                  color={f.severity === "error" ? "danger" : "warning"}
                >
                  {f.severity === "error" ? "Error" : "Warning"}
                </Badge>{" "}
                <Text>
                  Row {f.sourceRow}: {f.message}
                </Text>
              </li>
            ))}
          </ul>
          {preview.findings.length > LIST_MAX ? (
            <Caption1>
              …and {preview.findings.length - LIST_MAX} more,{" "}
              {done
                ? "all listed in the Adoption report."
                : "all to be listed in the Adoption report."}
            </Caption1>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
