"""The PySide6 window: a thin layer over the Qt-free core in :mod:`bodymap`."""
