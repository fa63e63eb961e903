"""Generate ``tile_grid.csv``: one square per country at a fixed grid position, for the statistics page's world map.

Run from the project root: ``.venv/bin/python -m rendezvous.reports.data.make_tile_grid`` (deterministic).

Why a tile grid and not a choropleth of country shapes: every country gets the same visible square, so the small
States that make up much of a workshop's list (Bahrain, Luxembourg, Singapore, Rwanda) are as readable as the large
ones, and the map ships as a 5 KB table instead of a shape file. Positions come from each country's centroid in the
UN OCHA Countries & Territories Taxonomy (the ``Latitude``/``Longitude`` columns of the copy shipped with
hdx-python-country, MIT licence — see ``core/data/LICENSE-hdx-python-country.txt``), projected onto a grid of
``COLUMNS`` x ``ROWS`` cells; where two countries fall into one cell the later one moves to the nearest free cell.
Countries are placed from the least crowded part of the world to the most crowded, so that oceans stay open and
crowded regions (Europe, the Caribbean) spread into the nearby sea rather than pushing far-away countries around.
"""

import csv
import math
from collections import Counter
from pathlib import Path

from hdx.location import country as hdx_country

from rendezvous.core.countries import _countries

TARGET = Path(__file__).with_name("tile_grid.csv")
COLUMNS, ROWS = 34, 17
TAXONOMY = Path(hdx_country.__file__).with_name("Countries & Territories Taxonomy MVP - C&T Taxonomy.csv")
LAT_TOP, LAT_BOTTOM = 72.0, -48.0
# Codes the taxonomy gives no centroid for: United States Minor Outlying Islands, placed at Johnston Atoll.
MISSING_CENTROIDS = {"UM": (16.7, -169.5)}


def _centroids() -> dict[str, tuple[float, float]]:
    wanted = set(_countries())
    with TAXONOMY.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    centroids = {}
    for row in rows:
        code = row["ISO 3166-1 Alpha 2-Codes"]
        if code in wanted and row["Latitude"] and row["Longitude"] and row["Deprecated"] != "Y":
            centroids.setdefault(code, (float(row["Latitude"]), float(row["Longitude"])))
    return {code: position for code, position in MISSING_CENTROIDS.items() if code in wanted} | centroids


def _ideal(lat: float, lon: float) -> tuple[float, float]:
    column = (lon + 170.0) / 360.0 * COLUMNS
    row = (LAT_TOP - min(max(lat, LAT_BOTTOM), LAT_TOP)) / (LAT_TOP - LAT_BOTTOM) * (ROWS - 1)
    return column % COLUMNS, row


def layout() -> dict[str, tuple[int, int]]:
    ideal = {code: _ideal(*position) for code, position in _centroids().items()}
    crowding = Counter((round(column), round(row)) for column, row in ideal.values())
    order = sorted(ideal, key=lambda code: (crowding[tuple(map(round, ideal[code]))], code))
    taken: dict[tuple[int, int], str] = {}
    placed = {}
    for code in order:
        column, row = ideal[code]
        free = (
            (cell_column, cell_row)
            for cell_column in range(COLUMNS)
            for cell_row in range(ROWS)
            if (cell_column, cell_row) not in taken
        )
        cell = min(free, key=lambda cell: (math.hypot(cell[0] - column, (cell[1] - row) * 1.2), cell))
        taken[cell] = code
        placed[code] = cell
    return placed


def main() -> None:
    placed = layout()
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["iso2", "column", "row"])
        for code in sorted(placed):
            writer.writerow([code, *placed[code]])
    print(f"{len(placed)} countries written to {TARGET}")


if __name__ == "__main__":
    main()
