/**
 * Reading what LibreOffice parsed out of a flat ODF spreadsheet (fodsOf in ./libreoffice):
 * database ranges (Excel tables), content validations, conditional formats with their colours,
 * and charts (class, stacking, series and point colours). Regex-based: enough for assertions.
 */

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`${name.replace(/[:.]/g, (c) => "\\" + c)}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]) : null;
};

export function decodeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export interface DatabaseRange {
  name: string;
  /** e.g. "Tracker.A1:Tracker.O2" */
  range: string;
}

export function databaseRanges(xml: string): DatabaseRange[] {
  return [...xml.matchAll(/<table:database-range [^>]*>/g)].map((m) => ({
    name: attr(m[0], "table:name") ?? "",
    range: attr(m[0], "table:target-range-address") ?? "",
  }));
}

export interface ContentValidation {
  name: string;
  /** e.g. of:cell-content-is-in-list([$Lists.$A$2:.$A$6]) */
  condition: string;
  baseCell: string;
  allowEmpty: boolean;
}

export function contentValidations(xml: string): ContentValidation[] {
  return [...xml.matchAll(/<table:content-validation [^>]*>/g)].map((m) => ({
    name: attr(m[0], "table:name") ?? "",
    condition: attr(m[0], "table:condition") ?? "",
    baseCell: attr(m[0], "table:base-cell-address") ?? "",
    allowEmpty: attr(m[0], "table:allow-empty-cell") === "true",
  }));
}

/** Cell styles by display name (and name): background and text colour. */
function cellStyles(xml: string): Map<string, { fill: string | null; font: string | null }> {
  const out = new Map<string, { fill: string | null; font: string | null }>();
  for (const m of xml.matchAll(/<style:style ([^>]*)>([\s\S]*?)<\/style:style>/g)) {
    const head = m[1];
    const body = m[2];
    const fill = /fo:background-color="([^"]*)"/.exec(body)?.[1] ?? null;
    const font = /fo:color="([^"]*)"/.exec(body)?.[1] ?? null;
    const entry = {
      fill: fill ? fill.toUpperCase() : null,
      font: font ? font.toUpperCase() : null,
    };
    const name = attr(head, "style:name");
    const display = attr(head, "style:display-name");
    if (name) out.set(name, entry);
    if (display) out.set(display, entry);
  }
  return out;
}

export interface Condition {
  range: string;
  /** e.g. ="Red" or a formula */
  value: string;
  fill: string | null;
  font: string | null;
}

export function conditionalFormats(xml: string): Condition[] {
  const styles = cellStyles(xml);
  const out: Condition[] = [];
  for (const m of xml.matchAll(
    /<calcext:conditional-format ([^>]*)>([\s\S]*?)<\/calcext:conditional-format>/g
  )) {
    const range = attr(m[1], "calcext:target-range-address") ?? "";
    for (const c of m[2].matchAll(/<calcext:condition [^>]*>/g)) {
      const style = styles.get(attr(c[0], "calcext:apply-style-name") ?? "") ?? {
        fill: null,
        font: null,
      };
      out.push({ range, value: attr(c[0], "calcext:value") ?? "", ...style });
    }
  }
  return out;
}

export interface ChartInfo {
  /** chart:ring, chart:bar, chart:line, ... */
  kind: string;
  stacked: boolean;
  /** LibreOffice's "vertical" means horizontal bars (Excel's bar chart). */
  horizontal: boolean;
  title: string;
  seriesColours: (string | null)[];
  pointColours: (string | null)[][];
  widthCm: number;
  heightCm: number;
}

/** Every chart object embedded in the document. */
export function charts(xml: string): ChartInfo[] {
  const out: ChartInfo[] = [];
  for (const m of xml.matchAll(/<draw:object[\s\S]*?<\/draw:object>/g)) {
    const obj = m[0];
    const styles = new Map<
      string,
      { fill: string | null; stroke: string | null; stacked: boolean; vertical: boolean }
    >();
    for (const s of obj.matchAll(
      /<style:style style:name="([^"]*)"[^>]*>([\s\S]*?)<\/style:style>/g
    )) {
      const fill = /draw:fill-color="([^"]*)"/.exec(s[2])?.[1] ?? null;
      const stroke = /svg:stroke-color="([^"]*)"/.exec(s[2])?.[1] ?? null;
      styles.set(s[1], {
        fill: fill ? fill.toUpperCase() : null,
        stroke: stroke ? stroke.toUpperCase() : null,
        stacked: /chart:stacked="true"/.test(s[2]),
        vertical: /chart:vertical="true"/.test(s[2]),
      });
    }
    const chartTag = /<chart:chart [^>]*>/.exec(obj)?.[0] ?? "";
    const plotTag = /<chart:plot-area [^>]*>/.exec(obj)?.[0] ?? "";
    const plot = styles.get(attr(plotTag, "chart:style-name") ?? "");
    const title =
      /<chart:title[^>]*>[\s\S]*?<text:p[^>]*>([\s\S]*?)<\/text:p>/.exec(obj)?.[1] ?? "";
    const seriesColours: (string | null)[] = [];
    const pointColours: (string | null)[][] = [];
    for (const s of obj.matchAll(/<chart:series ([^>]*)>([\s\S]*?)<\/chart:series>/g)) {
      const st = styles.get(attr(s[1], "chart:style-name") ?? "");
      seriesColours.push(
        st ? (attr(chartTag, "chart:class") === "chart:line" ? st.stroke : st.fill) : null
      );
      const points: (string | null)[] = [];
      for (const p of s[2].matchAll(/<chart:data-point [^>]*>/g)) {
        const ps = styles.get(attr(p[0], "chart:style-name") ?? "");
        const repeat = Number(attr(p[0], "chart:repeated") ?? "1");
        for (let i = 0; i < repeat; i++) points.push(ps ? ps.fill : null);
      }
      pointColours.push(points);
    }
    out.push({
      kind: attr(chartTag, "chart:class") ?? "",
      stacked: plot?.stacked ?? false,
      horizontal: plot?.vertical ?? false,
      title: decodeXml(title.replace(/<[^>]+>/g, "")),
      seriesColours,
      pointColours,
      widthCm: parseFloat(attr(chartTag, "svg:width") ?? "0"),
      heightCm: parseFloat(attr(chartTag, "svg:height") ?? "0"),
    });
  }
  return out;
}

/** The <table:table> element of one sheet. */
export function sheetXml(xml: string, sheet: string): string | null {
  for (const m of xml.matchAll(/<table:table ([^>]*)>([\s\S]*?)<\/table:table>/g)) {
    if (attr(m[1], "table:name") === sheet) return m[2];
  }
  return null;
}

/**
 * The opening tag of one cell (0-based row and column) of a sheet, expanding LibreOffice's
 * repeated rows and columns; null when the sheet or cell is not there.
 */
export function cellTag(xml: string, sheet: string, row: number, col: number): string | null {
  const body = sheetXml(xml, sheet);
  if (body === null) return null;
  let r = 0;
  for (const m of body.matchAll(/<table:table-row( [^>]*)?(\/>|>([\s\S]*?)<\/table:table-row>)/g)) {
    const repeat = Number(attr(m[1] ?? "", "table:number-rows-repeated") ?? "1");
    if (row >= r && row < r + repeat) {
      let c = 0;
      for (const cm of (m[3] ?? "").matchAll(/<table:(?:covered-)?table-cell(?: [^>]*)?\/?>/g)) {
        const span = Number(attr(cm[0], "table:number-columns-repeated") ?? "1");
        if (col >= c && col < c + span) return cm[0];
        c += span;
      }
      return null;
    }
    r += repeat;
  }
  return null;
}

/** The content validation applied to one cell (0-based), or null. */
export function validationAt(
  xml: string,
  sheet: string,
  row: number,
  col: number
): ContentValidation | null {
  const tag = cellTag(xml, sheet, row, col);
  const name = tag ? attr(tag, "table:content-validation-name") : null;
  return name ? (contentValidations(xml).find((v) => v.name === name) ?? null) : null;
}
