"""Source is split into lines where the tokenizer and git split it (workers/rewriting/text_lines.py)."""
from pathlib import Path

from workers.rewriting import text_lines


def test_lines_end_at_newlines_only():
    text = "a\n\x0c\nb\x0bc\u2028d\n\x1ce"
    assert text_lines.lines(text) == ["a", "\x0c", "b\x0bc\u2028d", "\x1ce"]
    assert text_lines.lines(text, keepends=True) == ["a\n", "\x0c\n", "b\x0bc\u2028d\n", "\x1ce"]
    assert len(text.splitlines()) == 8  # what it replaces: every row after a form feed was off by one


def test_the_packages_that_read_source_never_split_it_with_str_splitlines():
    """The guard for the class: three fixes in three places were the same bug."""
    workers = Path(__file__).resolve().parents[2] / "workers"
    found = [path.relative_to(workers).as_posix() for package in ("rewriting", "fixers", "codemods")
             for path in sorted((workers / package).rglob("*.py")) if ".splitlines(" in path.read_text()]
    assert found == []
