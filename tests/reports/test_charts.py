"""Server-side charts: escaped SVG, real PNG, a tile for every country."""

import datetime

from rendezvous.core.countries import _countries
from rendezvous.reports import charts


def test_svg_escapes_every_text_and_is_accessible():
    chart = charts.bar_chart([('<script>alert("x")</script>', 3), ("A & B", 1)], title="Types <b>")
    drawn = charts.svg(chart, chart_id="types")
    assert "<script>" not in drawn and "<b>" not in drawn
    assert "&lt;script&gt;" in drawn and "A &amp; B" in drawn
    assert 'role="img"' in drawn and '<title id="types-title">Types &lt;b&gt;</title>' in drawn


def test_png_is_a_png_of_twice_the_size():
    chart = charts.share_chart([("Participants", 226, 520), ("Speakers", 23, 68)], title="Women")
    image = charts.png(chart)
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(image[16:20], "big")
    assert width == chart.width * 2
    assert "43 per cent women (226 of 520)" in charts.svg(chart)


def test_every_country_has_its_own_tile():
    positions = charts.tile_positions()
    assert set(positions) == set(_countries())
    assert len(set(positions.values())) == len(positions)


def test_empty_charts_say_so():
    assert "No data yet." in charts.svg(charts.bar_chart([], title="Regions"))
    assert "No data yet." in charts.svg(charts.time_series_chart([], title="Over time"))


def test_time_series_and_map_describe_their_numbers():
    day = datetime.date(2022, 10, 1)
    series = charts.time_series_chart([(day, 10, 4), (day + datetime.timedelta(days=3), 25, 20)], title="Over time")
    assert "25 applications received, 20 approved" in series.description
    world = charts.svg(charts.tile_map_chart({"CN": 120, "KE": 3}, title="Map"))
    assert "China: 120 participants" in world and "Kenya: 3 participants" in world


def test_nice_ticks():
    assert charts.nice_ticks(520) == [0, 200, 400, 600]
    assert charts.nice_ticks(3) == [0, 1, 2, 3]
    assert charts.nice_ticks(0) == [0, 1]
