#!/usr/bin/env python3
"""PyTorch CPU peer of `npm run benchmark` (tooling only; never imported by the library).

Trains the same networks as src/models on the same synthetic data sizes, with the same
loop shape as src/training/trainModel.ts, and prints ONE line of JSON with its timings:

- teacher: dense ReLU [1380, 224, 96, 64] + `--teacher-classes` logits on 512-d input,
  dropout 0.2 after every hidden layer (src/models/teacher.ts);
- student: one hidden ReLU layer [204] + dropout 0.2, two logit heads 20 (prediction)
  and 6 (distillation) (src/models/student.ts), trained with heterogeneous KD:
  a*CE(prediction, fine) + (1-a)*T^2*KL(softmax(teacher/T) || softmax(distillation/T))
  (src/training/objective.ts, Yu & Kim 2022);
- Adam lr 1e-3, batch 128, each epoch: shuffle, gather the batch rows, forward, backward,
  step; then score the validation rows with dropout off (cross-entropy, accuracy and
  macro-F1 of the prediction head), as trainModel does every epoch;
- `--students` fresh students trained one after another (`--student-epochs` each), the
  PyTorch way of running a hyper-parameter group.

Seconds per epoch are averaged over `--epochs` measured epochs after one warm-up epoch.

    python3 src/bench/torch_peer.py --threads 2 --epochs 2 --students 36 --student-epochs 2
"""
import argparse
import json
import os
import sys
import time

# OpenMP threads that spin while waiting collapse when the cores are shared (measured on a
# busy 2-core machine: 10.7 s against 0.34 s for the same teacher epoch); sleep instead.
# Must be set before torch starts its thread pool. Override by exporting OMP_WAIT_POLICY.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

try:
    import torch
    from torch import nn
    import torch.nn.functional as functional
except ImportError as error:  # the benchmark prints this and carries on without PyTorch
    print(json.dumps({"error": f"PyTorch is not installed ({error}); install Debian's python3-torch or `pip install torch`"}))
    sys.exit(0)


def dense_stack(input_dimension, hidden_units, dropout_rate):
    layers = []
    previous = input_dimension
    for units in hidden_units:
        linear = nn.Linear(previous, units)
        nn.init.xavier_uniform_(linear.weight)  # Glorot uniform, as the tfjs models
        nn.init.zeros_(linear.bias)
        layers += [linear, nn.ReLU(), nn.Dropout(dropout_rate)]
        previous = units
    return nn.Sequential(*layers), previous


class Teacher(nn.Module):
    def __init__(self, input_dimension, class_count, hidden_units=(1380, 224, 96, 64), dropout_rate=0.2):
        super().__init__()
        self.body, width = dense_stack(input_dimension, hidden_units, dropout_rate)
        self.prediction = nn.Linear(width, class_count)

    def forward(self, x):
        return self.prediction(self.body(x))


class TwoHeadStudent(nn.Module):
    def __init__(self, input_dimension, fine_count=20, coarse_count=6, hidden_units=(204,), dropout_rate=0.2):
        super().__init__()
        self.body, width = dense_stack(input_dimension, hidden_units, dropout_rate)
        self.prediction = nn.Linear(width, fine_count)
        self.distillation = nn.Linear(width, coarse_count)

    def forward(self, x):
        hidden = self.body(x)
        return self.prediction(hidden), self.distillation(hidden)


def macro_f1(labels, predictions, class_count):
    index = labels * class_count + predictions
    confusion = torch.bincount(index, minlength=class_count * class_count).reshape(class_count, class_count).double()
    true_positive = confusion.diagonal()
    precision_denominator = confusion.sum(0)
    recall_denominator = confusion.sum(1)
    f1 = torch.where(precision_denominator + recall_denominator > 0, 2 * true_positive / (precision_denominator + recall_denominator).clamp(min=1), torch.zeros_like(true_positive))
    return f1.mean().item()


def evaluate(model, x, labels, class_count, batch_size=1024):
    """Cross-entropy, accuracy and macro-F1 of the prediction head, dropout off."""
    model.eval()
    with torch.no_grad():
        outputs = [model(x[start:start + batch_size]) for start in range(0, x.shape[0], batch_size)]
        logits = torch.cat([output[0] if isinstance(output, tuple) else output for output in outputs])
        loss = functional.cross_entropy(logits, labels).item()
        predictions = logits.argmax(1)
        accuracy = (predictions == labels).double().mean().item()
        f1 = macro_f1(labels, predictions, class_count)
    model.train()
    return loss, accuracy, f1


def train_epoch(model, optimizer, data, loss_of_batch, batch_size, generator):
    x = data["x"]
    order = torch.randperm(x.shape[0], generator=generator)
    total = torch.zeros(())
    for start in range(0, x.shape[0], batch_size):
        indices = order[start:start + batch_size]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of_batch(model, data, indices)
        loss.backward()
        optimizer.step()
        total += loss.detach() * indices.shape[0]
    return total.item() / x.shape[0]


def teacher_loss(model, data, indices):
    return functional.cross_entropy(model(data["x"][indices]), data["labels"][indices])


def heterogeneous_loss(model, data, indices, temperature=4.0, student_loss_weight=0.5):
    prediction, distillation = model(data["x"][indices])
    student = functional.cross_entropy(prediction, data["fine"][indices])
    teacher_probabilities = functional.softmax(data["teacher_logits"][indices] / temperature, dim=1)
    kl = functional.kl_div(functional.log_softmax(distillation / temperature, dim=1), teacher_probabilities, reduction="batchmean")
    return student_loss_weight * student + (1 - student_loss_weight) * temperature ** 2 * kl


def run(model, data, validation, loss_of_batch, class_count, epochs, batch_size, seed):
    """Trains for `epochs` epochs with evaluation after each; returns seconds per epoch."""
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    seconds = []
    for _ in range(epochs):
        started = time.perf_counter()
        train_epoch(model, optimizer, data, loss_of_batch, batch_size, generator)
        evaluate(model, validation["x"], validation["labels"], class_count)
        seconds.append(time.perf_counter() - started)
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--rows", type=int, default=8765)
    parser.add_argument("--validation-rows", type=int, default=2192)
    parser.add_argument("--input-dimension", type=int, default=512)
    parser.add_argument("--teacher-classes", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=2, help="measured epochs (after one warm-up epoch)")
    parser.add_argument("--students", type=int, default=36)
    parser.add_argument("--student-epochs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    torch.manual_seed(arguments.seed)
    generator = torch.Generator().manual_seed(arguments.seed)
    rows, dimension = arguments.rows, arguments.input_dimension

    def features(count):
        return torch.rand(count, dimension, generator=generator) * 2 - 1

    train = {
        "x": features(rows),
        "labels": torch.randint(arguments.teacher_classes, (rows,), generator=generator),
        "fine": torch.randint(20, (rows,), generator=generator),
        "teacher_logits": torch.randn(rows, 6, generator=generator),
    }
    validation_x = features(arguments.validation_rows)
    teacher_validation = {"x": validation_x, "labels": torch.randint(arguments.teacher_classes, (arguments.validation_rows,), generator=generator)}
    student_validation = {"x": validation_x, "labels": torch.randint(20, (arguments.validation_rows,), generator=generator)}

    teacher = Teacher(dimension, arguments.teacher_classes)
    teacher_seconds = run(teacher, train, teacher_validation, teacher_loss, arguments.teacher_classes, arguments.epochs + 1, arguments.batch_size, arguments.seed)[1:]
    student = TwoHeadStudent(dimension)
    student_seconds = run(student, train, student_validation, heterogeneous_loss, 20, arguments.epochs + 1, arguments.batch_size, arguments.seed)[1:]

    started = time.perf_counter()
    for index in range(arguments.students):
        torch.manual_seed(arguments.seed + index)
        run(TwoHeadStudent(dimension), train, student_validation, heterogeneous_loss, 20, arguments.student_epochs, arguments.batch_size, arguments.seed + index)
    group_seconds = time.perf_counter() - started

    print(json.dumps({
        "torchVersion": torch.__version__,
        "threads": torch.get_num_threads(),
        "ompWaitPolicy": os.environ.get("OMP_WAIT_POLICY"),
        "rows": rows,
        "validationRows": arguments.validation_rows,
        "teacherSecondsPerEpoch": sum(teacher_seconds) / len(teacher_seconds),
        "studentSecondsPerEpoch": sum(student_seconds) / len(student_seconds),
        "groupStudents": arguments.students,
        "groupStudentEpochs": arguments.student_epochs,
        "groupSeconds": group_seconds,
        "studentsPerMinute": arguments.students * 60 / group_seconds,
    }))


if __name__ == "__main__":
    main()
