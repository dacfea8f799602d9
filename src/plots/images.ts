import { baseLayout, type FigureOptions, type PlotlyFigure } from './figure';

/** Options of {@link imageGridFigure}. */
export interface ImageGridOptions extends FigureOptions {
  /** Images per row (default 8). */
  columns?: number;
  /** Pixel size of one image cell (default 90). */
  cellSize?: number;
}

/**
 * A grid of greyscale images (e.g. Fashion-MNIST, 28 x 28, 0..255), one `heatmap`
 * trace per image on its own axes, captioned with `captions[i]`. `pixels[i]` is
 * row-major, `width * height` long.
 */
export function imageGridFigure(
  pixels: ArrayLike<number>[],
  width: number,
  height: number,
  captions: readonly string[],
  options: ImageGridOptions = {},
): PlotlyFigure {
  if (pixels.length === 0) throw new Error('imageGridFigure: no image given');
  if (captions.length !== pixels.length) {
    throw new Error(`imageGridFigure: ${pixels.length} images but ${captions.length} captions`);
  }
  const columns = Math.min(options.columns ?? 8, pixels.length);
  const rows = Math.ceil(pixels.length / columns);
  const cellSize = options.cellSize ?? 90;
  const gap = 0.02;
  const layoutExtra: Record<string, unknown> = { showlegend: false, annotations: [] as unknown[] };
  const data = pixels.map((image, index) => {
    if (image.length !== width * height) {
      throw new Error(`imageGridFigure: image ${index} has ${image.length} pixels, expected ${width} x ${height}`);
    }
    const z: number[][] = [];
    for (let row = 0; row < height; row++) z.push(Array.from({ length: width }, (_, column) => image[row * width + column]));
    const axis = index === 0 ? '' : String(index + 1);
    const column = index % columns;
    const row = Math.floor(index / columns);
    const xDomain = [column / columns + gap, (column + 1) / columns - gap];
    const yDomain = [1 - (row + 1) / rows + gap * 2, 1 - row / rows - gap];
    layoutExtra[`xaxis${axis}`] = { domain: xDomain, visible: false, anchor: `y${axis}` };
    layoutExtra[`yaxis${axis}`] = { domain: yDomain, visible: false, autorange: 'reversed', anchor: `x${axis}`, scaleanchor: `x${axis}` };
    (layoutExtra.annotations as unknown[]).push({
      text: captions[index],
      showarrow: false,
      xref: 'paper',
      yref: 'paper',
      x: (xDomain[0] + xDomain[1]) / 2,
      y: yDomain[0],
      yanchor: 'top',
      font: { size: 10 },
    });
    return {
      type: 'heatmap',
      z,
      xaxis: `x${axis}`,
      yaxis: `y${axis}`,
      colorscale: 'Greys',
      reversescale: true,
      showscale: false,
      hovertemplate: `${captions[index]}<br>(%{x}, %{y}) = %{z}<extra></extra>`,
    };
  });
  return {
    data,
    layout: baseLayout({ height: rows * (cellSize + 20) + (options.title ? 60 : 20), ...options }, layoutExtra),
  };
}
