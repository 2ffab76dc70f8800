"""Reports that apps add to /healthz beside the infrastructure checks.

The core cannot import the apps built on it, so an app registers a report here in its `ready()`. A report
returns counts of work that needs a person's eye (an alert email not delivered, a check-in the analysis could
not read); any count above zero makes /healthz say "degraded" while the service itself still answers 200.
"""

from collections.abc import Callable

Report = Callable[[], dict[str, int]]
_REPORTS: list[Report] = []


def health_report_register(report: Report) -> None:
    if report not in _REPORTS:
        _REPORTS.append(report)


def health_reports() -> dict[str, int]:
    counts: dict[str, int] = {}
    for report in _REPORTS:
        counts |= report()
    return counts
