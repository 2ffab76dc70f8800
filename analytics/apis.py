from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from surveys.weeks import iso_label
from wellbeing.api import StrictInputSerializer
from wellbeing.gates import HealthOnly, StaffOnly, StudentOnly
from wellbeing.models import Membership

from .helplines import helplines_for
from .models import HelpRequest
from .selectors import (
    group_aggregates_for_viewer,
    group_get_for_viewer,
    group_individuals_for_viewer,
    group_list_for_viewer,
    group_participation,
    help_request_current_for_student,
    help_request_get_for_viewer,
    help_request_list_for_viewer,
    school_week_aggregates_for_viewer,
)
from .services import help_request_create, help_request_set_status


class GroupListApi(APIView):
    permission_classes = [StaffOnly]

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "GroupListOutput"

        id = serializers.IntegerField()
        name = serializers.CharField()
        subject = serializers.CharField()
        grade = serializers.IntegerField(allow_null=True)
        school = serializers.CharField(source="school.name")

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        return Response(self.OutputSerializer(group_list_for_viewer(request.user), many=True).data)


class GroupAggregateListApi(APIView):
    permission_classes = [StaffOnly]

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "GroupAggregateListOutput"

        week = serializers.DateField()
        iso_week = serializers.SerializerMethodField()
        suppressed = serializers.BooleanField()
        # Participation is always shown: it says how many answered, never who or how they feel.
        response_count = serializers.IntegerField()
        member_count = serializers.IntegerField()
        participation_rate = serializers.FloatField(allow_null=True)
        mean_mood = serializers.FloatField(allow_null=True)
        suppressed_reason = serializers.CharField()
        text_count = serializers.IntegerField()
        text_suppressed = serializers.BooleanField()
        # How many responses and texts the figures describe: the students this viewer sees one by one are
        # left out, so that subtracting them from the figures exposes nobody.
        described_count = serializers.IntegerField()
        text_described_count = serializers.IntegerField()
        # Means and distributions of every scale item, counts of the choices and of the themes of the
        # reflections; each part null when suppressed. A distribution, or a count, is null where the answers
        # were too alike to show without telling what each student said ("coarsened").
        stats = serializers.JSONField()

        def get_iso_week(self, obj) -> str:
            return iso_label(obj.week)

    @extend_schema(
        responses=inline_serializer(
            "GroupAggregates",
            fields={
                "group": serializers.IntegerField(),
                "min_group_size": serializers.IntegerField(),
                # This week so far, live: a count only. Its figures are published when its check-in closes.
                "this_week": inline_serializer(
                    "GroupParticipation",
                    fields={
                        "week": serializers.DateField(),
                        "answered": serializers.IntegerField(),
                        "members": serializers.IntegerField(),
                        "published": serializers.BooleanField(),
                    },
                ),
                "weeks": OutputSerializer(many=True),
            },
        )
    )
    def get(self, request, group_id: int):
        group = group_get_for_viewer(request.user, group_id)
        participation = group_participation(group)
        return Response(
            {
                "group": group.pk,
                "min_group_size": group.school.min_group_size,
                "this_week": {
                    "week": participation.week,
                    "answered": participation.answered,
                    "members": participation.members,
                    "published": participation.published,
                },
                "weeks": self.OutputSerializer(group_aggregates_for_viewer(request.user, group), many=True).data,
            }
        )


class SchoolAggregateListApi(APIView):
    """One week of a school in numbers: the school, each grade and each group. For student-health staff and admins."""

    permission_classes = [StaffOnly]

    class FilterSerializer(StrictInputSerializer):
        class Meta:
            ref_name = "SchoolAggregateFilter"

        week = serializers.DateField(required=False, help_text="any day of the week; the latest week if left out")

    class OutputSerializer(GroupAggregateListApi.OutputSerializer):
        class Meta:
            ref_name = "SchoolAggregateCell"

        scope = serializers.CharField()
        group = serializers.IntegerField(source="group_id", allow_null=True)
        group_name = serializers.CharField(source="group.name", default=None)
        grade = serializers.IntegerField(allow_null=True)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=inline_serializer(
            "SchoolAggregates",
            fields={
                "school": serializers.IntegerField(),
                "week": serializers.DateField(allow_null=True),
                "min_group_size": serializers.IntegerField(),
                "min_text_group_size": serializers.IntegerField(),
                "cells": OutputSerializer(many=True),
            },
        ),
    )
    def get(self, request, school_id: int):
        filters = self.FilterSerializer(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        school, cells = school_week_aggregates_for_viewer(request.user, school_id, filters.validated_data.get("week"))
        return Response(
            {
                "school": school.pk,
                "week": cells[0].week if cells else None,
                "min_group_size": school.min_group_size,
                "min_text_group_size": school.min_text_group_size,
                "cells": self.OutputSerializer(cells, many=True).data,
            }
        )


class GroupStudentListApi(APIView):
    permission_classes = [StaffOnly]

    class WeekSerializer(serializers.Serializer):
        class Meta:
            ref_name = "GroupStudentListWeek"

        week = serializers.DateField()
        mood = serializers.IntegerField(allow_null=True)
        wellbeing_index = serializers.FloatField(allow_null=True)
        index_deviation = serializers.FloatField(allow_null=True)
        sustained_decline = serializers.BooleanField(allow_null=True)
        polarity = serializers.FloatField(allow_null=True)
        themes = serializers.ListField(child=serializers.CharField(), allow_null=True)
        reflection = serializers.CharField(allow_null=True)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "GroupStudentListOutput"

        id = serializers.IntegerField(source="student.pk")
        name = serializers.CharField(source="student.display_name")
        shares_text = serializers.BooleanField()
        weeks = serializers.SerializerMethodField()

        def get_weeks(self, obj) -> list[dict]:
            return GroupStudentListApi.WeekSerializer(obj.weeks, many=True).data

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request, group_id: int):
        group = group_get_for_viewer(request.user, group_id)
        insights = group_individuals_for_viewer(request.user, group)
        return Response(self.OutputSerializer(insights, many=True).data)


class HelpRequestOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "HelpRequestOutput"

    class EventSerializer(serializers.Serializer):
        class Meta:
            ref_name = "HelpRequestEventOutput"

        actor = serializers.CharField(source="actor.display_name", default=None)
        from_status = serializers.CharField()
        to_status = serializers.CharField()
        # Set when the analysis raised an alert: the level it found and the categories it added.
        concern_level = serializers.CharField()
        concern_categories = serializers.ListField(child=serializers.CharField())
        # What found them: "pattern", "model", or "failure" (the check-in could not be analysed).
        concern_sources = serializers.ListField(child=serializers.CharField())
        # Set when the student asked for contact.
        asked = serializers.BooleanField()
        at = serializers.DateTimeField()

    id = serializers.IntegerField()
    student_id = serializers.IntegerField()
    # Shown whatever the student shares: safety overrides consent, and the student is told so.
    student_name = serializers.CharField(source="student.display_name")
    groups = serializers.SerializerMethodField()
    school = serializers.CharField(source="school.name")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    from_checkin = serializers.SerializerMethodField()
    # True when the student asked; the concern fields say what the analysis found (codes, never the words).
    asked = serializers.BooleanField()
    concern_level = serializers.CharField()
    concern_categories = serializers.ListField(child=serializers.CharField())
    # How the emails to student-health staff about it fared: "" (none were due), "sent", "pending" or
    # "undelivered" (an attempt failed; it is retried, and stays undelivered until one succeeds).
    email_status = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    history = EventSerializer(source="events", many=True)

    def get_groups(self, obj) -> list[str]:
        memberships = getattr(obj.student, "student_memberships", None)
        if memberships is None:
            memberships = obj.student.memberships.filter(role=Membership.Role.STUDENT).select_related("group")
        return [m.group.name for m in memberships]

    def get_from_checkin(self, obj) -> bool:
        return obj.checkin_id is not None


class HelpRequestListApi(APIView):
    """The help requests of the viewer's schools, newest first: the open ones, or those with ?status=."""

    permission_classes = [HealthOnly]

    class FilterSerializer(StrictInputSerializer):
        class Meta:
            ref_name = "HelpRequestListFilter"

        status = serializers.ChoiceField(choices=HelpRequest.Status.choices, required=False)

    @extend_schema(parameters=[FilterSerializer], responses=HelpRequestOutputSerializer(many=True))
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        requests = help_request_list_for_viewer(request.user, status=filters.validated_data.get("status"))
        return Response(HelpRequestOutputSerializer(requests, many=True).data)


class HelpRequestStatusApi(APIView):
    permission_classes = [HealthOnly]

    class InputSerializer(StrictInputSerializer):
        class Meta:
            ref_name = "HelpRequestStatusInput"

        status = serializers.ChoiceField(choices=HelpRequest.Status.choices)

    @extend_schema(request=InputSerializer, responses=HelpRequestOutputSerializer)
    def post(self, request, request_id: int):
        help_request = help_request_get_for_viewer(request.user, request_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        help_request = help_request_set_status(
            request=help_request, actor=request.user, status=serializer.validated_data["status"]
        )
        return Response(HelpRequestOutputSerializer(help_request).data)


class MyHelpRequestSerializer(serializers.Serializer):
    class Meta:
        ref_name = "MyHelpRequestOutput"

    class RequestSerializer(serializers.Serializer):
        class Meta:
            ref_name = "MyHelpRequestStatus"

        id = serializers.IntegerField()
        status = serializers.CharField()
        status_label = serializers.CharField(source="get_status_display")
        created_at = serializers.DateTimeField()
        updated_at = serializers.DateTimeField()

    class HelplineSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Helpline"

        name = serializers.CharField()
        number = serializers.CharField()
        tel = serializers.CharField()
        description = serializers.CharField()

    # Null when no request is open; the helplines are always there.
    request = RequestSerializer(allow_null=True)
    helplines = HelplineSerializer(many=True)


class MyHelpRequestApi(APIView):
    """A student's own request for contact with student health, and the helplines of their school's country."""

    permission_classes = [StudentOnly]

    class InputSerializer(StrictInputSerializer):
        """Asking takes no fields: anything sent is a 400 that changes nothing, like every other endpoint."""

        class Meta:
            ref_name = "MyHelpRequestInput"

    def _response(self, student, help_request, status_code=status.HTTP_200_OK) -> Response:
        data = {"request": help_request, "helplines": helplines_for(student.school.country)}
        return Response(MyHelpRequestSerializer(data).data, status=status_code)

    @extend_schema(responses=MyHelpRequestSerializer)
    def get(self, request):
        return self._response(request.user, help_request_current_for_student(request.user))

    @extend_schema(request=None, responses={200: MyHelpRequestSerializer, 201: MyHelpRequestSerializer})
    def post(self, request):
        self.InputSerializer(data=request.data).is_valid(raise_exception=True)
        already_open = help_request_current_for_student(request.user) is not None
        help_request = help_request_create(student=request.user, checkin=None)
        return self._response(
            request.user, help_request, status.HTTP_200_OK if already_open else status.HTTP_201_CREATED
        )
