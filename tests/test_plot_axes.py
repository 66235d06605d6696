"""Plot axes follow the UI language: decimals with a comma in Portuguese."""

import pytest

pytest.importorskip("pytestqt")

import pyqtgraph as pg  # noqa: E402

from gui.i18n import install_language  # noqa: E402
from gui.plot_axes import locale_axes  # noqa: E402


def test_axis_ticks_use_comma_in_portuguese(qtbot):
    install_language("pt_BR")
    try:
        plot = pg.PlotWidget(axisItems=locale_axes())
        qtbot.addWidget(plot)
        ticks = plot.getAxis("left").tickStrings([0.5, 1.0, 1.5], 1.0, 0.5)
        assert "0,5" in ticks and "0.5" not in ticks
    finally:
        install_language("en")
