"""Which lines of which files a change touched (line numbers on the after side)."""
import difflib
from pathlib import Path

from workers.engine.tree import python_files


def changed_lines(before_dir, after_dir):
    """{relative path: sorted line numbers added or modified in after_dir}, for Python files."""
    before_dir, after_dir = Path(before_dir), Path(after_dir)
    changed = {}
    for path in python_files(after_dir):
        new = (after_dir / path).read_bytes()
        old_path = before_dir / path
        old = old_path.read_bytes() if old_path.exists() else b""
        if new == old:
            continue
        lines = _added_lines(old.decode("utf-8", "replace").splitlines(), new.decode("utf-8", "replace").splitlines())
        if lines:
            changed[path] = lines
    return changed


def _added_lines(old, new):
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            lines.extend(range(j1 + 1, j2 + 1))
    return lines
