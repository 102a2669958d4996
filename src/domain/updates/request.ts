/**
 * Asking for updates: which owners get a workbook and which of their rows go in it. An owner
 * gets one when they own open items (a status that does not close the item, including none or
 * one that is not valid: unknown is not closed). Rows that could not be matched when they come
 * back (no Ref, or a Ref on two rows) are left out and said so. Pure.
 */
import { formatIso, type CalendarDate } from "../dates";
import { textOf, type TrackerRow } from "../model";
import { isClosedStatus, normaliseStatus, type StatusDef } from "../status";
import { rowFingerprint, type SentValues } from "./fingerprint";
import { SENT_KEYS } from "./layout";
import { foldText, plural } from "../text";

export interface RequestItem {
  /** 1-based sheet row of the tracker row (for messages). */
  sheetRow: number;
  /** 0-based index in the tracker table's body. */
  index: number;
  ref: string;
  /** The sent columns as the tracker held them. */
  sent: SentValues;
  fingerprint: string;
}

export interface OwnerRequest {
  /** The owner as the tracker first spells them. */
  owner: string;
  /** A file name for the owner's workbook, unique (ignoring case) within the request. */
  fileName: string;
  items: RequestItem[];
}

export interface SkippedOwner {
  /** null for open items that have no owner. */
  owner: string | null;
  reason: string;
}

export interface RequestSelection {
  requests: OwnerRequest[];
  skipped: SkippedOwner[];
}

export interface SelectOptions {
  /** Only these owners (any case and spacing); all owners with open items when absent. */
  owners?: readonly string[];
  /** The day of the request (it names the files). */
  date: CalendarDate;
  vocabulary?: readonly StatusDef[];
}

/** An owner's name as grouped: spaces collapsed, trimmed, any case. */
export function ownerKey(name: string): string {
  return foldText(name);
}

/** Whether a row is still open (its status does not close it; blank or invalid is open). */
export function isOpenRow(row: TrackerRow, vocabulary?: readonly StatusDef[]): boolean {
  const result = normaliseStatus(row.values.status, vocabulary);
  return !(result.status && isClosedStatus(result.status, vocabulary));
}

function rowsText(rows: number[]): string {
  const shown = rows.slice(0, 8).join(", ");
  return rows.length > 8 ? `${shown} and ${rows.length - 8} more` : shown;
}

/** A file name for an owner's workbook that every file system accepts. */
export function ownerFileName(owner: string, date: CalendarDate): string {
  const clean = owner
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 60)
    .trim();
  return `Updates - ${clean || "owner"} - ${formatIso(date)}.xlsx`;
}

function sentOf(row: TrackerRow): SentValues {
  const sent: SentValues = {};
  for (const k of SENT_KEYS) sent[k] = row.values[k] ?? null;
  return sent;
}

/** Choose the owners to ask and their rows. */
export function selectRequests(
  rows: readonly TrackerRow[],
  options: SelectOptions
): RequestSelection {
  const vocabulary = options.vocabulary;
  const skipped: SkippedOwner[] = [];

  // Refs that cannot be matched back: blank, or on more than one row.
  const refCount = new Map<string, number>();
  for (const r of rows) {
    const ref = textOf(r.values.ref);
    if (ref) refCount.set(ref.toLowerCase(), (refCount.get(ref.toLowerCase()) ?? 0) + 1);
  }

  interface Group {
    owner: string;
    open: TrackerRow[];
    closed: number;
  }
  const groups = new Map<string, Group>();
  const unowned: number[] = [];
  for (const r of rows) {
    const owner = textOf(r.values.owner).replace(/\s+/g, " ");
    const open = isOpenRow(r, vocabulary);
    if (!owner) {
      if (open && !rowIsBlank(r)) unowned.push(r.sheetRow);
      continue;
    }
    const key = ownerKey(owner);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { owner, open: [], closed: 0 }));
    if (open) g.open.push(r);
    else g.closed++;
  }

  let wanted: Group[];
  if (options.owners && options.owners.length > 0) {
    wanted = [];
    const seen = new Set<string>();
    for (const name of options.owners) {
      const key = ownerKey(name);
      if (key === "" || seen.has(key)) continue;
      seen.add(key);
      const g = groups.get(key);
      if (!g) {
        skipped.push({ owner: name.trim(), reason: "no item in the tracker has this owner" });
        continue;
      }
      wanted.push(g);
    }
  } else {
    wanted = [...groups.values()].sort((a, b) =>
      a.owner.localeCompare(b.owner, "en-GB", { sensitivity: "base" })
    );
    if (unowned.length > 0) {
      skipped.push({
        owner: null,
        reason: `${plural(unowned.length, "open item")} ${unowned.length === 1 ? "has" : "have"} no owner (tracker ${unowned.length === 1 ? "row" : "rows"} ${rowsText(unowned)})`,
      });
    }
  }

  const requests: OwnerRequest[] = [];
  const names = new Set<string>();
  for (const g of wanted) {
    if (g.open.length === 0) {
      skipped.push({
        owner: g.owner,
        reason: `no open items (${plural(g.closed, "closed item")})`,
      });
      continue;
    }
    const items: RequestItem[] = [];
    const noRef: number[] = [];
    const dupRef: number[] = [];
    for (const r of g.open) {
      const ref = textOf(r.values.ref);
      if (!ref) {
        noRef.push(r.sheetRow);
        continue;
      }
      if ((refCount.get(ref.toLowerCase()) ?? 0) > 1) {
        dupRef.push(r.sheetRow);
        continue;
      }
      const sent = sentOf(r);
      items.push({
        sheetRow: r.sheetRow,
        index: r.index,
        ref,
        sent,
        fingerprint: rowFingerprint(sent),
      });
    }
    if (noRef.length > 0) {
      skipped.push({
        owner: g.owner,
        reason: `${plural(noRef.length, "open item")} left out: no Ref, so a reply could not be matched to ${noRef.length === 1 ? "it" : "them"} (tracker ${noRef.length === 1 ? "row" : "rows"} ${rowsText(noRef)}); give ${noRef.length === 1 ? "it a Ref" : "them Refs"} and ask again`,
      });
    }
    if (dupRef.length > 0) {
      skipped.push({
        owner: g.owner,
        reason: `${plural(dupRef.length, "open item")} left out: ${dupRef.length === 1 ? "its Ref is" : "their Refs are"} on more than one tracker row (${dupRef.length === 1 ? "row" : "rows"} ${rowsText(dupRef)}); make each Ref unique and ask again`,
      });
    }
    if (items.length === 0) continue;
    let fileName = ownerFileName(g.owner, options.date);
    for (let n = 2; names.has(fileName.toLowerCase()); n++) {
      fileName = ownerFileName(`${g.owner} (${n})`, options.date);
    }
    names.add(fileName.toLowerCase());
    requests.push({ owner: g.owner, fileName, items });
  }
  return { requests, skipped };
}

function rowIsBlank(r: TrackerRow): boolean {
  return Object.values(r.values).every((v) => textOf(v) === "");
}
