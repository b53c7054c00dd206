from toolkit.compare import charts


def test_it_escapes_text_and_names_the_chart():
    chart = charts.bar_chart(
        id="c1", title="<script>x</script>", summary="A & B", rows=[("<b>R</b>", 40), ("S", None)]
    )
    svg = str(chart.svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert "A &amp; B" in svg and "style=" not in svg
    assert chart.rows == [["<b>R</b>", 40], ["S", None]]


def test_it_patterns_every_series_and_prints_totals():
    chart = charts.stacked_bar_chart(
        id="c2",
        title="T",
        summary="S",
        categories=["A", "B"],
        series=["x", "y", "z"],
        values=[[1, 2, 0], [0, 0, 5]],
    )
    svg = str(chart.svg)
    assert svg.count("<pattern") == 3
    assert ">3<" in svg and ">5<" in svg
    assert chart.rows[0][-1] == 3


def test_it_shades_and_prints_every_heat_cell():
    chart = charts.heat_matrix(
        id="c3",
        title="T",
        summary="S",
        row_labels=["A"],
        col_labels=["1", "2", "3"],
        values=[[0, 85, None]],
        unit="%",
    )
    svg = str(chart.svg)
    assert charts.HEAT[0][0] in svg and charts.HEAT[4][0] in svg
    assert "85%" in svg and "—" in svg
    assert [charts.heat_step(v) for v in (0, 19, 20, 99, 100, None)] == [0, 0, 1, 4, 4, None]
