"""The chứng thực calculator on a phone (issue 17): each box under its own label, so "Số bản" is
never read as the page-count box's label and the second box is labelled."""

from __future__ import annotations

import pytest

from .helpers import open_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [320, 360, 412, 1280])
def test_each_calculator_box_sits_under_its_own_label(browser: object, site_url: str, width: int) -> None:
    page, _, errors = open_page(browser, site_url + "thu-tuc/2.000815/", width)
    form = page.locator("form.ck-calc").first  # type: ignore[attr-defined]
    boxes = form.locator("input").all()
    assert len(boxes) == 2
    for box in boxes:
        label = form.locator(f'label[for="{box.get_attribute("id")}"]')
        assert label.inner_text().strip(), "a box without a visible label"
        own, field = label.bounding_box(), box.bounding_box()
        # the label is just above its box and overlaps it horizontally
        assert own["y"] + own["height"] <= field["y"] + 1
        assert field["y"] - (own["y"] + own["height"]) < 16
        assert own["x"] < field["x"] + field["width"] and field["x"] < own["x"] + own["width"]
    # no label shares a line with the other field's box
    first_box, second_label = boxes[0].bounding_box(), form.locator("label").nth(1).bounding_box()
    same_line = (
        abs((first_box["y"] + first_box["height"] / 2) - (second_label["y"] + second_label["height"] / 2))
        < first_box["height"] / 2
    )
    assert not same_line
    assert form.locator("label").nth(1).inner_text().strip() == "Số bản"
    assert errors == []
    page.context.close()  # type: ignore[attr-defined]
