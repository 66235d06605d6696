"""The Qt-free observables that the window's state is made of."""

from __future__ import annotations

import numpy as np

from models.app_state import AppState, LoadedModel
from models.observable import Event, Observable


def test_event_calls_each_callback_once_in_order_and_disconnects():
    seen = []
    event = Event()
    first = event.connect(lambda v: seen.append(("a", v)))
    event.connect(first)  # connecting twice does not call twice
    event.connect(lambda v: seen.append(("b", v)))
    event.emit(1)
    event.disconnect(first)
    event.emit(2)
    assert seen == [("a", 1), ("b", 1), ("b", 2)]


def test_observable_emits_only_real_changes_and_subscribe_paints_once():
    value = Observable(1)
    seen = []
    value.subscribe(seen.append)
    value.set(1)
    value.set(2)
    value.set(np.zeros(3))  # no plain truth value: counts as a change
    assert seen[:2] == [1, 2] and len(seen) == 3


def test_a_failed_load_keeps_the_model_in_use():
    state = AppState()
    state.digits.set(state.digits.value.ready("model", "a.keras"))
    state.digits.set(state.digits.value.loading())
    state.digits.set(state.digits.value.failed("not a model"))
    slot = state.digits.value
    assert (slot.status, slot.model, slot.path, slot.error) == ("ready", "model", "a.keras", "not a model")
    assert LoadedModel().failed("x").status == "failed"
