"""Charts drawn on the server: laid out once as a list of shapes, then written as SVG (pages) or PNG (Word).

No JavaScript and no plotting library: a chart is a `Chart` of boxes, lines and texts in pixel coordinates. `svg()`
writes it as an inline SVG with every text escaped, a <title> and a <desc> for screen readers; `png()` paints the
same shapes with Pillow (installed with reportlab already; pinned in pyproject.toml because we use it directly)
at twice the size, so the Word document's images stay sharp in print.

The world map is a tile grid (one square per country at a fixed position, see `data/make_tile_grid.py`): small
States stay visible and the map costs a 5 KB table instead of a shape file.
"""

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from html import escape
from pathlib import Path

from django.utils import formats
from django.utils.translation import get_language, gettext, ngettext
from PIL import Image, ImageDraw, ImageFont

from rendezvous.core.countries import un_name

INK, MUTED, LINE, GRID = "#1d2733", "#5b6775", "#d9e1e8", "#eef3f7"
BLUE, NAVY, PALE, EMPTY = "#009edb", "#0b3d62", "#b7e0f3", "#e9eef2"
# Map classes, from few to many participants (UN blues).
MAP_SHADES = ("#cfeaf7", "#8fd0ef", "#3fb1e3", "#0a7fb8", "#0b3d62")
FONT = "Segoe UI, Roboto, Helvetica Neue, Arial, Noto Sans, sans-serif"
TILE_GRID = Path(__file__).with_name("data") / "tile_grid.csv"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: int = 12
    anchor: str = "start"  # start | middle | end, at the baseline
    fill: str = INK
    bold: bool = False


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str = LINE
    width: float = 1


@dataclass(frozen=True)
class Area:
    points: tuple[tuple[float, float], ...]
    fill: str = PALE


@dataclass
class Chart:
    width: int
    height: int
    title: str
    description: str = ""
    shapes: list = field(default_factory=list)

    def add(self, *shapes) -> None:
        self.shapes.extend(shapes)


# ---------------------------------------------------------------------------------------------------------------------
# Writers


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg(chart: Chart, *, chart_id: str = "chart") -> str:
    """The chart as an inline, accessible SVG element (every text escaped)."""
    ident = escape(chart_id)
    # The shapes are laid out left to right ("start"/"end" anchors included): on a right-to-left page the chart keeps
    # its own direction, or Arabic pages would anchor every label at the wrong end; the labels' own text still reads
    # in its script's direction.
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {chart.width} {chart.height}" '
        f'width="{chart.width}" height="{chart.height}" role="img" class="chart" direction="ltr" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="{escape(FONT)}">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
    ]
    for shape in chart.shapes:
        if isinstance(shape, Box):
            tooltip = f"<title>{escape(shape.title)}</title>" if shape.title else ""
            parts.append(
                f'<rect x="{_number(shape.x)}" y="{_number(shape.y)}" width="{_number(shape.width)}" '
                f'height="{_number(shape.height)}" fill="{escape(shape.fill)}" rx="2">{tooltip}</rect>'
            )
        elif isinstance(shape, Text):
            weight = ' font-weight="600"' if shape.bold else ""
            parts.append(
                f'<text x="{_number(shape.x)}" y="{_number(shape.y)}" font-size="{shape.size}" '
                f'text-anchor="{shape.anchor}" fill="{escape(shape.fill)}"{weight}>{escape(shape.text)}</text>'
            )
        elif isinstance(shape, Line):
            points = " ".join(f"{_number(x)},{_number(y)}" for x, y in shape.points)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{escape(shape.stroke)}" '
                f'stroke-width="{_number(shape.width)}" stroke-linejoin="round"/>'
            )
        elif isinstance(shape, Area):
            points = " ".join(f"{_number(x)},{_number(y)}" for x, y in shape.points)
            parts.append(f'<polygon points="{points}" fill="{escape(shape.fill)}"/>')
    parts.append("</svg>")
    return "".join(parts)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


_PIL_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}
# Pillow's built-in font covers Latin-1 only: typographic signs get their plain equivalents in PNGs.
_PLAIN = str.maketrans({"–": "-", "—": "-", "…": "...", "’": "'", "‘": "'", "“": '"', "”": '"'})


def png(chart: Chart, *, scale: int = 2) -> bytes:
    """The chart as PNG bytes, painted with Pillow at `scale` times its size."""
    image = Image.new("RGB", (chart.width * scale, chart.height * scale), "white")
    draw = ImageDraw.Draw(image)

    def at(points):
        return [(x * scale, y * scale) for x, y in points]

    for shape in chart.shapes:
        if isinstance(shape, Box):
            if shape.width > 0 and shape.height > 0:
                x0, y0 = shape.x * scale, shape.y * scale
                draw.rectangle((x0, y0, x0 + shape.width * scale, y0 + shape.height * scale), fill=shape.fill)
        elif isinstance(shape, Text):
            draw.text(
                (shape.x * scale, shape.y * scale),
                shape.text.translate(_PLAIN),
                font=_font(shape.size * scale),
                fill=shape.fill,
                anchor=_PIL_ANCHORS[shape.anchor],
                stroke_width=1 if shape.bold else 0,
                stroke_fill=shape.fill,
            )
        elif isinstance(shape, Line):
            if len(shape.points) > 1:
                draw.line(at(shape.points), fill=shape.stroke, width=max(1, round(shape.width * scale)), joint="curve")
        elif isinstance(shape, Area) and len(shape.points) > 2:
            draw.polygon(at(shape.points), fill=shape.fill)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------------------------
# Layout helpers


def nice_ticks(maximum: float, count: int = 4) -> list[int]:
    """Round axis ticks from 0 to at least `maximum` (0, 50, 100, ...)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step)) if step >= 1 else 1
    top = step * math.ceil(maximum / step)
    return list(range(0, int(top) + 1, step))


def _fit(text: str, size: int, width: float) -> str:
    """`text` shortened with an ellipsis to fit `width` pixels (measured with the PNG font, a fair proxy)."""
    font = _font(size)
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _empty(chart: Chart, message: str = "") -> Chart:
    message = message or gettext("No data yet.")
    chart.add(Text(chart.width / 2, chart.height / 2, message, size=14, anchor="middle", fill=MUTED))
    return chart


def _figure(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _short_date(day: date) -> str:
    # Without the right-to-left marks Arabic's short date carries: inside the left-to-right chart they scramble it.
    return formats.date_format(day, "SHORT_DATE_FORMAT").replace("\u200f", "")


# ---------------------------------------------------------------------------------------------------------------------
# Chart builders


def bar_chart(
    items: Sequence[tuple[str, int]],
    *,
    title: str,
    width: int = 640,
    label_width: int = 250,
    colour: str = BLUE,
    notes: Sequence[str] | None = None,
) -> Chart:
    """Horizontal bars, one per (label, value), values written at the bar ends; `notes` add a muted word per bar."""
    row, top = 26, 8
    chart = Chart(width, max(80, top * 2 + row * len(items)), title)
    if not items:
        return _empty(chart)
    chart.description = "; ".join(f"{label}: {value:,}" for label, value in items)
    most = max(value for _, value in items) or 1
    ends = [_figure(value) + (notes[index] if notes else "") for index, (_, value) in enumerate(items)]
    bar_space = width - label_width - 16 - max(_font(12).getlength(end) for end in ends)
    for index, (label, value) in enumerate(items):
        y = top + index * row
        chart.add(
            Text(label_width - 8, y + 17, _fit(label, 12, label_width - 12), anchor="end"),
            Box(label_width, y + 4, max(2, bar_space * value / most), row - 9, colour, f"{label}: {value:,}"),
            Text(label_width + bar_space * value / most + 6, y + 17, ends[index], fill=MUTED),
        )
    return chart


def grouped_bar_chart(
    groups: Sequence[tuple[str, Sequence[int]]],
    *,
    series: Sequence[str],
    title: str,
    width: int = 640,
    colours: Sequence[str] = (NAVY, BLUE),
) -> Chart:
    """Horizontal bars grouped by label, one bar per series (e.g. registered / attended), with a legend."""
    legend, bar, gap, label_width = 30, 18, 16, 110
    height = legend + len(groups) * (len(series) * (bar + 4) + gap) + 4
    chart = Chart(width, height, title)
    chart.description = "; ".join(
        f"{label}: " + ", ".join(f"{name} {value:,}" for name, value in zip(series, values, strict=True))
        for label, values in groups
    )
    x = 0
    for name, colour in zip(series, colours, strict=False):
        chart.add(Box(x, 6, 12, 12, colour), Text(x + 18, 16, name, fill=MUTED))
        x += 24 + _font(12).getlength(name) + 12
    most = max((value for _, values in groups for value in values), default=0) or 1
    bar_space = width - label_width - 70
    y = legend
    for label, values in groups:
        block = len(series) * (bar + 4)
        chart.add(Text(label_width - 10, y + block / 2 + 4, label, anchor="end", bold=True))
        for index, value in enumerate(values):
            length = bar_space * value / most
            chart.add(
                Box(
                    label_width,
                    y,
                    max(2, length),
                    bar,
                    colours[index % len(colours)],
                    f"{label}, {series[index]}: {value:,}",
                ),
                Text(label_width + length + 6, y + 13, _figure(value), fill=MUTED),
            )
            y += bar + 4
        y += gap
    return chart


def share_chart(items: Sequence[tuple[str, int, int]], *, title: str, width: int = 640):
    """One 100 per cent bar per (label, part, whole) of women: the part in colour, the rest grey, '43 per cent
    women (226 of 520)'."""
    row, label_width = 46, 110
    chart = Chart(width, 16 + row * len(items), title)
    chart.description = "; ".join(
        gettext("%(label)s: %(part)s women of %(whole)s (%(per_cent)s per cent)")
        % {
            "label": label,
            "part": _figure(part),
            "whole": _figure(whole),
            "per_cent": part * 100 // whole if whole else 0,
        }
        for label, part, whole in items
    )
    bar_space = width - label_width - 10
    for index, (label, part, whole) in enumerate(items):
        y = 8 + index * row
        share = part / whole if whole else 0
        per_cent = part * 100 // whole if whole else 0
        chart.add(
            Text(label_width - 10, y + 20, label, anchor="end", bold=True),
            Box(
                label_width,
                y + 6,
                bar_space,
                20,
                EMPTY,
                gettext("%(label)s: %(whole)s in all") % {"label": label, "whole": _figure(whole)},
            ),
            Box(
                label_width,
                y + 6,
                bar_space * share,
                20,
                BLUE,
                gettext("%(label)s: %(part)s women") % {"label": label, "part": _figure(part)},
            ),
            Text(
                label_width,
                y + 42,
                gettext("%(per_cent)s per cent women (%(part)s of %(whole)s)")
                % {"per_cent": per_cent, "part": _figure(part), "whole": _figure(whole)},
                size=11,
                fill=MUTED,
            ),
        )
    return chart


def time_series_chart(points: Sequence[tuple[date, int, int]], *, title: str, width: int = 640, height: int = 240):
    """Running totals by day: applications received (area) and approved (line), with a y axis and first/last dates."""
    chart = Chart(width, height, title)
    if not points:
        return _empty(chart)
    left, right, top, bottom = 48, 16, 30, 28
    last_day, received, approved = points[-1]
    chart.description = gettext(
        "From %(first)s to %(last)s: %(received)s applications received, %(approved)s approved."
    ) % {
        "first": _short_date(points[0][0]),
        "last": _short_date(last_day),
        "received": _figure(received),
        "approved": _figure(approved),
    }
    ticks = nice_ticks(max(received for _, received, _ in points))
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(value):
        return top + plot_h - plot_h * value / ticks[-1]

    for tick in ticks:
        chart.add(
            Line(((left, y_of(tick)), (width - right, y_of(tick))), stroke=GRID),
            Text(left - 6, y_of(tick) + 4, _figure(tick), size=11, anchor="end", fill=MUTED),
        )
    first = points[0][0].toordinal()
    span = max(1, last_day.toordinal() - first)

    def x_of(day):
        return left + plot_w * (day.toordinal() - first) / span if len(points) > 1 else left + plot_w / 2

    received_line = tuple((x_of(day), y_of(value)) for day, value, _ in points)
    approved_line = tuple((x_of(day), y_of(value)) for day, _, value in points)
    if len(points) == 1:
        x = received_line[0][0]
        chart.add(
            Box(
                x - 20,
                received_line[0][1],
                40,
                top + plot_h - received_line[0][1],
                PALE,
                gettext("%(count)s received") % {"count": _figure(received)},
            ),
            Box(
                x - 20,
                approved_line[0][1],
                40,
                top + plot_h - approved_line[0][1],
                BLUE,
                gettext("%(count)s approved") % {"count": _figure(approved)},
            ),
        )
    else:
        baseline = top + plot_h
        chart.add(
            Area(((received_line[0][0], baseline), *received_line, (received_line[-1][0], baseline)), fill=PALE),
            Line(received_line, stroke=BLUE, width=2),
            Line(approved_line, stroke=NAVY, width=2),
        )
    chart.add(
        Line(((left, top + plot_h), (width - right, top + plot_h)), stroke=MUTED),
        Text(
            received_line[0][0] if len(points) == 1 else left,
            height - 8,
            _short_date(points[0][0]),
            size=11,
            anchor="middle" if len(points) == 1 else "start",
            fill=MUTED,
        ),
        Box(left, 6, 12, 12, PALE),
        Text(left + 18, 16, gettext("Received (%(count)s)") % {"count": _figure(received)}, size=12, fill=MUTED),
        Box(left + 160, 6, 12, 12, NAVY),
        Text(left + 178, 16, gettext("Approved (%(count)s)") % {"count": _figure(approved)}, size=12, fill=MUTED),
    )
    if len(points) > 1:
        chart.add(Text(width - right, height - 8, _short_date(last_day), size=11, anchor="end", fill=MUTED))
    return chart


@cache
def tile_positions() -> dict[str, tuple[int, int]]:
    with TILE_GRID.open(encoding="utf-8", newline="") as handle:
        return {row["iso2"]: (int(row["column"]), int(row["row"])) for row in csv.DictReader(handle)}


def map_classes(maximum: int) -> list[int]:
    """Lower bounds of the map's colour classes: 1, then rising geometrically to `maximum` (at most five)."""
    if maximum <= 1:
        return [1]
    bounds = sorted({max(1, round(maximum ** (step / len(MAP_SHADES)))) for step in range(len(MAP_SHADES))})
    return bounds[: len(MAP_SHADES)]


def tile_map_chart(counts: dict[str, int], *, title: str, width: int = 720) -> Chart:
    """A tile-grid world map: one square per country, darker for more participants, empty squares for none."""
    positions = tile_positions()
    columns = 1 + max(column for column, _ in positions.values())
    rows = 1 + max(row for _, row in positions.values())
    cell = width / columns
    legend = 34
    chart = Chart(width, round(rows * cell + legend), title)
    chart.description = ngettext(
        "%(count)s country with participants; the table below lists it with its number.",
        "%(count)s countries with participants; the table below lists them with their numbers.",
        len(counts),
    ) % {"count": len(counts)}
    bounds = map_classes(max(counts.values(), default=0))
    for iso2, (column, row) in sorted(positions.items()):
        count = counts.get(iso2, 0)
        shade = EMPTY
        if count:
            shade = MAP_SHADES[max(index for index, bound in enumerate(bounds) if count >= bound)]
        x, y = column * cell, row * cell
        label = (
            ngettext("%(country)s: %(count)s participant", "%(country)s: %(count)s participants", count)
            % {"country": un_name(iso2, get_language()), "count": _figure(count)}
            if count
            else un_name(iso2, get_language())
        )
        chart.add(Box(x + 1, y + 1, cell - 2, cell - 2, shade, label))
        if count:
            ink = "#ffffff" if shade in MAP_SHADES[2:] else INK
            chart.add(Text(x + cell / 2, y + cell / 2 + 3.5, iso2, size=9, anchor="middle", fill=ink))
    y = rows * cell + 12
    chart.add(Box(0, y, 14, 14, EMPTY), Text(20, y + 11, gettext("none"), size=11, fill=MUTED))
    x = 70.0
    for index, bound in enumerate(bounds):
        upper = bounds[index + 1] - 1 if index + 1 < len(bounds) else None
        label = _figure(bound) if upper == bound else f"{bound:,}–{upper:,}" if upper else f"{bound:,}+"
        chart.add(Box(x, y, 14, 14, MAP_SHADES[index]), Text(x + 20, y + 11, label, size=11, fill=MUTED))
        x += 30 + _font(11).getlength(label)
    return chart


# ---------------------------------------------------------------------------------------------------------------------
# The statistics page's charts


HALF, FULL = 520, 1080  # natural widths of the page's half-width and full-width charts, in pixels


def edition_charts(statistics, *, half: int = HALF, full: int = FULL) -> dict[str, Chart]:
    """Every chart of the statistics page, by the name of its CSV (`services.CHARTS`), from `EditionStatistics`.

    `half` and `full` are the widths of the smaller and the wider charts (the Word document asks for narrower ones,
    so that its text prints at a readable size on A4)."""
    from .services import CHARTS

    running, received, approved = [], 0, 0
    for day in statistics.days:
        received += day.received
        approved += day.approved
        running.append((day.day, received, approved))
    agencies = statistics.agencies
    return {
        "registrations": time_series_chart(running, title=CHARTS["registrations"], width=full, height=260),
        "countries": tile_map_chart(
            {c.iso2: c.count for c in statistics.countries}, title=CHARTS["countries"], width=min(full, 880)
        ),
        "regions": bar_chart(
            [(gettext(region), count) for region, count in statistics.regions],
            title=CHARTS["regions"],
            width=half,
            label_width=110,
        ),
        "women": share_chart(
            [
                (gettext("Participants"), statistics.women, statistics.registered),
                (gettext("Speakers"), statistics.speakers_women, statistics.speakers),
            ],
            title=CHARTS["women"],
            width=half,
        ),
        "organisation-types": bar_chart(
            statistics.organisation_types, title=CHARTS["organisation-types"], width=half, label_width=200
        ),
        "attendance": grouped_bar_chart(
            [
                (gettext("In person"), (statistics.in_person, statistics.attended_in_person)),
                (gettext("Online"), (statistics.online, statistics.attended_online)),
            ],
            series=(gettext("Registered"), gettext("Attended")),
            title=CHARTS["attendance"],
            width=half,
        ),
        "space-agencies": bar_chart(
            [(agency.name, agency.participants) for agency in agencies],
            title=CHARTS["space-agencies"],
            width=full,
            label_width=round(full * 0.46),
            notes=["  · " + gettext("head of agency level") if agency.heads else "" for agency in agencies],
        ),
    }
