"""Running a repository's own tests on Python 2.7 and Python 3, before and after a change."""
