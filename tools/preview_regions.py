"""Draw region files' raw polygons on the posterior diagram (an authoring aid).

    QT_QPA_PLATFORM=offscreen python tools/preview_regions.py regions/piriformis.yaml --out /tmp/p.png [--landmarks]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QImage, QPainter, QPen, QPolygonF
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
COLOURS = {"essential": QColor(214, 40, 40, 150), "spillover": QColor(240, 130, 60, 90), "rare": QColor(240, 190, 60, 70)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--landmarks", action="store_true")
    args = ap.parse_args()
    app = QGuiApplication([])  # noqa: F841
    renderer = QSvgRenderer(str(ROOT / "assets" / "posterior.svg"))
    img = QImage(760, 1500, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(p, QRectF(0, 0, 760, 1500))
    for f in args.files:
        data = yaml.safe_load(f.read_text())
        for trp in data["trigger_points"]:
            for z in trp["zones"]:
                if z["view"] != "posterior":
                    continue
                p.setPen(QPen(COLOURS[z["kind"]].darker(150), 1))
                p.setBrush(QBrush(COLOURS[z["kind"]]))
                p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in z["polygon"]]))
            site = trp.get("sites", {}).get("posterior")
            if site:
                p.setPen(QPen(QColor("black"), 3))
                x, y = site
                p.drawLine(QPointF(x - 7, y - 7), QPointF(x + 7, y + 7))
                p.drawLine(QPointF(x - 7, y + 7), QPointF(x + 7, y - 7))
                p.setFont(QFont("DejaVu Sans", 9))
                p.drawText(QPointF(x + 9, y - 6), f"{data['id']}:{trp['id']}")
    if args.landmarks:
        lm = yaml.safe_load((ROOT / "assets" / "posterior.yaml").read_text())
        p.setFont(QFont("DejaVu Sans", 7))
        for name, (x, y) in {**lm["midline"], **{"R-" + k: v for k, v in lm["right"].items()}}.items():
            p.setPen(QPen(QColor(0, 90, 200), 1))
            p.setBrush(QColor(0, 90, 200))
            p.drawEllipse(QPointF(x, y), 2.5, 2.5)
            p.drawText(QPointF(x + 4, y + 3), name)
    p.end()
    img.save(str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
