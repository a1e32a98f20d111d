"""The benchmark's printed tables and its results.json."""
import json
import os
import platform
import time

import bench_suites

TOOLS = ("py3bridge", "modernize", "futurize")


def _tools(r):
    """The tools that ran on this package (`--tools` can leave the peers out)."""
    return tuple(r.get("tools", TOOLS))
WALL_LABEL = {"py3bridge": "apply --stage all", "modernize": "-w -n", "futurize": "-w -n --nobackups"}


def _ratio(ok, total):
    return "%d/%d" % (ok, total)


def _tests(suite):
    if suite is None:
        return "-"
    text = "%d/%d/%d/%d" % (suite.run, suite.passed, suite.failed, suite.errors)
    return text + (" crashed" if suite.crash else "")


def _row(label, *cells, widths=(37, 16, 20, 20, 20)):
    parts = [label.ljust(widths[0])] + [str(c).ljust(w) for c, w in zip(cells, widths[1:])]
    return ("  " + "".join(parts)).rstrip()


def _compiled_rows(r):
    total, compiled = r["files"], [r["before"]] + [r[t]["compiled"] for t in _tools(r)]
    py3 = [_ratio(c.to_json()["py3_ok"], total) for c in compiled]
    py27 = [_ratio(c.to_json()["py27_ok"], total) for c in compiled]
    return [_row("files parsing on 3.11", *py3), _row("files compiling on 2.7", *py27)]


def _lost(r, tool):
    """"N (id)" or "N (count)": tests passing on 2.7 before and not after the tool."""
    py27 = r["tests"]["py27"]
    count, how = bench_suites.lost(py27["before"], py27[tool])
    return "%d (%s)" % (count, "id" if how.startswith("by test id") else "count")


def lost_ids(r, tool):
    """Every test id passing on 2.7 before and not after the tool ([] when not compared by id)."""
    py27 = r["tests"]["py27"]
    before, after = py27["before"], py27[tool]
    if not (before.ids_complete and after.ids_complete):
        return []
    return sorted((before.passed_ids - after.passed_ids).elements())


def _suite_rows(r):
    if not r["tests"]:
        return []
    py27, py3, tools = r["tests"]["py27"], r["tests"]["py3"], _tools(r)
    rows = [_row("2.7 suite run/passed/failed/errors", *(_tests(py27.get(k)) for k in ("before",) + tools)),
            _row("2.7 tests lost (counted by)", "", *(_lost(r, t) for t in tools)),
            _row("Python %s suite run/passed/failed/err" % r["corpus"]["py3_python"], "", *(_tests(py3.get(t)) for t in tools))]
    for tool in tools:
        names = lost_ids(r, tool)
        shown = names if tool == "py3bridge" else names[:10]  # every one of py3bridge's, the peers' first ten
        if names:
            rows.append("  2.7 tests lost after %s: %s%s" % (tool, "; ".join(shown), (
                "; and %d more" % (len(names) - len(shown))) if len(names) > len(shown) else ""))
    for label, suite in py27.items():
        if suite.crash:
            rows.append("  2.7 suite on %s printed no summary: %s" % (label, suite.crash))
    for label, suite in py3.items():
        if suite.crash:
            rows.append("  Python %s suite on %s printed no summary: %s" % (r["corpus"]["py3_python"], label, suite.crash))
        elif suite.failed + suite.errors and suite.top_error:
            rows.append("  Python %s suite on %s, most frequent error: %s" % (r["corpus"]["py3_python"], label, suite.top_error))
    return rows


def _timing_rows(r):
    runs = [r[t]["run"] for t in _tools(r)]
    return [
        _row("wall s: py3bridge plan --no-cache", "", "%.2f" % r["py3bridge"]["plan"]["wall_s"]),
        _row("wall s: conversion (%s)" % " | ".join(WALL_LABEL[t] for t in _tools(r))),
        _row("", "", *("%.2f" % run["wall_s"] for run in runs)),
        _row("peak RSS MB (tree/largest): conversion", "", *("%.0f/%.0f" % (run["tree_rss_mb"], run["proc_rss_mb"]) for run in runs)),
    ]


def package_block(r):
    lines = ["%s %s: %d files, %d lines" % (r["name"], r["version"], r["files"], r["lines"]),
             _row("", "before", *_tools(r))]
    lines += _compiled_rows(r)
    lines += _suite_rows(r)
    lines.append(_row("lines changed +/-", "", *("+%d/-%d" % (r[t]["lines_added"], r[t]["lines_removed"]) for t in _tools(r))))
    lines.append(_row("second run changes nothing", "", *("yes" if r[t]["idempotent"] else "NO (%d files)" % len(
        r[t]["changed_by_second_run"]) for t in _tools(r))))
    lines += _timing_rows(r)
    for tool in _tools(r):
        if r[tool].get("run_error") or r[tool].get("apply_error"):
            lines.append("  %s failed: %s" % (tool, r[tool].get("run_error") or r[tool].get("apply_error")))
    for item in r["py3bridge"]["not_applied"]:
        lines.append("  py3bridge did not apply %s (%s): %s" % (item["path"], item["status"], item.get("reason", "")))
    lines += ["  %-4s  %s: %s" % check for check in r["checks"]]
    return "\n".join(lines)


_SUMMARY_HEAD = ("package", "tool", "3.11 ok", "2.7 ok", "2.7 passed", "2.7 lost", "py3 run/pass/fail/err",
                 "lines +/-", "2nd run", "wall s")
_SUMMARY_FMT = "%-18s %-10s %-9s %-9s %-10s %-8s %-24s %-12s %-7s %6s"


def _numbers(r, tool):
    """The summary-table numbers of one tool on one package."""
    compiled, tests = r[tool]["compiled"].to_json(), r["tests"]
    numbers = {
        "files": r["files"], "py3_ok": compiled["py3_ok"], "py27_ok": compiled["py27_ok"],
        "passed": tests["py27"][tool].passed if tests else None,
        "before": tests["py27"]["before"].passed if tests else None,
        "lost": bench_suites.lost(tests["py27"]["before"], tests["py27"][tool])[0] if tests else None,
        "py3": (lambda s: (s.run, s.passed, s.failed, s.errors))(tests["py3"][tool]) if tests else None,
        "added": r[tool]["lines_added"], "removed": r[tool]["lines_removed"],
        "idempotent": int(r[tool]["idempotent"]), "wall": r[tool]["run"]["wall_s"],
    }
    numbers["crashed"] = bool(tests and tests["py3"][tool].crash)
    return numbers


def _add(a, b):
    if a is None or b is None:
        return a if b is None else b
    if isinstance(a, bool):
        return a or b
    return tuple(x + y for x, y in zip(a, b)) if isinstance(a, tuple) else a + b


def _summary_line(name, tool, n, idempotent, total=False):
    py3 = "%d/%d/%d/%d" % n["py3"] if n["py3"] else "-"
    if n["crashed"] and not total:
        py3 += " crashed"
    return _SUMMARY_FMT % (
        name, tool, _ratio(n["py3_ok"], n["files"]), _ratio(n["py27_ok"], n["files"]),
        _ratio(n["passed"], n["before"]) if n["passed"] is not None else "-",
        n["lost"] if n["lost"] is not None else "-", py3,
        "+%d/-%d" % (n["added"], n["removed"]), idempotent, "%.1f" % n["wall"],
    )


def summary_table(results):
    lines, totals = [_SUMMARY_FMT % _SUMMARY_HEAD], {}
    tools = [t for t in TOOLS if any(t in _tools(r) for r in results)]
    for r in results:
        for tool in _tools(r):
            n = _numbers(r, tool)
            lines.append(_summary_line(r["name"] if tool == _tools(r)[0] else "", tool, n, "yes" if n["idempotent"] else "NO"))
            totals[tool] = n if tool not in totals else {key: _add(totals[tool][key], n[key]) for key in n}
    for tool in tools:
        lines.append(_summary_line("TOTAL" if tool == tools[0] else "", tool, totals[tool],
                                   "%d/%d" % (totals[tool]["idempotent"], len(results)), total=True))
    return "\n".join(lines)


def checks_table(results):
    """Every PASS/FAIL line of py3bridge's targets, package by package."""
    return "\n".join("%-4s  %-18s %s: %s" % (status, r["name"], check, detail)
                     for r in results for status, check, detail in r["checks"])


def django_block(d):
    cold, warm, mod = d["plan_cold"], d["plan_warm"], d["modernize"]
    compiled = d["modernize_compiled"]
    lines = [
        "Django 1.4.22 (scale): %d files, %d lines; before: %d parse on 3.11, %d compile on 2.7"
        % (d["files"], d["lines"], d["compiled_before"]["py3_ok"], d["compiled_before"]["py27_ok"]),
        "  py3bridge plan, cold (empty cache dir)   %6.2f s   peak RSS %4.0f MB tree, %4.0f MB largest process"
        % (cold["wall_s"], cold["tree_rss_mb"], cold["proc_rss_mb"]),
        "  py3bridge plan, warm (%d files edited)   %6.2f s   peak RSS %4.0f MB tree, %4.0f MB largest process"
        % (len(d["edited"]), warm["wall_s"], warm["tree_rss_mb"], warm["proc_rss_mb"]),
        "  python-modernize (%s)\n  %40s %6.2f s   peak RSS %4.0f MB tree, %4.0f MB largest process"
        % (d["modernize_mode"], "", mod["wall_s"], mod["tree_rss_mb"], mod["proc_rss_mb"]),
        "  after python-modernize: %d/%d parse on 3.11, %d/%d compile on 2.7"
        % (compiled["py3_ok"], d["files"], compiled["py27_ok"], d["files"]),
        "  cold plan / modernize: %.2f" % (cold["wall_s"] / mod["wall_s"]),
    ]
    lines += ["  %-4s  target: %s: %s" % target for target in d["targets"]]
    return "\n".join(lines)


def render(results, django, elapsed, load):
    parts = [package_block(r) for r in results]
    if results:
        parts.append("Summary (2.7 passed = passed after / passed before; 2.7 lost = tests passing before and not after,"
                     " by id where recorded; py3 = the package's suite on its corpus py3_python; wall s = the"
                     " conversion run)\n" + summary_table(results))
        parts.append("py3bridge targets\n" + checks_table(results))
    if django:
        parts.append(django_block(django))
    parts.append("Benchmark took %.0f s; 1-minute load average %.2f at the start, %.2f at the end "
                 "(timings are only comparable on an otherwise idle machine)." % ((elapsed,) + load))
    return "\n\n".join(parts)


def _package_json(r):
    data = {k: r[k] for k in ("name", "version", "files", "lines", "corpus")}
    data["before"] = r["before"].to_json()
    data["tools"] = list(_tools(r))
    for tool in _tools(r):
        data[tool] = {k: v for k, v in r[tool].items() if k != "compiled"}
        data[tool].update(r[tool]["compiled"].to_json())
    tests = r["tests"]
    data["tests"] = {where: {k: v.to_json() for k, v in tests[where].items()} for where in tests} if tests else None
    if tests:
        data["tests_lost_py27"] = {t: dict(zip(("count", "how"), bench_suites.lost(tests["py27"]["before"], tests["py27"][t])),
                                          ids=lost_ids(r, t) if t == "py3bridge" else lost_ids(r, t)[:50])
                                   for t in _tools(r)}
    data["checks"] = [{"status": s, "check": name, "detail": detail} for s, name, detail in r["checks"]]
    return data


def write_json(path, results, django, elapsed, load, options):
    data = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": platform.platform(), "cpus": os.cpu_count(),
        "options": options, "elapsed_s": round(elapsed, 1), "load_average": {"start": load[0], "end": load[1]}, "packages": [_package_json(r) for r in results], "django": django,
    }
    if django:
        data["django"] = dict(django, targets=[{"status": s, "target": n, "detail": d} for s, n, d in django["targets"]])
    path.write_text(json.dumps(data, indent=2) + "\n")
