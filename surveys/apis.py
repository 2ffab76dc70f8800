from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from wellbeing.api import StrictInputSerializer
from wellbeing.apis import IsStudent
from wellbeing.models import Language

from .models import REFLECTION_MAX_LENGTH, HelpChoice, Workload
from .selectors import checkin_current_week, checkin_list_for_student
from .services import CheckinAnswers, checkin_submit
from .weeks import iso_label


def _scale(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=5, **kwargs)


class CheckinOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    week = serializers.DateField()
    iso_week = serializers.SerializerMethodField()
    mood = serializers.IntegerField()
    energy = serializers.IntegerField(allow_null=True)
    stress = serializers.IntegerField(allow_null=True)
    sleep = serializers.IntegerField(allow_null=True)
    belonging = serializers.IntegerField(allow_null=True)
    workload = serializers.CharField()
    hardest_subject = serializers.CharField()
    help_wanted = serializers.ListField(child=serializers.CharField())
    reflection = serializers.CharField()
    contact_request = serializers.BooleanField()
    language = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_iso_week(self, obj) -> str:
        return iso_label(obj.week)


class CheckinsApi(APIView):
    """A student's own check-ins: list them, or submit this week's (again, to edit it)."""

    permission_classes = [IsStudent]

    class InputSerializer(StrictInputSerializer):
        class Meta:
            ref_name = "CheckinsInput"

        mood = _scale()
        energy = _scale(required=False, allow_null=True, default=None)
        stress = _scale(required=False, allow_null=True, default=None)
        sleep = _scale(required=False, allow_null=True, default=None)
        belonging = _scale(required=False, allow_null=True, default=None)
        workload = serializers.ChoiceField(choices=Workload.choices, required=False, allow_blank=True, default="")
        hardest_subject = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
        help_wanted = serializers.ListField(
            child=serializers.ChoiceField(choices=HelpChoice.choices), required=False, default=list, max_length=10
        )
        reflection = serializers.CharField(
            required=False, allow_blank=True, max_length=REFLECTION_MAX_LENGTH, default=""
        )
        contact_request = serializers.BooleanField(required=False, default=False)
        language = serializers.ChoiceField(choices=Language.choices, required=False, default="")

    @extend_schema(responses=CheckinOutputSerializer(many=True))
    def get(self, request):
        checkins = checkin_list_for_student(request.user)[:520]
        return Response(CheckinOutputSerializer(checkins, many=True).data)

    @extend_schema(request=InputSerializer, responses={200: CheckinOutputSerializer, 201: CheckinOutputSerializer})
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        language = data.pop("language")
        data["help_wanted"] = tuple(data["help_wanted"])
        checkin = checkin_submit(student=request.user, answers=CheckinAnswers(**data), language=language)
        created = checkin.revision == 1
        return Response(
            CheckinOutputSerializer(checkin).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class CheckinCurrentApi(APIView):
    permission_classes = [IsStudent]

    @extend_schema(responses=CheckinOutputSerializer)
    def get(self, request):
        checkin = checkin_current_week(request.user)
        if checkin is None:
            return Response({"detail": "No check-in yet this week."}, status=status.HTTP_404_NOT_FOUND)
        return Response(CheckinOutputSerializer(checkin).data)
