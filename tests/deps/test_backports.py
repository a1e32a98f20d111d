import pytest

from workers.deps.backports import backports_needed


@pytest.mark.parametrize("text, needed", [
    ("import sgmllib\n", ["sgmllib3k"]),
    ("try:\n    import sgmllib\nexcept ImportError:\n    sgmllib = None\n", ["sgmllib3k"]),
    ("from sgmllib import SGMLParser\n", ["sgmllib3k"]),
    ("import os, sgmllib\n", ["sgmllib3k"]),
    ("import sgmllib3k\n", []),
    ("import htmllib  # uses sgmllib\n", []),
    ("x = 'import sgmllib'\n", []),
])
def test_backports_needed(text, needed):
    assert backports_needed(text) == needed
