/**
 * The column mapping as editable dropdowns: one per source column, each offering every tracker
 * column or "keep as its own column". Labelled, keyboard reachable, fits 320 px.
 */
import { Caption1, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { TRACKER_COLUMNS } from "../../../domain/columns";
import { trackerHeaderOf, type SourceColumn } from "../../../engine/adopt";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  select: { minWidth: 0, maxWidth: "100%" },
});

export const KEEP = "";

export interface MappingEditorProps {
  columns: SourceColumn[];
  onChange: (header: string, tracker: string | null) => void;
  disabled?: boolean;
}

function describe(col: SourceColumn): string {
  if (col.reason === "your choice") return "Your choice";
  if (!col.mappedTo)
    return col.extraHeader ? `Kept as the column '${col.extraHeader}'` : "Kept as its own column";
  return `Suggested, ${Math.round(col.confidence * 100)}% sure: ${col.reason}`;
}

export function MappingEditor({ columns, onChange, disabled }: MappingEditorProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      {columns.map((col) => (
        <Field
          key={col.index}
          label={`Column ${col.letter}: ${col.header}`}
          hint={<Caption1>{describe(col)}</Caption1>}
        >
          <Select
            className={styles.select}
            value={col.mappedTo ? trackerHeaderOf(col.mappedTo) : KEEP}
            disabled={disabled}
            onChange={(_, data) => onChange(col.header, data.value === KEEP ? null : data.value)}
          >
            <option value={KEEP}>Keep as its own column</option>
            {TRACKER_COLUMNS.map((c) => (
              <option key={c.key} value={c.header}>
                {c.header}
              </option>
            ))}
          </Select>
        </Field>
      ))}
    </div>
  );
}
