/**
 * Small static SVG charts for the generated report: they render offline wherever the
 * markdown is read (GitHub, VS Code, any browser), without JavaScript or Plotly.
 */

/** One bar: mean with an error bar of ± std, and an optional reference marker (paper 1). */
export interface SvgBar {
  label: string;
  mean: number;
  std?: number;
  reference?: number;
}

/** One line of a line chart; NaN values leave a gap. */
export interface SvgSeries {
  name: string;
  values: number[];
  /** A shaded band around the line (e.g. mean ± std over seeds), same length as values. */
  band?: { low: number[]; high: number[] };
}

const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#7f7f7f'];
const width = 860;
const height = 380;
const margin = { left: 64, right: 250, top: 40, bottom: 70 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A span at rounding noise (a flat curve: 0.8 and 0.8000000000000003) is a flat range. */
function isFlatRange(low: number, high: number): boolean {
  return high - low <= 1e-9 * Math.max(1, Math.abs(low), Math.abs(high));
}

function niceTicks(low: number, high: number, count = 5): number[] {
  if (!Number.isFinite(low) || !Number.isFinite(high) || high < low) return [];
  // On a flat range a step of 1e-17 would never move past 0.8.
  const span = isFlatRange(low, high) ? 1 : high - low;
  const rough = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + step * 1e-9; tick += step)
    ticks.push(Number(tick.toFixed(10)));
  return ticks;
}

function frame(
  title: string,
  yLabel: string,
  xLabel: string,
  body: string[],
  low: number,
  high: number,
  y: (value: number) => number,
): string {
  const plotRight = width - margin.right;
  const grid = niceTicks(low, high).map(
    (tick) =>
      `<line x1="${margin.left}" x2="${plotRight}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#e5e5e5"/>` +
      `<text x="${margin.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11">${tick}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
    ...grid,
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#333"/>`,
    `<line x1="${margin.left}" x2="${plotRight}" y1="${height - margin.bottom}" y2="${height - margin.bottom}" stroke="#333"/>`,
    `<text transform="translate(16 ${(margin.top + height - margin.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(yLabel)}</text>`,
    `<text x="${(margin.left + plotRight) / 2}" y="${height - 12}" text-anchor="middle" font-size="12">${escapeXml(xLabel)}</text>`,
    ...body,
    '</svg>',
  ].join('\n');
}

function valueRange(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  // A flat line: pad by 5 % of its value, not by 10 % of the rounding noise.
  const pad = isFlatRange(low, high) ? Math.abs(high) * 0.05 || 0.05 : (high - low) * 0.1;
  low -= pad;
  high += pad;
  return [low, high];
}

/** A bar chart of means with ± std error bars and optional reference ticks (e.g. paper 1's figure). */
export function barChartSvg(
  title: string,
  bars: SvgBar[],
  options: { yLabel?: string; referenceName?: string } = {},
): string {
  if (bars.length === 0) throw new Error('barChartSvg: no bars');
  const extremes = bars.flatMap((bar) => [
    bar.mean - (bar.std ?? 0),
    bar.mean + (bar.std ?? 0),
    bar.reference ?? Number.NaN,
  ]);
  // Bars start at zero, so their lengths compare honestly.
  const low = Math.min(0, ...extremes.filter(Number.isFinite));
  const high = valueRange(extremes)[1];
  const plotBottom = height - margin.bottom;
  const y = (value: number) => margin.top + ((high - value) / (high - low)) * (plotBottom - margin.top);
  const slot = (width - margin.right - margin.left) / bars.length;
  const body: string[] = [];
  bars.forEach((bar, index) => {
    const center = margin.left + slot * (index + 0.5);
    const barWidth = Math.min(60, slot * 0.6);
    const top = y(bar.mean);
    body.push(
      `<rect x="${(center - barWidth / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${Math.max(0, plotBottom - top).toFixed(1)}" fill="${palette[index % palette.length]}" opacity="0.85"/>`,
    );
    if (bar.std && bar.std > 0) {
      const [upper, lower] = [y(bar.mean + bar.std), y(bar.mean - bar.std)];
      body.push(
        `<path d="M${center} ${upper.toFixed(1)}V${lower.toFixed(1)}M${center - 6} ${upper.toFixed(1)}h12M${center - 6} ${lower.toFixed(1)}h12" stroke="#111" fill="none"/>`,
      );
    }
    if (bar.reference !== undefined) {
      body.push(
        `<path d="M${(center - barWidth / 2 - 4).toFixed(1)} ${y(bar.reference).toFixed(1)}h${(barWidth + 8).toFixed(1)}" stroke="#000" stroke-width="2.5" stroke-dasharray="5 3"/>`,
      );
    }
    body.push(
      `<text x="${center.toFixed(1)}" y="${plotBottom + 16}" text-anchor="middle" font-size="11">${escapeXml(bar.label)}</text>`,
    );
    body.push(
      `<text x="${center.toFixed(1)}" y="${(y(bar.mean + (bar.std ?? 0)) - 5).toFixed(1)}" text-anchor="middle" font-size="10">${bar.mean.toFixed(3)}</text>`,
    );
  });
  const legendX = width - margin.right + 16;
  body.push(`<text x="${legendX}" y="${margin.top + 10}" font-size="11">bar: mean, whisker: ± std</text>`);
  if (bars.some((bar) => bar.reference !== undefined)) {
    body.push(
      `<path d="M${legendX} ${margin.top + 26}h24" stroke="#000" stroke-width="2.5" stroke-dasharray="5 3"/><text x="${legendX + 30}" y="${margin.top + 30}" font-size="11">${escapeXml(options.referenceName ?? 'reference')}</text>`,
    );
  }
  return frame(title, options.yLabel ?? '', '', body, low, high, y);
}

/** A line chart of per-epoch series (x = 1, 2, ...). */
export function lineChartSvg(
  title: string,
  series: SvgSeries[],
  options: { yLabel?: string; xLabel?: string; reference?: { value: number; name: string } } = {},
): string {
  if (series.length === 0) throw new Error('lineChartSvg: no series');
  const [low, high] = valueRange([
    ...series.flatMap((line) => [...line.values, ...(line.band ? [...line.band.low, ...line.band.high] : [])]),
    options.reference?.value ?? Number.NaN,
  ]);
  const longest = Math.max(2, ...series.map((line) => line.values.length));
  const plotBottom = height - margin.bottom;
  const plotRight = width - margin.right;
  const x = (epoch: number) => margin.left + ((epoch - 1) / (longest - 1)) * (plotRight - margin.left);
  const y = (value: number) => margin.top + ((high - value) / (high - low)) * (plotBottom - margin.top);
  const body: string[] = [];
  for (const tick of niceTicks(1, longest).filter((value) => Number.isInteger(value) && value >= 1)) {
    body.push(
      `<text x="${x(tick).toFixed(1)}" y="${plotBottom + 16}" text-anchor="middle" font-size="11">${tick}</text>`,
    );
  }
  series.forEach((line, index) => {
    const color = palette[index % palette.length];
    if (line.band) {
      const points = line.band.high
        .map((value, position) => [position, value, line.band!.low[position]] as const)
        .filter(([, upper, lower]) => Number.isFinite(upper) && Number.isFinite(lower));
      if (points.length > 1) {
        const upper = points.map(([position, value]) => `${x(position + 1).toFixed(1)} ${y(value).toFixed(1)}`);
        const lower = [...points]
          .reverse()
          .map(([position, , value]) => `${x(position + 1).toFixed(1)} ${y(value).toFixed(1)}`);
        body.push(`<path d="M${[...upper, ...lower].join('L')}Z" fill="${color}" opacity="0.15" stroke="none"/>`);
      }
    }
    let path = '';
    let pen = 'M';
    line.values.forEach((value, position) => {
      if (!Number.isFinite(value)) {
        pen = 'M';
        return;
      }
      path += `${pen}${x(position + 1).toFixed(1)} ${y(value).toFixed(1)}`;
      pen = 'L';
    });
    body.push(`<path d="${path}" stroke="${color}" stroke-width="2" fill="none"/>`);
    const legendY = margin.top + 10 + index * 18;
    body.push(
      `<path d="M${plotRight + 16} ${legendY - 4}h20" stroke="${color}" stroke-width="2"/><text x="${plotRight + 42}" y="${legendY}" font-size="11">${escapeXml(line.name)}</text>`,
    );
  });
  if (options.reference) {
    const level = y(options.reference.value).toFixed(1);
    const legendY = margin.top + 10 + series.length * 18;
    body.push(`<path d="M${margin.left} ${level}H${plotRight}" stroke="#000" stroke-dasharray="5 3"/>`);
    body.push(
      `<path d="M${plotRight + 16} ${legendY - 4}h20" stroke="#000" stroke-dasharray="5 3"/><text x="${plotRight + 42}" y="${legendY}" font-size="11">${escapeXml(options.reference.name)}</text>`,
    );
  }
  return frame(title, options.yLabel ?? '', options.xLabel ?? 'epoch', body, low, high, y);
}

/**
 * A heatmap of a value grid (e.g. test accuracy over temperature x student-loss weight):
 * one cell per (row, column) coloured from white (lowest) to blue (highest), the value
 * printed in it, an optional marked cell (e.g. the point chosen on validation) outlined
 * in black and an optional second one (e.g. the paper's choice) dashed in red.
 */
export function heatmapSvg(
  title: string,
  grid: { rowLabels: string[]; columnLabels: string[]; values: number[][] },
  options: {
    rowName?: string;
    columnName?: string;
    marked?: [number, number];
    reference?: [number, number];
    referenceName?: string;
    markedName?: string;
    digits?: number;
  } = {},
): string {
  const { rowLabels, columnLabels, values } = grid;
  if (rowLabels.length === 0 || columnLabels.length === 0) throw new Error('heatmapSvg: empty grid');
  if (values.length !== rowLabels.length || values.some((row) => row.length !== columnLabels.length))
    throw new Error(`heatmapSvg: values must be ${rowLabels.length} x ${columnLabels.length}`);
  const finite = values.flat().filter(Number.isFinite);
  const low = finite.length ? Math.min(...finite) : 0;
  const high = finite.length ? Math.max(...finite) : 1;
  const left = 90;
  const top = 50;
  const cell = { width: Math.min(70, 600 / columnLabels.length), height: Math.min(34, 420 / rowLabels.length) };
  const chartWidth = left + cell.width * columnLabels.length + 200;
  const chartHeight = top + cell.height * rowLabels.length + 60;
  const shade = (value: number) => {
    if (!Number.isFinite(value)) return '#f0f0f0';
    const t = high > low ? (value - low) / (high - low) : 1;
    const channel = (from: number, to: number) => Math.round(from + (to - from) * t);
    return `rgb(${channel(247, 8)},${channel(251, 81)},${channel(255, 156)})`;
  };
  const body: string[] = [];
  values.forEach((row, rowIndex) => {
    row.forEach((value, columnIndex) => {
      const cellX = left + columnIndex * cell.width;
      const cellY = top + rowIndex * cell.height;
      const dark = Number.isFinite(value) && high > low && (value - low) / (high - low) > 0.6;
      body.push(
        `<rect x="${cellX.toFixed(1)}" y="${cellY.toFixed(1)}" width="${cell.width.toFixed(1)}" height="${cell.height.toFixed(1)}" fill="${shade(value)}" stroke="white"/>`,
      );
      body.push(
        `<text x="${(cellX + cell.width / 2).toFixed(1)}" y="${(cellY + cell.height / 2 + 4).toFixed(1)}" text-anchor="middle" font-size="10" fill="${dark ? 'white' : 'black'}">${Number.isFinite(value) ? value.toFixed(options.digits ?? 3) : ''}</text>`,
      );
    });
  });
  const outline = (position: [number, number] | undefined, stroke: string, dash: string) => {
    if (!position) return;
    const [rowIndex, columnIndex] = position;
    body.push(
      `<rect x="${(left + columnIndex * cell.width + 1.5).toFixed(1)}" y="${(top + rowIndex * cell.height + 1.5).toFixed(1)}" width="${(cell.width - 3).toFixed(1)}" height="${(cell.height - 3).toFixed(1)}" fill="none" stroke="${stroke}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    );
  };
  outline(options.marked, '#000', '');
  outline(options.reference, '#d62728', '4 3');
  rowLabels.forEach((label, rowIndex) =>
    body.push(
      `<text x="${left - 6}" y="${(top + rowIndex * cell.height + cell.height / 2 + 4).toFixed(1)}" text-anchor="end" font-size="11">${escapeXml(label)}</text>`,
    ),
  );
  columnLabels.forEach((label, columnIndex) =>
    body.push(
      `<text x="${(left + columnIndex * cell.width + cell.width / 2).toFixed(1)}" y="${top - 6}" text-anchor="middle" font-size="11">${escapeXml(label)}</text>`,
    ),
  );
  const legendX = left + cell.width * columnLabels.length + 16;
  body.push(
    `<text x="${legendX}" y="${top + 12}" font-size="11">${low.toFixed(options.digits ?? 3)} (white) to ${high.toFixed(options.digits ?? 3)} (blue)</text>`,
  );
  if (options.marked)
    body.push(
      `<rect x="${legendX}" y="${top + 24}" width="14" height="10" fill="none" stroke="#000" stroke-width="2"/><text x="${legendX + 20}" y="${top + 33}" font-size="11">${escapeXml(options.markedName ?? 'chosen')}</text>`,
    );
  if (options.reference)
    body.push(
      `<rect x="${legendX}" y="${top + 42}" width="14" height="10" fill="none" stroke="#d62728" stroke-width="2" stroke-dasharray="4 3"/><text x="${legendX + 20}" y="${top + 51}" font-size="11">${escapeXml(options.referenceName ?? 'reference')}</text>`,
    );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${chartWidth.toFixed(0)}" height="${chartHeight.toFixed(0)}" viewBox="0 0 ${chartWidth.toFixed(0)} ${chartHeight.toFixed(0)}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="${chartWidth.toFixed(0)}" height="${chartHeight.toFixed(0)}" fill="white"/>`,
    `<text x="${(chartWidth / 2).toFixed(0)}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    `<text x="${left + (cell.width * columnLabels.length) / 2}" y="36" text-anchor="middle" font-size="11">${escapeXml(options.columnName ?? '')}</text>`,
    `<text transform="translate(14 ${top + (cell.height * rowLabels.length) / 2}) rotate(-90)" text-anchor="middle" font-size="11">${escapeXml(options.rowName ?? '')}</text>`,
    ...body,
    '</svg>',
  ].join('\n');
}
