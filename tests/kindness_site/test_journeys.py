"""A browser journey whose feature went missing is a failing test, not a test that vanished.

Runs without a browser: it checks what ``@journey`` hands to pytest.
"""

import pytest

from tests.browser.journeys import Feature, journey


def _drive_the_video() -> None:
    """Stands for a browser journey."""


def test_a_journey_whose_feature_exists_is_the_test_itself():
    present = Feature(
        templates=("blocks/video_block.html",), scripts=(("js/site.js", "data-video-embed"),)
    )
    assert journey("video", when=present)(_drive_the_video) is _drive_the_video


def test_a_renamed_script_marker_fails_the_journey_and_says_what_is_missing():
    renamed = Feature(scripts=(("js/site.js", "data-video-embed-renamed"),))
    test = journey("video", when=renamed)(_drive_the_video)
    assert test is not None and test.__name__ == "_drive_the_video"  # still collected by pytest
    with pytest.raises(pytest.fail.Exception, match="data-video-embed-renamed"):
        test()


def test_a_missing_template_or_model_fails_the_journey():
    gone = Feature(models=("pages.NoSuchPage",), templates=("pages/no_such_page.html",))
    with pytest.raises(pytest.fail.Exception, match=r"model pages\.NoSuchPage.*no_such_page"):
        journey("gone", when=gone)(_drive_the_video)()
