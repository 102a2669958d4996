/// <reference types="office-js" />
/**
 * Charts: a native chart over a range, titled, coloured per series or point, placed and sized in
 * points.
 */
import type { ChartPlan } from "../../../workbook/plan";
import type { RunState } from "../state";

const CHART_TYPES: Record<ChartPlan["type"], string> = {
  doughnut: "Doughnut",
  barStacked: "BarStacked",
  columnStacked: "ColumnStacked",
  line: "Line",
};

export function chart(s: RunState, sheet: string, plan: ChartPlan): void {
  const ws = s.context.workbook.worksheets.getItem(sheet);
  const data = ws.getRangeByIndexes(plan.data.row, plan.data.col, plan.data.rows, plan.data.cols);
  const chart = ws.charts.add(
    CHART_TYPES[plan.type] as Excel.ChartType,
    data,
    "Columns" as Excel.ChartSeriesBy
  );
  chart.name = plan.name;
  chart.title.text = plan.title;
  if (plan.legend === "none") chart.legend.visible = false;
  else {
    chart.legend.visible = true;
    chart.legend.position = "Bottom" as Excel.ChartLegendPosition;
  }
  if (plan.dataLabels) {
    chart.dataLabels.showValue = true;
    // ExcelApi 1.8; "0;;;" hides the labels of zero values.
    if (plan.labelNumberFormat) chart.dataLabels.numberFormat = plan.labelNumberFormat;
  }
  // One font for the whole chart (title, legend, labels, axes), as the sheet's.
  if (plan.fontName) chart.format.font.name = plan.fontName;
  if (plan.type === "doughnut") {
    const series = chart.series.getItemAt(0);
    plan.colours
      .slice(0, Math.max(plan.data.rows - 1, 0))
      .forEach((c, i) => series.points.getItemAt(i).format.fill.setSolidColor(c));
  } else {
    plan.colours
      .slice(0, Math.max(plan.data.cols - 1, 0))
      .forEach((c, i) => chart.series.getItemAt(i).format.fill.setSolidColor(c));
  }
  if (plan.topDown) {
    // Categories from the top in the table's order (ExcelApi 1.7), the value axis crossing at
    // the last category, which is then at the bottom (ExcelApi 1.8).
    chart.axes.categoryAxis.reversePlotOrder = true;
    chart.axes.categoryAxis.position = "Maximum" as Excel.ChartAxisPosition;
  }
  chart.setPosition(ws.getRangeByIndexes(plan.anchor.row, plan.anchor.col, 1, 1));
  chart.width = plan.widthPt;
  chart.height = plan.heightPt;
}
