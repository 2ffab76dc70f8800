from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from surveys.models import Checkin
from surveys.selectors import current_week
from surveys.weeks import week_start
from wellbeing import policy
from wellbeing.fields import decrypt_text
from wellbeing.models import AccessLog, Consent, Group, Membership, School, User
from wellbeing.services import access_log_record

from .aggregates import REASON_CHANGED, suppressed_stats
from .charts import SERIES, ChartWeek, HistorySummary, chart_fingerprint, history_summary
from .models import (
    CheckinScore,
    ConcernLevel,
    HelpRequest,
    HelpRequestEvent,
    Notification,
    WeekAggregate,
    WeekPublication,
)

HISTORY_WEEKS = 8


def group_list_for_viewer(viewer) -> QuerySet[Group]:
    return policy.groups_visible(viewer).select_related("school").order_by("school__name", "name")


def group_get_for_viewer(viewer, group_id: int) -> Group:
    """The group if the viewer may see it; 404 otherwise, whether or not it exists."""
    group = group_list_for_viewer(viewer).filter(pk=group_id).first()
    if group is None:
        raise Http404
    return group


def _published_for(viewer, school: School) -> QuerySet[WeekAggregate]:
    """The school's published figures that this viewer reads: those of the viewer's audience.

    A figure computed before a student chose to share earlier check-ins may still count someone this viewer
    now sees individually; until its week is republished (minutes, see services.school_weeks_republish) it is
    shown as suppressed rather than as it was.
    """
    audience = policy.aggregate_audience(viewer, school.pk)
    return WeekAggregate.objects.filter(school=school, audience=audience).annotate(
        stale=Exists(
            Consent.objects.filter(
                student__school_id=school.pk,
                granted=True,
                include_earlier=True,
                updated_at__gt=OuterRef("computed_at"),
            )
        )
        if audience != WeekAggregate.Audience.ALL
        else Value(False)
    )


def _guarded(cells: list[WeekAggregate]) -> list[WeekAggregate]:
    for cell in cells:
        if cell.stale and not cell.suppressed:
            cell.suppressed, cell.suppressed_reason = True, REASON_CHANGED
            cell.text_suppressed, cell.text_suppressed_reason = True, REASON_CHANGED
            cell.stats = suppressed_stats()
    return cells


def group_aggregates_for_viewer(viewer, group: Group, weeks: int = HISTORY_WEEKS) -> list[WeekAggregate]:
    """The group's published weeks, newest first, as this viewer may read them. The viewer may see the group."""
    since = week_start(timezone.now(), group.school.timezone) - timedelta(weeks=weeks - 1)
    cells = _published_for(viewer, group.school).filter(scope=WeekAggregate.Scope.GROUP, group=group, week__gte=since)
    return _guarded(list(cells.order_by("-week")))


@dataclass(frozen=True)
class Participation:
    week: date
    answered: int
    members: int
    published: bool  # the week's figures are out; False while its check-in is open


def group_participation(group: Group) -> Participation:
    """How many of the group's students answered this week, so far: a count, live. Says nothing about anyone."""
    week = week_start(timezone.now(), group.school.timezone)
    students = Membership.objects.filter(group=group, role=Membership.Role.STUDENT).values("user_id")
    return Participation(
        week=week,
        answered=Checkin.objects.filter(student__in=students, week=week).count(),
        members=students.count(),
        published=WeekPublication.objects.filter(school_id=group.school_id, week=week).exists(),
    )


@dataclass
class StudentWeek:
    week: date
    mood: int | None  # None when the viewer may read the reflection but not the scores
    # Derived from the scores: the 0-100 index and how far it is from the
    # student's own baseline; None without score consent or before scoring.
    wellbeing_index: float | None
    index_deviation: float | None
    sustained_decline: bool | None
    # Derived from the words, so shown only with consent to share the text.
    polarity: float | None
    themes: list[str] | None
    reflection: str | None  # None when the viewer may not read it


@dataclass
class StudentInsight:
    student: User
    shares_text: bool
    weeks: list[StudentWeek] = field(default_factory=list)


def group_individuals_for_viewer(viewer, group: Group, weeks: int = HISTORY_WEEKS) -> list[StudentInsight]:
    """Individual data of the group's students who consented, for this viewer.

    Scores and reflections are separate consents: a student may share either or
    both, and each week shows exactly what was shared. Consent looks forward, so
    a week is shown only when the student's consent covers that check-in
    (`policy.checkins_visible`). Reading individual data and logging that it was
    read happen in this one call, so no page or endpoint can show one without the
    other.
    """
    in_group = Membership.objects.filter(group=group, role=Membership.Role.STUDENT).values("user_id")
    score_ids = set(
        policy.students_visible(viewer, policy.Level.SCORES).filter(pk__in=in_group).values_list("pk", flat=True)
    )
    text_ids = set(
        policy.students_visible(viewer, policy.Level.TEXT).filter(pk__in=in_group).values_list("pk", flat=True)
    )
    visible = list(User.objects.filter(pk__in=score_ids | text_ids).order_by("last_name", "first_name", "pk"))
    if not visible:
        return []
    since = week_start(timezone.now(), group.school.timezone) - timedelta(weeks=weeks - 1)
    checkins = Checkin.objects.filter(student__in=visible, week__gte=since)
    scores_shown = set(
        checkins.filter(policy.checkins_visible(viewer, policy.Level.SCORES)).values_list("pk", flat=True)
    )
    text_shown = set(checkins.filter(policy.checkins_visible(viewer, policy.Level.TEXT)).values_list("pk", flat=True))
    insights = {s.pk: StudentInsight(student=s, shares_text=s.pk in text_ids) for s in visible}
    shown: dict[str, set[int]] = {AccessLog.What.SCORES: set(), AccessLog.What.TEXT: set()}
    for checkin in checkins.filter(pk__in=scores_shown | text_shown).select_related("score").order_by("-week"):
        score = getattr(checkin, "score", None)
        scores = checkin.pk in scores_shown
        words = checkin.pk in text_shown
        shown[AccessLog.What.SCORES].update([checkin.student_id] if scores else [])
        shown[AccessLog.What.TEXT].update([checkin.student_id] if words else [])
        insights[checkin.student_id].weeks.append(
            StudentWeek(
                week=checkin.week,
                mood=checkin.mood if scores else None,
                wellbeing_index=score.wellbeing_index if scores and score else None,
                index_deviation=score.index_deviation if scores and score else None,
                sustained_decline=score.sustained_decline if scores and score else None,
                polarity=score.polarity if words and score else None,
                themes=score.themes if words and score else None,
                reflection=checkin.reflection if words else None,
            )
        )
    context = f"group {group.pk}"
    for what, ids in shown.items():
        students = [s for s in visible if s.pk in ids]
        if students:
            access_log_record(viewer=viewer, students=students, what=what, context=context)
    return list(insights.values())


# The student's history chart. Drawn by a worker (analytics.services.student_chart_render)
# and read here from the cache; the chart key holds the data's fingerprint, so
# a cached chart is current exactly when its key matches today's data.
CHART_WEEKS = 26


def chart_svg_key(student_id: int, fingerprint: str) -> str:
    return f"chart:svg:{student_id}:{fingerprint}"


def chart_pointer_key(student_id: int) -> str:
    """Names the student's current chart, so a newer one or an erasure can delete it."""
    return f"chart:student:{student_id}"


def chart_pending_key(student_id: int) -> str:
    return f"chart:pending:{student_id}"


def chart_language(student: User) -> str:
    return student.language or student.school.default_language


def student_chart_weeks(student: User, now: datetime | None = None) -> list[ChartWeek]:
    """The scale answers of the student's last CHART_WEEKS weeks, oldest first: numbers only, no text."""
    since = current_week(student, now) - timedelta(weeks=CHART_WEEKS - 1)
    rows = Checkin.objects.filter(student=student, week__gte=since).order_by("week").values_list("week", *SERIES)
    return [ChartWeek(*row) for row in rows]


def student_chart_for_viewer(student: User, *, weeks: list[ChartWeek] | None = None) -> str | None:
    """The student's own chart if one is cached for their current data, else None.

    Only ever called with request.user (a student); `weeks` saves a query when
    the caller has read them already.
    """
    if weeks is None:
        weeks = student_chart_weeks(student)
    if not weeks:
        return None
    sealed = cache.get(chart_svg_key(student.pk, chart_fingerprint(weeks, language=chart_language(student))))
    if sealed is None:
        return None
    try:
        return decrypt_text(sealed)
    except ValueError:
        return None  # sealed under a key this deployment no longer has: drawn again on request


@dataclass(frozen=True)
class HistoryChart:
    svg: str | None  # None until a worker has drawn the current data
    summary: HistorySummary  # the text alternative's numbers; count 0 means nothing to draw


def student_history_chart(student: User) -> HistoryChart:
    """The chart and its text alternative for the student's own history page."""
    weeks = student_chart_weeks(student)
    return HistoryChart(svg=student_chart_for_viewer(student, weeks=weeks), summary=history_summary(weeks))


# Help requests. Student-health staff of the school see who asked whatever the
# student shares (safety overrides consent); everyone else sees none, and the
# policy decides who is who. Reading who asked and logging it happen in one call.
HELP_REQUESTS_SHOWN = 200


def _help_requests_for_viewer(viewer) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(school_id__in=policy.health_school_ids(viewer))


def _with_details(requests: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    """The student, their groups (as `student.student_memberships`) and the history, in a fixed number of queries."""
    groups = Membership.objects.filter(role=Membership.Role.STUDENT).select_related("group").order_by("group__name")
    return requests.select_related("student", "school").prefetch_related(
        Prefetch("student__memberships", queryset=groups, to_attr="student_memberships"),
        Prefetch("events", queryset=HelpRequestEvent.objects.select_related("actor").order_by("at", "id")),
        "notifications",
    )


# The queue's order: emergency, urgent, a student who asked or a concern, then newest first.
_URGENCY = Case(
    When(concern_level=ConcernLevel.EMERGENCY, then=Value(0)),
    When(concern_level=ConcernLevel.URGENT, then=Value(1)),
    default=Value(2),
)


def help_request_list_for_viewer(viewer, status: str | None = None) -> list[HelpRequest]:
    """The open requests of the viewer's schools (or those in `status`), most urgent and newest first."""
    requests = _help_requests_for_viewer(viewer)
    open_only = status is None
    requests = requests.exclude(status=HelpRequest.Status.CLOSED) if open_only else requests.filter(status=status)
    rows = list(_with_details(requests).order_by(_URGENCY, "-created_at", "-id")[:HELP_REQUESTS_SHOWN])
    students = {row.student_id: row.student for row in rows}
    if students:
        access_log_record(viewer=viewer, students=students.values(), what=AccessLog.What.HELP, context="help requests")
    return rows


def help_request_get_for_viewer(viewer, pk: int) -> HelpRequest:
    """The request if the viewer handles its school's requests; 404 otherwise, whether or not it exists."""
    request = _with_details(_help_requests_for_viewer(viewer)).filter(pk=pk).first()
    if request is None:
        raise Http404
    access_log_record(viewer=viewer, students=[request.student], what=AccessLog.What.HELP, context=f"help request {pk}")
    return request


def help_request_current_for_student(student: User) -> HelpRequest | None:
    """The student's own open request for contact, if they asked; only ever called with request.user.

    A request the analysis raised without the student asking is not shown as
    one they made; that concerning words reach student health is told to every
    student before they write and on the privacy page.
    """
    return HelpRequest.objects.filter(student=student, asked=True).exclude(status=HelpRequest.Status.CLOSED).first()


def school_list_for_aggregates(viewer) -> QuerySet[School]:
    """Schools whose grade and school aggregates the viewer sees: student-health staff and admins of the school."""
    return School.objects.filter(pk__in=policy.health_school_ids(viewer) | policy.admin_school_ids(viewer))


def school_week_aggregates_for_viewer(viewer, school_id: int, week: date | None = None) -> tuple[School, list]:
    """One published week's cells of a school (school, grades, groups) for this viewer; the latest if none is given.

    404 for a school the viewer may not see, whether or not it exists.
    Aggregates hold no individual data, so reading them is not logged.
    """
    school = school_list_for_aggregates(viewer).filter(pk=school_id).first()
    if school is None:
        raise Http404
    cells = _published_for(viewer, school).select_related("group")
    if week is None:
        week = cells.order_by("-week").values_list("week", flat=True).first()
    else:
        week = week - timedelta(days=week.weekday())  # any day names its week
    if week is None:
        return school, []
    order = Case(When(scope="school", then=Value(0)), When(scope="grade", then=Value(1)), default=Value(2))
    return school, _guarded(list(cells.filter(week=week).order_by(order, "grade", "group__name", "group_id")))


# How far back /healthz counts check-ins the analysis could not read: as far back as they can still alert.
UNANALYSABLE_REPORTED_DAYS = 14


def safety_health_counts() -> dict[str, int]:
    """The safety net's part of /healthz: counts only, no ids, no names.

    `alert_emails_undelivered`: emails to student health that failed at least once and are not sent yet, or
    were given up. `checkins_unanalysable`: check-ins of the last two weeks whose analysis raised (each is in
    student health's queue to be read with the student; the log says what failed).
    """
    since = timezone.now() - timedelta(days=UNANALYSABLE_REPORTED_DAYS)
    undelivered = Notification.objects.filter(
        Q(status=Notification.Status.FAILED) | Q(status=Notification.Status.PENDING, attempts__gt=0) & ~Q(last_error="")
    )
    return {
        "alert_emails_undelivered": undelivered.count(),
        "checkins_unanalysable": CheckinScore.objects.filter(analysis_failed=True, scored_at__gte=since).count(),
    }
