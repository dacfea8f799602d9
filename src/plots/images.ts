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
 * trace per image on its own axes, captioned with `captions[i]` (`<br>` breaks lines).
 * `pixels[i]` is row-major, `width * height` long.
 *
 * Each caption is the title of its image's x axis, so Plotly places it right under
 * the image even after the square aspect shrinks the axes (`constrain: 'domain'`);
 * every row reserves room for the longest caption, so captions never reach the next row.
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
  const fontSize = 10;
  const captionLines = Math.max(...captions.map((caption) => caption.split(/<br\s*\/?>/i).length));
  const captionPixels = captionLines * (fontSize + 4) + 8;
  const rowPixels = cellSize + captionPixels;
  const plotHeight = rows * rowPixels;
  const gap = 0.01;
  const layoutExtra: Record<string, unknown> = { showlegend: false };
  const data = pixels.map((image, index) => {
    if (image.length !== width * height) {
      throw new Error(`imageGridFigure: image ${index} has ${image.length} pixels, expected ${width} x ${height}`);
    }
    const z: number[][] = [];
    for (let row = 0; row < height; row++)
      z.push(Array.from({ length: width }, (_, column) => image[row * width + column]));
    const axis = index === 0 ? '' : String(index + 1);
    const column = index % columns;
    const row = Math.floor(index / columns);
    const xDomain = [column / columns + gap, (column + 1) / columns - gap];
    const top = 1 - (row * rowPixels) / plotHeight;
    const yDomain = [top - cellSize / plotHeight, top];
    layoutExtra[`xaxis${axis}`] = {
      domain: xDomain,
      anchor: `y${axis}`,
      constrain: 'domain',
      showticklabels: false,
      showgrid: false,
      zeroline: false,
      ticks: '',
      title: { text: captions[index], standoff: 2, font: { size: fontSize } },
    };
    layoutExtra[`yaxis${axis}`] = {
      domain: yDomain,
      visible: false,
      autorange: 'reversed',
      anchor: `x${axis}`,
      scaleanchor: `x${axis}`,
      constrain: 'domain',
    };
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
  const top = options.title ? 50 : 10;
  return {
    data,
    layout: baseLayout(
      { height: plotHeight + top + 10, ...options },
      { ...layoutExtra, margin: { l: 10, r: 10, t: top, b: 10 } },
    ),
  };
}
