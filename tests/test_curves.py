"""Overfitting is spotted where validation loss turns up while training loss keeps falling."""

from __future__ import annotations

from training.curves import overfitting_epoch


def test_rising_validation_loss_marks_the_best_epoch():
    train = [0.9, 0.5, 0.3, 0.2, 0.12, 0.07]
    val = [0.8, 0.55, 0.45, 0.47, 0.52, 0.6]
    assert overfitting_epoch(train, val) == 3


def test_no_marker_while_validation_improves_or_only_wobbles():
    assert overfitting_epoch([0.9, 0.5, 0.3], [0.8, 0.5, 0.4]) is None
    assert overfitting_epoch([0.9, 0.5, 0.3], [0.8, 0.5, 0.505]) is None  # noise, not a trend
    assert overfitting_epoch([0.9], [0.8]) is None
    assert overfitting_epoch([], []) is None


def test_no_marker_when_training_itself_diverges():
    # A too-high learning rate makes both losses climb: that is not overfitting.
    assert overfitting_epoch([0.9, 0.5, 0.8, 1.5], [0.8, 0.5, 0.9, 1.7]) is None


def test_marker_moves_if_validation_recovers():
    train = [0.9, 0.5, 0.3, 0.2, 0.1, 0.05, 0.03]
    val = [0.8, 0.5, 0.6, 0.45, 0.4, 0.5, 0.55]
    assert overfitting_epoch(train, val) == 5
    assert overfitting_epoch(train[:4], val[:4]) is None  # at epoch 4 validation was at its best


def test_one_bad_epoch_is_not_overfitting():
    # A from-scratch CNN after two epochs: validation loss up once, which is noise until it stays up.
    assert overfitting_epoch([2.3, 2.0], [2.2, 2.4]) is None
    assert overfitting_epoch([0.9, 0.5, 0.3, 0.2], [0.8, 0.5, 0.6, 0.45]) is None


def test_too_few_validation_images_say_nothing():
    train = [0.9, 0.5, 0.3, 0.2, 0.12, 0.07]
    val = [0.8, 0.55, 0.45, 0.47, 0.52, 0.6]
    assert overfitting_epoch(train, val, val_examples=9) is None  # 9 images at chance: one flips 11%
    assert overfitting_epoch(train, val, val_examples=500) == 3
