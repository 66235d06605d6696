"""The learning-rate finder: a short sweep on MNIST suggests a rate a student can train with."""

from __future__ import annotations

import math

import pytest
from conftest import SHARED

from training.configs import digit_config
from training.lr_finder import analyse, find_learning_rate, rates
from training.progress import Cancelled, CancelToken

MNIST = SHARED / "mnist"
needs_mnist = pytest.mark.skipif(not MNIST.exists(), reason="needs the shared MNIST copy")


def test_rates_grow_exponentially_from_start_to_end():
    r = rates(150, 1e-6, 10.0)
    assert r[0] == pytest.approx(1e-6) and r[-1] == pytest.approx(10.0)
    assert max(r[1:] / r[:-1]) == pytest.approx(min(r[1:] / r[:-1]))


def test_analyse_reads_the_regions_off_a_textbook_curve():
    lrs = list(rates(100, 1e-6, 10.0))
    # flat until 1e-4, falls until 1e-1, then shoots up
    smoothed = [2.3 if r < 1e-4 else max(0.3, 2.3 - 0.67 * math.log10(r / 1e-4)) for r in lrs]
    smoothed = [s if r < 0.1 else 0.3 + 10 * (r - 0.1) for s, r in zip(smoothed, lrs)]
    found = analyse(lrs, smoothed, "adam")
    assert 1e-4 <= found.too_low < 1e-3
    assert 0.05 <= found.overshoot <= 0.15
    assert found.too_low <= found.suggested < found.overshoot
    assert found.suggested == pytest.approx(found.overshoot / 10)
    assert found.too_low <= found.steepest <= found.overshoot


def test_analyse_refuses_a_sweep_that_said_nothing():
    with pytest.raises(ValueError, match="fewer than 5"):
        analyse([1e-6, 1e-5], [2.3, math.nan])


@needs_mnist
def test_the_suggestion_for_the_mlp_on_mnist_is_a_sensible_rate():
    config = digit_config("mlp", batch_size=64, mnist_dir=str(MNIST))
    reports = []
    found = find_learning_rate(config, reports.append, steps=150)
    assert 1e-4 <= found.suggested <= 0.1, found  # Adam on a small MLP: 1e-3…1e-2 in practice
    assert found.too_low < found.overshoot
    points = [p for p in reports if p.kind == "lr"]
    assert len(points) == len(found.rates) and points[0].logs["lr"] == pytest.approx(1e-6)
    # It stopped on overshoot: the last smoothed loss is far above the best, or not a number.
    last = found.smoothed[-1]
    assert not math.isfinite(last) or last > 2 * min(s for s in found.smoothed if math.isfinite(s))


@needs_mnist
def test_the_sweep_stops_when_cancelled():
    cancel = CancelToken()
    seen = []

    def report(p):
        seen.append(p)
        if p.kind == "lr" and p.batch == 5:
            cancel.cancel()

    with pytest.raises(Cancelled):
        find_learning_rate(digit_config("mlp", batch_size=32, mnist_dir=str(MNIST)), report, cancel, steps=150)
    assert max(p.batch for p in seen if p.kind == "lr") == 5


def test_a_curve_that_hardly_falls_says_so_and_a_noisy_start_is_not_the_steepest_point():
    lrs = list(rates(100, 1e-6, 10.0))
    # noise at the start (a drop at the second batch), then almost flat, then overshoot: a network that barely learns
    smoothed = [2.5, 2.2] + [2.45 - 0.1 * (r > 1e-2) for r in lrs[2:80]] + [3.0 + i for i in range(20)]
    found = analyse(lrs, smoothed)
    assert found.drop < 0.15  # the view then says the network hardly learns at any rate
    assert found.steepest >= found.too_low
    textbook = [2.3 if r < 1e-4 else max(0.3, 2.3 - 0.67 * math.log10(r / 1e-4)) for r in lrs]
    assert analyse(lrs, textbook).drop > 0.8


def test_a_suggestion_above_the_optimizers_sensible_maximum_is_capped_and_says_from_what():
    """MLP + Adam suggested 0.039, and the form at once warned "Above 0.01 is very high for Adam"."""
    from training.lr_finder import SENSIBLE_MAX_RATE

    lrs = list(rates(100, 1e-6, 10.0))
    # falls until 0.4, then shoots up: ten times below the lowest loss is 0.04
    smoothed = [2.3 - 0.1 * math.log10(r / 1e-6) if r < 0.4 else 1.7 + 10 * (r - 0.4) for r in lrs]
    adam = analyse(lrs, smoothed, "adam")
    assert adam.suggested == SENSIBLE_MAX_RATE["adam"] == 0.01
    assert adam.capped_from == pytest.approx(adam.overshoot / 10) and adam.capped_from > 0.03
    sgd = analyse(lrs, smoothed, "sgd")  # SGD takes 0.04 well: the curve's own suggestion stands
    assert sgd.suggested == pytest.approx(sgd.overshoot / 10) and sgd.capped_from == 0
