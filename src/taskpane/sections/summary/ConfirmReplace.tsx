/**
 * Asks before a position already recorded for the day is replaced.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { SHEETS } from "../../../domain/columns";

export interface ConfirmReplaceProps {
  open: boolean;
  /** The date as dd/mm/yyyy. */
  day: string;
  existing: number;
  onReplace: () => void;
  onCancel: () => void;
}

export function ConfirmReplace({ open, day, existing, onReplace, onCancel }: ConfirmReplaceProps) {
  return (
    <Dialog
      open={open}
      modalType="alert"
      onOpenChange={(_, d) => (d.open ? undefined : onCancel())}
    >
      <DialogSurface aria-describedby="replace-position-text">
        <DialogBody>
          <DialogTitle>Replace the position for {day}?</DialogTitle>
          <DialogContent id="replace-position-text">
            A position for {day} is already recorded ({existing} {existing === 1 ? "row" : "rows"}{" "}
            on the {SHEETS.history} sheet). Replacing it records the tracker as it stands now
            instead. Earlier positions are not touched.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onReplace}>
              Replace
            </Button>
            <Button appearance="secondary" onClick={onCancel}>
              Keep the recorded position
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
