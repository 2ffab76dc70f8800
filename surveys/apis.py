from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from wellbeing.api import StrictInputSerializer
from wellbeing.gates import StudentOnly
from wellbeing.models import Language

from .instruments import TEXTS, Instrument, text_in
from .models import REFLECTION_MAX_LENGTH, HelpChoice, Workload
from .selectors import checkin_current_week, checkin_list_for_student
from .services import CheckinAnswers, checkin_submit, instrument_submit, instruments_due, instruments_enabled
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
    custom = serializers.SerializerMethodField()
    language = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_iso_week(self, obj) -> str:
        return iso_label(obj.week)

    @extend_schema_field(serializers.DictField())
    def get_custom(self, obj) -> dict:
        return {str(answer.item_id): answer.text or answer.value for answer in obj.custom_answers.all()}


class CheckinsApi(APIView):
    """A student's own check-ins: list them, or submit this week's (again, to edit it)."""

    permission_classes = [StudentOnly]

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
        # The school's own items, by id: {"12": 4, "13": "2", "14": ["1", "3"], "15": "text"}.
        custom = serializers.DictField(required=False, default=dict)
        language = serializers.ChoiceField(choices=Language.choices, required=False, default="")

        def validate_custom(self, value):
            try:
                return {int(key): answer for key, answer in value.items()}
            except ValueError:
                raise serializers.ValidationError("Item ids must be whole numbers.") from None

    @extend_schema(responses=CheckinOutputSerializer(many=True))
    def get(self, request):
        checkins = checkin_list_for_student(request.user).prefetch_related("custom_answers")[:520]
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
    permission_classes = [StudentOnly]

    @extend_schema(responses=CheckinOutputSerializer)
    def get(self, request):
        checkin = checkin_current_week(request.user)
        if checkin is None:
            return Response({"detail": "No check-in yet this week."}, status=status.HTTP_404_NOT_FOUND)
        return Response(CheckinOutputSerializer(checkin).data)


class InstrumentListApi(APIView):
    """The validated questionnaires the student's school uses, in the student's language."""

    permission_classes = [StudentOnly]

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InstrumentListOutput"

        instrument = serializers.CharField()
        due = serializers.BooleanField()
        intro = serializers.CharField()
        items = serializers.ListField(child=serializers.CharField())
        answers = serializers.ListField(child=serializers.DictField())
        copyright = serializers.CharField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        language = get_language() or "en"
        due = set(instruments_due(request.user))
        rows = []
        for name in instruments_enabled(request.user.school_id):
            text = TEXTS[Instrument(name)]
            rows.append(
                {
                    "instrument": name,
                    "due": name in due,
                    "intro": text_in(text.intro, language),
                    "items": [text_in(item, language) for item in text.items],
                    "answers": [{"value": value, "label": text_in(label, language)} for value, label in text.answers],
                    "copyright": text.copyright,
                }
            )
        return Response(self.OutputSerializer(rows, many=True).data)


class InstrumentSubmitApi(APIView):
    permission_classes = [StudentOnly]

    class InputSerializer(StrictInputSerializer):
        class Meta:
            ref_name = "InstrumentSubmitInput"

        answers = serializers.ListField(child=serializers.IntegerField(), max_length=20)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "InstrumentSubmitOutput"

        instrument = serializers.CharField()
        period = serializers.DateField()
        answers = serializers.ListField(child=serializers.IntegerField())

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request, instrument: str):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        response = instrument_submit(
            student=request.user, instrument=instrument, answers=serializer.validated_data["answers"]
        )
        return Response(self.OutputSerializer(response).data, status=status.HTTP_201_CREATED)
