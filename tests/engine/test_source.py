import codecs

import pytest

from workers.files import source


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"x = 1\n",
        b"x = 1",
        b"x = 1\r\ny = 2\r\n",
        b"x = 1\ry = 2\r",
        codecs.BOM_UTF8 + b"x = u'\xc3\xa9'\n",
        "# -*- coding: latin-1 -*-\ns = 'caf\xe9'\n".encode("latin-1"),
    ],
    ids=["empty", "lf", "no-final-newline", "crlf", "cr", "bom", "latin-1"],
)
def test_round_trip_is_byte_identical(data):
    src = source.decode(data)
    assert src.text.endswith("\n")
    assert "\r" not in src.text
    assert src.encode(src.text) == data


def test_edits_keep_crlf_bom_and_encoding():
    data = codecs.BOM_UTF8 + "# coding: utf-8\r\ns = u'é'\r\n".encode("utf-8")
    src = source.decode(data)
    new = src.encode(src.text.replace("s =", "t =") + "u = 1\n")
    assert new == codecs.BOM_UTF8 + "# coding: utf-8\r\nt = u'é'\r\nu = 1\r\n".encode("utf-8")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"x = 1\r\ny = 2\n", "mixed line endings"),
        (b"# -*- coding: klingon -*-\n", "unknown encoding"),
        (b"s = '\xe9'\n", "invalid or missing encoding"),
    ],
)
def test_unreadable_files_get_a_reason(data, reason):
    with pytest.raises(source.SourceError, match=reason):
        source.decode(data)
