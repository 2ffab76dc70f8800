from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from surveys.weeks import iso_label

from .selectors import group_aggregates, group_get_for_viewer, group_individuals_for_viewer, group_list_for_viewer


class GroupListApi(APIView):
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

        def get_iso_week(self, obj) -> str:
            return iso_label(obj.week)

    @extend_schema(
        responses=inline_serializer(
            "GroupAggregates",
            fields={
                "group": serializers.IntegerField(),
                "min_group_size": serializers.IntegerField(),
                "weeks": OutputSerializer(many=True),
            },
        )
    )
    def get(self, request, group_id: int):
        group = group_get_for_viewer(request.user, group_id)
        return Response(
            {
                "group": group.pk,
                "min_group_size": group.school.min_group_size,
                "weeks": self.OutputSerializer(group_aggregates(group), many=True).data,
            }
        )


class GroupStudentListApi(APIView):
    class WeekSerializer(serializers.Serializer):
        class Meta:
            ref_name = "GroupStudentListWeek"

        week = serializers.DateField()
        mood = serializers.IntegerField(allow_null=True)
        polarity = serializers.FloatField(allow_null=True)
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
