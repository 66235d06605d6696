"""After training: per-class accuracy, confusion matrix and the misclassified examples."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class ClassReport:
    """How a model did on labelled examples (usually the validation set)."""

    classes: list[str]
    confusion: np.ndarray  # (C, C): row = true class, column = predicted class
    misclassified: np.ndarray  # indices into the examples, most confident mistakes first
    predicted: np.ndarray
    confidence: np.ndarray

    @property
    def accuracy(self) -> float:
        total = self.confusion.sum()
        return float(np.trace(self.confusion) / total) if total else 0.0

    @property
    def per_class_accuracy(self) -> dict[str, float | None]:
        """Recall of each class; ``None`` for a class with no examples."""
        totals = self.confusion.sum(axis=1)
        return {
            name: (float(self.confusion[i, i] / totals[i]) if totals[i] else None)
            for i, name in enumerate(self.classes)
        }


def class_report(labels: np.ndarray, probabilities: np.ndarray, classes: list[str]) -> ClassReport:
    """Build a :class:`ClassReport` from true labels (N,) and predicted probabilities (N, C)."""
    labels = np.asarray(labels, int)
    predicted = probabilities.argmax(axis=1) if len(probabilities) else np.zeros(0, int)
    confidence = probabilities.max(axis=1) if len(probabilities) else np.zeros(0)
    confusion = np.zeros((len(classes), len(classes)), int)
    np.add.at(confusion, (labels, predicted), 1)
    wrong = np.flatnonzero(predicted != labels)
    wrong = wrong[np.argsort(-confidence[wrong])]
    return ClassReport(list(classes), confusion, wrong, predicted, confidence)
