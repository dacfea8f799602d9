#!/usr/bin/env python3
"""PyTorch CPU peer of the Fashion-MNIST conv teacher for `npm run benchmark` (tooling only).

Trains the same network as src/models/convTeacher.ts on the same real Fashion-MNIST pixels
with the same loop shape as src/training/trainModel.ts, and prints ONE line of JSON:

- network: 28x28x1 -> Conv2d 32 3x3 'same' + ReLU -> MaxPool 2 -> Conv2d 64 3x3 'same' +
  ReLU -> MaxPool 2 -> Flatten -> Linear 128 + ReLU + Dropout 0.2 -> Linear `--classes`
  logits (PyTorch's default NCHW layout; the tfjs model is NHWC);
- Adam lr 1e-3, `--batch-size` (the Fashion-MNIST teacher config's 128), cross-entropy on
  the fine labels; each epoch: shuffle, gather the batch rows, forward, backward, step; then
  score the validation and test rows with dropout off, as the pipeline's teacher runs do;
- rows: the first `--rows` training images, validation = `--validation-rows` images from
  index 54,000 of the training file, test = the first `--test-rows` test images (pixels / 255).

Wall and CPU (process, all threads) seconds per epoch are averaged over `--epochs` measured
epochs after one warm-up epoch.

    python3 src/bench/torch_conv_peer.py --threads 2 --train-images train-images-idx3-ubyte.gz \
        --train-labels train-labels-idx1-ubyte.gz --test-images t10k-images-idx3-ubyte.gz \
        --test-labels t10k-labels-idx1-ubyte.gz --rows 6000
"""
import argparse
import gzip
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Sets OMP_WAIT_POLICY=PASSIVE before torch starts, and prints the error line where torch is absent.
from torch_peer import evaluate, train_epoch  # noqa: E402

import torch  # noqa: E402
from torch import nn  # noqa: E402
import torch.nn.functional as functional  # noqa: E402


def read_idx(path, header_bytes):
    """Values of a gzipped IDX uint8 file (Fashion-MNIST images: 16 header bytes, labels: 8)."""
    with gzip.open(path, "rb") as source:
        content = source.read()
    return torch.frombuffer(bytearray(content[header_bytes:]), dtype=torch.uint8)


class ConvTeacher(nn.Module):
    def __init__(self, class_count, filters=(32, 64), kernel_size=3, dense_units=(128,), dropout_rate=0.2):
        super().__init__()
        layers, channels, size = [], 1, 28
        for count in filters:
            layers += [nn.Conv2d(channels, count, kernel_size, padding="same"), nn.ReLU(), nn.MaxPool2d(2)]
            channels, size = count, size // 2
        layers.append(nn.Flatten())
        width = channels * size * size
        for units in dense_units:
            layers += [nn.Linear(width, units), nn.ReLU(), nn.Dropout(dropout_rate)]
            width = units
        layers.append(nn.Linear(width, class_count))
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)


def teacher_loss(model, data, indices):
    return functional.cross_entropy(model(data["x"][indices]), data["labels"][indices])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--train-images", required=True)
    parser.add_argument("--train-labels", required=True)
    parser.add_argument("--test-images", required=True)
    parser.add_argument("--test-labels", required=True)
    parser.add_argument("--rows", type=int, default=6000)
    parser.add_argument("--validation-rows", type=int, default=667)
    parser.add_argument("--test-rows", type=int, default=1111)
    parser.add_argument("--validation-start", type=int, default=54000)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=2, help="measured epochs (after one warm-up epoch)")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    torch.manual_seed(arguments.seed)

    images = read_idx(arguments.train_images, 16).reshape(-1, 1, 28, 28)
    labels = read_idx(arguments.train_labels, 8).long()
    test_images = read_idx(arguments.test_images, 16).reshape(-1, 1, 28, 28)
    test_labels = read_idx(arguments.test_labels, 8).long()

    def pixels(tensor):
        return tensor.float() / 255

    start = arguments.validation_start
    train = {"x": pixels(images[: arguments.rows]), "labels": labels[: arguments.rows]}
    validation_x = pixels(images[start : start + arguments.validation_rows])
    validation_labels = labels[start : start + arguments.validation_rows]
    test_x = pixels(test_images[: arguments.test_rows])
    test_y = test_labels[: arguments.test_rows]

    model = ConvTeacher(arguments.classes)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(arguments.seed)
    seconds, cpu_seconds = [], []
    for _ in range(arguments.epochs + 1):
        started, cpu_started = time.perf_counter(), time.process_time()
        train_epoch(model, optimizer, train, teacher_loss, arguments.batch_size, generator)
        evaluate(model, validation_x, validation_labels, arguments.classes)
        evaluate(model, test_x, test_y, arguments.classes)
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
    measured, cpu_measured = seconds[1:], cpu_seconds[1:]

    print(json.dumps({
        "torchVersion": torch.__version__,
        "threads": torch.get_num_threads(),
        "ompWaitPolicy": os.environ.get("OMP_WAIT_POLICY"),
        "rows": arguments.rows,
        "validationRows": arguments.validation_rows,
        "testRows": arguments.test_rows,
        "batchSize": arguments.batch_size,
        "secondsPerEpoch": sum(measured) / len(measured),
        "cpuSecondsPerEpoch": sum(cpu_measured) / len(cpu_measured),
    }))


if __name__ == "__main__":
    main()
