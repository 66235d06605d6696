"""A plot axis whose tick labels are written the UI language's way ("0,5" in Portuguese)."""

from __future__ import annotations

import pyqtgraph as pg

from gui.i18n import ui_locale


class LocaleAxis(pg.AxisItem):
    """pyqtgraph's axis, keeping its tick values and precision (log axes too), with the UI's decimal separator."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        point = ui_locale().decimalPoint()
        return [s.replace(".", point) for s in super().tickStrings(values, scale, spacing)]


def locale_axes() -> dict[str, LocaleAxis]:
    """Left and bottom axes for ``pg.PlotWidget(axisItems=locale_axes())``."""
    return {"left": LocaleAxis("left"), "bottom": LocaleAxis("bottom")}
