/**
 * The method in one picture: heterogeneous knowledge distillation (Yu & Kim 2022) drawn as a
 * Plotly figure of boxes, arrows and labels (shapes and annotations only, so it draws offline
 * like every other figure). The student's shared body feeds two heads: a distillation head with
 * one output per coarse class, matched to the coarse teacher's softened distribution by
 * T² · KL(q^T ‖ p^T), and a prediction head with one output per fine class, trained by
 * cross-entropy on the true fine label y; the total is L = a · CE + (1 − a) · T² · KL. The
 * gradient of the distillation loss is drawn dashed: it runs back through the distillation head
 * into the shared body, the only place where the two heads meet.
 */
import type { PlotlyFigure } from './figure';

/** What the diagram names and counts (class counts, the plural names of the classes, the input). */
export interface NetworkDiagramOptions {
  /** Outputs of the prediction head, e.g. 20 newsgroups. */
  fineClassCount: number;
  /** Outputs of the distillation head and of the coarse teacher, e.g. 6 groups. */
  coarseClassCount: number;
  /** Plural name of the fine classes (default 'fine classes'), e.g. 'newsgroups'. */
  fineClassName?: string;
  /** Plural name of the coarse classes (default 'coarse classes'), e.g. 'groups'. */
  coarseClassName?: string;
  /** What the input x is (default 'input x'), e.g. 'a post's embedding x'. */
  inputName?: string;
  /** The temperature T, written beside the symbol when given. */
  temperature?: number;
  /** The student-loss weight a, written beside the symbol when given. */
  studentLossWeight?: number;
  /** Title; default: a sentence stating what the picture shows. */
  title?: string;
  /** Pixel height (default 520) and width (default 980: the labels are sized for it). */
  height?: number;
  width?: number;
}

/** A box of the diagram: its corners in diagram units (x 0-12, y 0-7) and its label. */
interface Box {
  name: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  label: string;
  fill: string;
}

const forwardColor = '#444';
const gradientColor = '#d62728';

function boxShape(box: Box): Record<string, unknown> {
  return {
    type: 'rect',
    name: box.name,
    xref: 'x',
    yref: 'y',
    x0: box.x0,
    x1: box.x1,
    y0: box.y0,
    y1: box.y1,
    fillcolor: box.fill,
    line: { color: '#333', width: 1.5 },
    layer: 'below',
  };
}

function boxLabel(box: Box): Record<string, unknown> {
  return {
    name: `${box.name} label`,
    x: (box.x0 + box.x1) / 2,
    y: (box.y0 + box.y1) / 2,
    xref: 'x',
    yref: 'y',
    text: box.label,
    showarrow: false,
    font: { size: 12 },
  };
}

/** A solid forward arrow (an annotation arrow from `from` to `to`), with an optional label beside it. */
function forwardArrow(name: string, from: [number, number], to: [number, number]): Record<string, unknown> {
  return {
    name,
    x: to[0],
    y: to[1],
    ax: from[0],
    ay: from[1],
    xref: 'x',
    yref: 'y',
    axref: 'x',
    ayref: 'y',
    text: '',
    showarrow: true,
    arrowhead: 2,
    arrowsize: 1.2,
    arrowwidth: 1.6,
    arrowcolor: forwardColor,
  };
}

/** A free label at a point (arrow labels, the legend). */
function textLabel(name: string, x: number, y: number, text: string, extra: Record<string, unknown> = {}) {
  return { name, x, y, xref: 'x', yref: 'y', text, showarrow: false, font: { size: 11 }, ...extra };
}

/** A dashed gradient arrow: a dashed line shape plus an arrowhead annotation at its tip. */
function gradientArrow(
  name: string,
  from: [number, number],
  to: [number, number],
): { shape: Record<string, unknown>; head: Record<string, unknown> } {
  const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
  const back: [number, number] = [
    to[0] - ((to[0] - from[0]) / length) * 0.3,
    to[1] - ((to[1] - from[1]) / length) * 0.3,
  ];
  return {
    shape: {
      type: 'line',
      name,
      xref: 'x',
      yref: 'y',
      x0: from[0],
      y0: from[1],
      x1: back[0],
      y1: back[1],
      line: { color: gradientColor, width: 2.5, dash: 'dash' },
    },
    head: { ...forwardArrow(`${name} head`, back, to), arrowcolor: gradientColor, arrowwidth: 2.5 },
  };
}

function requireClassCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 2)
    throw new Error(`networkDiagram: ${what} is ${value}, expected a whole number of at least 2`);
}

/**
 * The diagram of heterogeneous distillation as a Plotly figure: input x, the shared body, the
 * distillation head (`coarseClassCount` outputs) and the prediction head (`fineClassCount`
 * outputs), the coarse teacher with its logits t softened into q^T = softmax(t / T), where each
 * loss enters (T² · KL(q^T ‖ p^T) with p^T = softmax(s / T) on the distillation head; the
 * cross-entropy −ln softmax(z)_y with the true fine label y on the prediction head; weights
 * 1 − a and a), and the gradient path of the distillation loss (dashed, red) back through the
 * distillation head into the shared body. Every shape and annotation has a `name`.
 */
export function networkDiagram(options: NetworkDiagramOptions): PlotlyFigure {
  const { fineClassCount, coarseClassCount } = options;
  requireClassCount(fineClassCount, 'fineClassCount');
  requireClassCount(coarseClassCount, 'coarseClassCount');
  if (coarseClassCount >= fineClassCount)
    throw new Error(
      `networkDiagram: coarseClassCount ${coarseClassCount} is not below fineClassCount ${fineClassCount}: ` +
        'the coarse classes group the fine ones, so there are fewer of them',
    );
  const fineName = options.fineClassName ?? 'fine classes';
  const coarseName = options.coarseClassName ?? 'coarse classes';
  const temperature = options.temperature === undefined ? 'T' : `T = ${options.temperature}`;
  const weight = options.studentLossWeight;
  const aText = weight === undefined ? 'a' : `a = ${weight}`;
  const oneMinusA = weight === undefined ? '1 − a' : `1 − a = ${Number((1 - weight).toFixed(4))}`;
  const boxes: Box[] = [
    { name: 'input', x0: 0.05, x1: 1.55, y0: 3.0, y1: 4.2, label: options.inputName ?? 'input x', fill: '#f2f2f2' },
    {
      name: 'shared body',
      x0: 2.1,
      x1: 4.1,
      y0: 2.3,
      y1: 4.9,
      label: '<b>shared body</b><br>(hidden layers)<br>the only part<br>both heads use',
      fill: '#dbe9f6',
    },
    {
      name: 'prediction head',
      x0: 5.0,
      x1: 7.0,
      y0: 5.0,
      y1: 6.2,
      label: `<b>prediction head</b><br>${fineClassCount} outputs (${fineName})<br>logits z`,
      fill: '#d9f0d3',
    },
    {
      name: 'distillation head',
      x0: 5.0,
      x1: 7.0,
      y0: 2.0,
      y1: 3.2,
      label: `<b>distillation head</b><br>${coarseClassCount} outputs (${coarseName})<br>logits s`,
      fill: '#fde0c5',
    },
    {
      name: 'coarse teacher',
      x0: 2.1,
      x1: 4.1,
      y0: 0.1,
      y1: 1.3,
      label: `<b>coarse teacher</b><br>trained on the ${coarseClassCount} ${coarseName},<br>frozen: logits t`,
      fill: '#eee0f5',
    },
    {
      name: 'softened targets',
      x0: 7.75,
      x1: 9.95,
      y0: 0.1,
      y1: 1.3,
      label: `softened by ${temperature}:<br>q<sup>T</sup> = softmax(t / T)`,
      fill: '#eee0f5',
    },
    {
      name: 'student loss',
      x0: 7.75,
      x1: 9.95,
      y0: 5.0,
      y1: 6.2,
      label: '<b>student loss</b><br>CE = −ln softmax(z)<sub>y</sub>',
      fill: '#d9f0d3',
    },
    {
      name: 'distillation loss',
      x0: 7.75,
      x1: 9.95,
      y0: 2.0,
      y1: 3.2,
      label: '<b>distillation loss</b><br>T² · KL(q<sup>T</sup> ‖ p<sup>T</sup>)<br>p<sup>T</sup> = softmax(s / T)',
      fill: '#fde0c5',
    },
    {
      name: 'total loss',
      x0: 10.4,
      x1: 12.05,
      y0: 3.0,
      y1: 4.2,
      label: '<b>total loss</b><br>L = a · CE<br>+ (1 − a) · T² · KL',
      fill: '#f2f2f2',
    },
  ];
  const arrows = [
    forwardArrow('input to body', [1.55, 3.6], [2.1, 3.6]),
    forwardArrow('input to teacher', [0.8, 3.0], [2.1, 0.9]),
    forwardArrow('body to prediction head', [4.1, 4.5], [5.0, 5.6]),
    forwardArrow('body to distillation head', [4.1, 3.0], [5.0, 2.9]),
    forwardArrow('prediction head to student loss', [7.0, 5.6], [7.75, 5.6]),
    forwardArrow('distillation head to distillation loss', [7.0, 2.9], [7.75, 2.9]),
    forwardArrow('teacher to softened targets', [4.1, 0.7], [7.75, 0.7]),
    forwardArrow('softened targets to distillation loss', [8.85, 1.3], [8.85, 2.0]),
    forwardArrow('true label to student loss', [8.85, 6.75], [8.85, 6.2]),
    forwardArrow('student loss to total', [9.95, 5.6], [11.2, 4.2]),
    forwardArrow('distillation loss to total', [9.95, 2.6], [11.2, 3.0]),
  ];
  const gradients = [
    gradientArrow('gradient into the distillation head', [7.75, 2.3], [7.0, 2.3]),
    gradientArrow('gradient into the shared body', [5.0, 2.3], [4.1, 2.6]),
  ];
  const labels = [
    textLabel('true label', 8.85, 6.9, `true fine label y (one of ${fineClassCount} ${fineName})`),
    textLabel('teacher logits', 5.9, 0.95, `logits t (${coarseClassCount} per input)`),
    textLabel('targets q', 9.35, 1.65, 'q<sup>T</sup>'),
    textLabel('weight a', 10.95, 5.0, `× ${aText}`),
    textLabel('weight 1 − a', 10.8, 2.5, `× (${oneMinusA})`),
    textLabel('gradient label', 6.05, 1.75, 'gradient of T² · KL', { font: { size: 11, color: gradientColor } }),
    textLabel(
      'legend',
      6,
      -0.45,
      'solid: forward pass · <span style="color:#d62728">dashed red: the gradient of the distillation loss</span>, ' +
        `back through the ${coarseClassCount}-output head into the shared body;<br>` +
        `it reaches the ${fineClassCount}-output prediction head only through the weights of the body they share ` +
        `(${temperature}; ${aText}).`,
    ),
  ];
  const title =
    options.title ??
    `Heterogeneous distillation: a coarse teacher teaches a ${coarseClassCount}-output head, ` +
      `and the ${fineClassCount}-output head learns from it only through the shared body`;
  return {
    data: [],
    layout: {
      title: { text: title, font: { size: 14 } },
      height: options.height ?? 520,
      width: options.width ?? 980,
      margin: { l: 10, r: 10, t: 50, b: 10 },
      xaxis: { range: [0, 12.1], visible: false, fixedrange: true },
      yaxis: { range: [-0.9, 7.1], visible: false, fixedrange: true },
      plot_bgcolor: 'white',
      showlegend: false,
      shapes: [...boxes.map(boxShape), ...gradients.map((gradient) => gradient.shape)],
      annotations: [...boxes.map(boxLabel), ...arrows, ...gradients.map((gradient) => gradient.head), ...labels],
    },
  };
}
