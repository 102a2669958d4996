/**
 * The check's findings, grouped by rule and then by row. Each entry is a button that selects the
 * cell in Excel, and looks it: its place reads as a link with an arrow, and the group says that a
 * click goes to the cell. Certain fixes get their own Fix button, a theme, owner or addressee not
 * on the Lists sheet an "Add to Lists" button. Long groups show their first entries and a "Show
 * all" button, so 10,000 rows stay responsive. Text is rendered as text, never HTML.
 */
import * as React from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowRight16Regular } from "@fluentui/react-icons";
import { groupByRule, RULES_BY_ID, type LocatedFinding } from "../../../engine/check";

export const FIRST_ENTRIES = 50;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  heading: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  advice: { color: tokens.colorNeutralForeground3 },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  item: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalXS, minWidth: 0 },
  entry: {
    flexGrow: 1,
    minWidth: 0,
    height: "auto",
    justifyContent: "flex-start",
    textAlign: "left",
    whiteSpace: "normal",
    overflowWrap: "anywhere",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
  },
  entryText: { display: "flex", flexDirection: "column", minWidth: 0 },
  // The place reads as a link: a click goes there.
  where: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXXS,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "underline",
  },
  fix: { flexShrink: 0, marginTop: tokens.spacingVerticalXS },
});

export interface FindingListProps {
  findings: readonly LocatedFinding[];
  busy: boolean;
  onSelect: (f: LocatedFinding) => void;
  onFix: (f: LocatedFinding) => void;
  /** "Add to Lists" (findings with a listFix); without it the button is not shown. */
  onAddToList?: (f: LocatedFinding) => void;
}

/** "Row 5 · WP-2 · Status" (the Inspections sheet is named, the tracker is the default). */
export function whereOf(f: LocatedFinding): string {
  const row = f.table === "inspections" ? `Inspections row ${f.row}` : `Row ${f.row}`;
  return [row, f.ref, f.column].filter(Boolean).join(" · ");
}

const LIST_NAMES = { themes: "themes", owners: "owners", addressees: "addressees" } as const;

export function FindingList({ findings, busy, onSelect, onFix, onAddToList }: FindingListProps) {
  const styles = useStyles();
  const groups = React.useMemo(() => groupByRule(findings), [findings]);
  const [expanded, setExpanded] = React.useState<Set<string>>(new Set());
  const headingId = React.useId();

  return (
    <div className={styles.root}>
      {groups.map((g) => {
        const all = expanded.has(g.rule);
        const shown = all ? g.findings : g.findings.slice(0, FIRST_ENTRIES);
        const id = `${headingId}-${g.rule}`;
        return (
          <section key={g.rule} className={styles.group} aria-labelledby={id}>
            <h3 id={id} className={styles.heading}>
              <Badge appearance="tint" color={g.severity === "error" ? "danger" : "warning"}>
                {g.severity === "error" ? "Error" : "Warning"}
              </Badge>
              <span>
                {g.title} ({g.findings.length})
              </span>
            </h3>
            <Text size={200} className={styles.advice}>
              {RULES_BY_ID[g.rule].advice} Click an entry to go to its cell.
            </Text>
            <ul className={styles.list}>
              {shown.map((f) => (
                <li key={f.id} className={styles.item}>
                  <Button
                    appearance="subtle"
                    className={styles.entry}
                    disabled={!f.cell}
                    title="Select this cell in the workbook"
                    onClick={() => onSelect(f)}
                  >
                    <span className={styles.entryText}>
                      <span className={styles.where}>
                        {whereOf(f)}
                        <ArrowRight16Regular aria-hidden />
                      </span>
                      <span>{f.message}</span>
                    </span>
                  </Button>
                  {f.fix ? (
                    <Button
                      size="small"
                      className={styles.fix}
                      disabled={busy}
                      aria-label={`Fix row ${f.row}: set ${f.column} to ${f.fix.value}`}
                      onClick={() => onFix(f)}
                    >
                      Fix
                    </Button>
                  ) : null}
                  {f.listFix && !f.fix && onAddToList ? (
                    <Button
                      size="small"
                      className={styles.fix}
                      disabled={busy}
                      aria-label={`Add to Lists: '${f.listFix.value}' to the ${LIST_NAMES[f.listFix.list]}`}
                      onClick={() => onAddToList(f)}
                    >
                      Add to Lists
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
            {shown.length < g.findings.length ? (
              <Button
                appearance="transparent"
                size="small"
                onClick={() => setExpanded((s) => new Set(s).add(g.rule))}
              >
                Show all {g.findings.length}
              </Button>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
