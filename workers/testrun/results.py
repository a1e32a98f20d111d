"""Reading what a test run did: JUnit XML where the runner writes it, else unittest's own text.

Outcomes are per test id: passed, failed, error, skipped. Import/collection failures (most test
modules on Python 3 before migration) are counted apart from test failures. Each failing test, each
module that did not import, and the error of a suite that ran no test at all keep their traceback
text (bounded: its start and its end, where the innermost frames and the exception are), for
workers/testrun/blockers.py to find the cause.
"""
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

PASSED, FAILED, ERROR, SKIPPED = "passed", "failed", "error", "skipped"
# `test_x (module.Class) ... ok`; a docstring may put the "... " on the next line, and output the
# test itself printed may come between "... " and the status word.
_TEST_HEADER = re.compile(r"^([\w.]+) \(([\w.]+)\)(?:\n[^\n]*?)? \.\.\. ", re.MULTILINE)
_STATUS_WORD = re.compile(r"(ok|FAIL|ERROR|skipped(?: .*)?|expected failure|unexpected success)$", re.MULTILINE)
_FAILURE_HEADER = re.compile(r"^(FAIL|ERROR): ([\w.]+) \(([\w.]+)\)\n(?:[^\n-][^\n]*\n)?-{20,}\n(.*?)(?=^={20,}|^-{20,}|\Z)", re.MULTILINE | re.DOTALL)
_RAN = re.compile(r"^Ran (\d+) tests? in", re.MULTILINE)
_FAILED_COUNTS = re.compile(r"^FAILED \(([^)]*)\)", re.MULTILINE)
_IMPORT_FAILURE_MARKERS = ("_FailedTest", "ModuleImportFailure")
_STATUS = {"ok": PASSED, "FAIL": FAILED, "ERROR": ERROR, "skipped": SKIPPED, "expected failure": PASSED,
           "unexpected success": FAILED}
TRACEBACK_LINES = 12
TRACEBACK_HEAD, TRACEBACK_TAIL = 1000, 6000  # characters kept of a traceback's start and end
_TRACEBACK_START = re.compile(r"^Traceback \(most recent call last\):$|^ImportError while loading conftest", re.MULTILINE)


@dataclass
class TestRun:
    outcomes: dict = field(default_factory=dict)  # test id -> status
    details: dict = field(default_factory=dict)  # test id -> first lines of the traceback
    import_errors: list = field(default_factory=list)  # modules/files that failed to import or collect
    ran: int = None  # the runner's own count ("Ran N tests"), when it printed one
    reported_failures: int = None
    reported_errors: int = None
    source: str = ""  # "junit", "unittest output" or "" when nothing could be read
    tracebacks: dict = field(default_factory=dict)  # test id -> traceback text (bounded), failing tests
    # one per import_errors entry, in the same order: its traceback text (bounded), or "". A list,
    # since nose names every module it could not import `nose.failure.Failure.runTest`.
    import_tracebacks: list = field(default_factory=list)
    startup_error: str = ""  # no test result at all: the output's last traceback (bounded), if any

    def count(self, status):
        return sum(1 for s in self.outcomes.values() if s == status)

    @property
    def total(self):
        return len(self.outcomes) if self.outcomes else (self.ran or 0)


def _is_import_failure(where):
    return any(marker in where for marker in _IMPORT_FAILURE_MARKERS)


def _test_id(name, where):
    """unittest prints `test (module.Class)` (2.7) or `test (module.Class.test)` (3.11+)."""
    return where if where.endswith("." + name) else "%s.%s" % (where, name)


def _first_lines(text):
    return "\n".join(text.strip().splitlines()[:TRACEBACK_LINES])


def bounded(text, head=TRACEBACK_HEAD, tail=TRACEBACK_TAIL):
    """The text whole when short; else its first `head` and last `tail` characters, cut at lines."""
    text = text.strip("\n")
    if len(text) <= head + tail + 100:
        return text
    start = text[:head].rpartition("\n")[0] or text[:head]
    end = text[-tail:].partition("\n")[2] or text[-tail:]
    return "%s\n… %d characters cut …\n%s" % (start, len(text) - len(start) - len(end), end)


def last_error(output):
    """The output's last traceback (from its "Traceback" line, or pytest's conftest error), else ""."""
    starts = list(_TRACEBACK_START.finditer(output))
    return bounded(output[starts[-1].start():]) if starts else ""


def _verbose_results(output):
    headers = list(_TEST_HEADER.finditer(output))
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(output)
        status = _STATUS_WORD.search(output, header.end(), end)
        if status:
            word = "skipped" if status.group(1).startswith("skipped") else status.group(1)
            yield header.group(1), header.group(2), word


# Output of another stream sharing the line: Django's `  Applying sites.0001_initial...` (its
# " OK" still buffered) with the next `test_x (mod.Class) ... ok` written right after it.
_GLUED_HEADER = re.compile(r"(\.\.\.(?: ?(?:OK|DONE|FAKED))?) ?(?=[A-Za-z_]\w* \([\w.]+\)(?:[^\n]*? \.\.\. |\n))")


def parse_unittest_output(output):
    output = _GLUED_HEADER.sub("\\1\n", output)
    run = TestRun(source="unittest output")
    for name, where, word in _verbose_results(output):
        test_id = _test_id(name, where)
        if _is_import_failure(where):
            run.import_errors.append(name)
            run.import_tracebacks.append("")
            continue
        run.outcomes[test_id] = _STATUS[word]
    for kind, name, where, body in _FAILURE_HEADER.findall(output):
        if _is_import_failure(where):
            if name not in run.import_errors:
                run.import_errors.append(name)
                run.import_tracebacks.append("")
            run.import_tracebacks[run.import_errors.index(name)] = bounded(body)
            continue
        test_id = _test_id(name, where)
        run.details[test_id] = _first_lines(body)
        run.tracebacks[test_id] = bounded(body)
        run.outcomes.setdefault(test_id, FAILED if kind == "FAIL" else ERROR)
    ran = _RAN.findall(output)
    if ran:
        run.ran = sum(int(n) for n in ran)
        failures = errors = 0
        for counts in _FAILED_COUNTS.findall(output):
            for item in counts.split(","):
                key, _, value = item.strip().partition("=")
                if key == "failures":
                    failures += int(value)
                elif key == "errors":
                    errors += int(value)
        run.reported_failures, run.reported_errors = failures, errors
    if not run.outcomes and run.ran is None:
        run.source = ""
    if not run.outcomes and not run.import_errors:
        run.startup_error = last_error(output)
    return run


def parse_junit(xml_text):
    """TestRun from JUnit XML (pytest, nose); None when the text is not JUnit XML."""
    try:
        root = ElementTree.fromstring(xml_text)
    except ElementTree.ParseError:
        return None
    run = TestRun(source="junit")
    for case in root.iter("testcase"):
        classname, name = case.get("classname", ""), case.get("name", "")
        test_id = "%s.%s" % (classname, name) if classname else name
        status, body, message = PASSED, "", ""
        for child in case:
            if child.tag in ("failure", "error"):
                status = FAILED if child.tag == "failure" else ERROR
                message = child.get("message") or ""
                body = (child.text or message).strip()
            elif child.tag == "skipped":
                status = SKIPPED
        if status == ERROR and _is_collection_error(classname, message):
            run.import_errors.append(test_id)
            run.import_tracebacks.append(bounded(body) if body else "")
            continue
        run.outcomes[test_id] = status
        if body:
            run.details[test_id] = _first_lines(body)
            if status in (FAILED, ERROR):
                run.tracebacks[test_id] = bounded(body)
    run.ran = len(run.outcomes)
    return run


def _is_collection_error(classname, message):
    """pytest reports a module it could not import as a "collection failure"; nose as a Failure test."""
    return message == "collection failure" or classname.startswith("nose.failure")
