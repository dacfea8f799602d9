import { type DataFileSpec, type EnsureDataFileOptions, ensureDataFile } from './download';
import { readIdxFile } from './idx';

/** Fashion-MNIST class names in label order. */
export const fashionMnistLabelNames: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

const canonicalBase = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

/**
 * A Fashion-MNIST file: canonical URL, mirror path `fashion-mnist/<file>`, Debian's
 * `/usr/share/datasets/fashion-mnist/<file>` (package dataset-fashion-mnist; its gzip headers
 * differ, so the gunzipped content checksum is accepted too).
 */
function fashionMnistFile(name: string, sha256: string, gunzippedSha256: string, sizeBytes: number): DataFileSpec {
  return {
    name: `fashion-mnist-${name}`,
    url: canonicalBase + name,
    sha256: [sha256],
    gunzippedSha256: [gunzippedSha256],
    sizeBytes,
    mirrorPath: `fashion-mnist/${name}`,
    systemPaths: [`/usr/share/datasets/fashion-mnist/${name}`],
  };
}

/** The four Fashion-MNIST files (checksums of the canonical release). */
export const fashionMnistFiles = {
  train: {
    images: fashionMnistFile(
      'train-images-idx3-ubyte.gz',
      '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84',
      'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
      26_421_880,
    ),
    labels: fashionMnistFile(
      'train-labels-idx1-ubyte.gz',
      'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845',
      'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
      29_515,
    ),
  },
  test: {
    images: fashionMnistFile(
      't10k-images-idx3-ubyte.gz',
      '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073',
      '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
      4_422_102,
    ),
    labels: fashionMnistFile(
      't10k-labels-idx1-ubyte.gz',
      '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5',
      '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
      5_148,
    ),
  },
} as const;

/** Options of {@link loadFashionMnist}. */
export interface LoadFashionMnistOptions extends EnsureDataFileOptions {
  subset: 'train' | 'test';
}

/** Fashion-MNIST images and labels. */
export interface FashionMnistData {
  /** count * rows * columns grey values 0..255, image after image, row-major. */
  images: Uint8Array;
  /** Class ids 0..9, indexes into `labelNames`. */
  labels: Uint8Array;
  count: number;
  rows: number;
  columns: number;
  labelNames: string[];
}

/** Loads the Fashion-MNIST training (60,000) or test (10,000) set, verifying the files' checksums. */
export async function loadFashionMnist(options: LoadFashionMnistOptions): Promise<FashionMnistData> {
  const files = fashionMnistFiles[options.subset];
  if (files === undefined) throw new Error(`subset must be train or test, got "${options.subset}"`);
  const imagesPath = await ensureDataFile(files.images, options);
  const labelsPath = await ensureDataFile(files.labels, options);
  const images = await readIdxFile(imagesPath);
  const labels = await readIdxFile(labelsPath);
  if (images.dataType !== 'uint8' || images.dimensions.length !== 3) {
    throw new Error(
      `${imagesPath}: expected a uint8 array [count, rows, columns], got ${images.dataType} [${images.dimensions.join(', ')}]`,
    );
  }
  if (labels.dataType !== 'uint8' || labels.dimensions.length !== 1) {
    throw new Error(
      `${labelsPath}: expected a uint8 array [count], got ${labels.dataType} [${labels.dimensions.join(', ')}]`,
    );
  }
  const [count, rows, columns] = images.dimensions;
  if (labels.dimensions[0] !== count) {
    throw new Error(`${labelsPath} holds ${labels.dimensions[0]} labels but ${imagesPath} holds ${count} images`);
  }
  const badIndex = (labels.data as Uint8Array).findIndex((label) => label >= fashionMnistLabelNames.length);
  if (badIndex !== -1) {
    throw new Error(`${labelsPath}: label ${labels.data[badIndex]} at index ${badIndex} is not a class id 0..9`);
  }
  return {
    images: images.data as Uint8Array,
    labels: labels.data as Uint8Array,
    count,
    rows,
    columns,
    labelNames: [...fashionMnistLabelNames],
  };
}

/** Flattened images as a row-major float matrix (the shape of src/training's FloatMatrix). */
export interface PixelMatrix {
  data: Float32Array;
  rows: number;
  columns: number;
}

/**
 * Images as pixel rows scaled to [0, 1] (grey value / 255), one row of rows*columns
 * values per image, for the images at `indices` (default: all, in order). An index
 * outside 0..count-1 throws.
 */
export function fashionMnistPixels(data: FashionMnistData, indices?: ArrayLike<number>): PixelMatrix {
  const columns = data.rows * data.columns;
  const rows = indices ? indices.length : data.count;
  const pixels = new Float32Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    const image = indices ? indices[row] : row;
    if (!Number.isInteger(image) || image < 0 || image >= data.count) {
      throw new Error(`fashionMnistPixels: index ${image} at position ${row} is outside 0..${data.count - 1}`);
    }
    const offset = image * columns;
    for (let column = 0; column < columns; column++)
      pixels[row * columns + column] = data.images[offset + column] / 255;
  }
  return { data: pixels, rows, columns };
}

/**
 * The first `perClass` images of each class (ascending index within a class, classes
 * interleaved in index order): a small, balanced, repeatable slice for tests.
 */
export function fashionMnistBalancedIndices(
  labels: ArrayLike<number>,
  perClass: number,
  classCount = fashionMnistLabelNames.length,
): number[] {
  if (!Number.isInteger(perClass) || perClass < 1)
    throw new Error(`fashionMnistBalancedIndices: perClass must be a positive integer, got ${perClass}`);
  const taken = new Array<number>(classCount).fill(0);
  const indices: number[] = [];
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index];
    if (taken[label] < perClass) {
      taken[label]++;
      indices.push(index);
    }
  }
  const short = taken.findIndex((count) => count < perClass);
  if (short !== -1)
    throw new Error(`fashionMnistBalancedIndices: class ${short} has only ${taken[short]} images, ${perClass} asked`);
  return indices;
}
