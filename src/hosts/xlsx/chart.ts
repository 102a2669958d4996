/**
 * Native Excel charts in an .xlsx file (excelts chart support): doughnut with a colour per
 * point, stacked bar/column and line with a colour per series. Node only.
 */
import type { Worksheet } from "@cj-tech-master/excelts";
import { columnLetter } from "../../domain/columns";
import { installChartSupport } from "@cj-tech-master/excelts/chart";
import { sheetRef, type ChartPlan } from "../../workbook/plan";

let installed = false;
/** excelts charts: needed to add charts, and before loading so charts in a file are kept. */
export function ensureChartSupport(): void {
  if (!installed) {
    installChartSupport();
    installed = true;
  }
}
// Installed when the host loads, not only when a chart is added: excelts cannot open (or save)
// a workbook that already holds charts, such as one whose Summary was built before, without it.
ensureChartSupport();

/** 1 point = 12,700 EMU. */
export const EMU_PER_POINT = 12700;

const hex = (c: string) => c.replace(/^#/, "").toUpperCase();

export function addChart(ws: Worksheet, plan: ChartPlan): void {
  ensureChartSupport();
  const { data } = plan;
  const sheet = sheetRef(ws.name);
  const abs = (col: number, r1: number, r2: number) =>
    `${sheet}!$${columnLetter(col)}$${r1 + 1}:$${columnLetter(col)}$${r2 + 1}`;
  const cell = (col: number, row: number) => `${sheet}!$${columnLetter(col)}$${row + 1}`;
  const firstRow = data.row + 1;
  const lastRow = data.row + Math.max(2, data.rows) - 1;
  const categories = abs(data.col, firstRow, lastRow);
  const seriesCols: number[] = [];
  for (let c = data.col + 1; c < data.col + Math.max(2, data.cols); c++) seriesCols.push(c);
  const range = {
    tl: { col: plan.anchor.col, row: plan.anchor.row },
    ext: {
      cx: Math.round(plan.widthPt * EMU_PER_POINT),
      cy: Math.round(plan.heightPt * EMU_PER_POINT),
    },
    editAs: "oneCell" as const,
  };
  const legend = plan.legend === "bottom";
  // Text sizes in hundredths of a point; a font only when the plan names one.
  const text = (size: number, bold = false) => ({
    txPr: { size, bold, ...(plan.fontName ? { fontFamily: plan.fontName } : {}) },
  });
  const common = {
    title: plan.title,
    showLegend: legend,
    ...(legend ? { legendPosition: "b" as const } : {}),
    ...(plan.fontName ? { titleOptions: text(1200, true) } : {}),
    ...(plan.fontName && legend ? { legendOptions: text(900) } : {}),
  };
  const axes = plan.fontName ? { categoryAxis: text(900), valueAxis: text(900) } : {};
  const labels = plan.dataLabels
    ? {
        showVal: true,
        showCatName: false,
        showSerName: false,
        showPercent: false,
        showLegendKey: false,
        ...(plan.labelNumberFormat ? { numFmt: plan.labelNumberFormat, numFmtLinked: false } : {}),
        ...(plan.fontName ? text(900) : {}),
      }
    : undefined;

  if (plan.type === "doughnut") {
    const col = seriesCols[0];
    ws.addDoughnutChart(
      {
        ...common,
        holeSize: 50,
        varyColors: true,
        ...(labels ? { dataLabels: labels } : {}),
        series: [
          {
            name: { formula: cell(col, data.row) },
            categories,
            values: abs(col, firstRow, lastRow),
            dataPoints: plan.colours.map((c, index) => ({ index, fill: hex(c) })),
          },
        ],
      },
      range
    );
    return;
  }
  const series = seriesCols.map((col, i) => {
    const colour = plan.colours[i];
    return {
      name: { formula: cell(col, data.row) },
      categories,
      values: abs(col, firstRow, lastRow),
      ...(colour
        ? plan.type === "line"
          ? { line: hex(colour), lineWidth: 2.25 }
          : { fill: hex(colour) }
        : {}),
    };
  });
  if (plan.type === "line") {
    ws.addLineChart(
      { ...common, ...axes, ...(labels ? { dataLabels: labels } : {}), series } as never,
      range
    );
    return;
  }
  // Bar charts top-down: categories reversed (maxMin), the value axis crossing at the last
  // category, which is then at the bottom.
  const topDown =
    plan.topDown && plan.type === "barStacked"
      ? {
          categoryAxis: { ...(axes.categoryAxis ?? {}), orientation: "maxMin" as const },
          valueAxis: { ...(axes.valueAxis ?? {}), crosses: "max" as const },
        }
      : {};
  const options = {
    ...common,
    grouping: "stacked" as const,
    overlap: 100,
    gapWidth: 60,
    ...axes,
    ...topDown,
    ...(labels ? { dataLabels: labels } : {}),
    series,
  };
  if (plan.type === "barStacked") ws.addBarChart(options, range);
  else ws.addColumnChart(options, range);
}
