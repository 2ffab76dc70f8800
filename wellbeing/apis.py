from django.db import transaction
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .api import StrictInputSerializer
from .gates import StudentOnly
from .models import ConsentScope, Language
from .selectors import access_log_for_student, consent_details
from .services import consent_set, user_language_set


class MeApi(APIView):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "MeOutput"

        id = serializers.IntegerField()
        username = serializers.CharField()
        display_name = serializers.CharField()
        is_student = serializers.BooleanField()
        school = serializers.CharField(source="school.name", allow_null=True, default=None)
        language = serializers.CharField()

    class InputSerializer(StrictInputSerializer):
        class Meta:
            ref_name = "MeInput"

        language = serializers.ChoiceField(choices=Language.choices)

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        return Response(self.OutputSerializer(request.user).data)

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def patch(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_language_set(user=request.user, language=serializer.validated_data["language"])
        return Response(self.OutputSerializer(user).data)


CONSENT_STATE = inline_serializer(
    "ConsentState",
    fields={
        **{scope.value: serializers.BooleanField() for scope in ConsentScope},
        # Consent looks forward: from when each scope that is on shares, and whether earlier check-ins are
        # shared too (a separate choice).
        "shared_since": inline_serializer(
            "ConsentSince", fields={scope.value: serializers.DateTimeField(allow_null=True) for scope in ConsentScope}
        ),
        "include_earlier": inline_serializer(
            "ConsentEarlier", fields={scope.value: serializers.BooleanField() for scope in ConsentScope}
        ),
    },
)


def _consent_body(student) -> dict:
    details = consent_details(student)
    return {
        **{scope: detail.granted for scope, detail in details.items()},
        "shared_since": {scope: detail.granted_at for scope, detail in details.items()},
        "include_earlier": {scope: detail.include_earlier for scope, detail in details.items()},
    }


class ConsentApi(APIView):
    permission_classes = [StudentOnly]

    class InputSerializer(StrictInputSerializer):
        class Meta:
            ref_name = "ConsentInput"

        scores_to_teachers = serializers.BooleanField(required=False)
        text_to_teachers = serializers.BooleanField(required=False)
        trends_to_health = serializers.BooleanField(required=False)
        include_earlier = serializers.DictField(child=serializers.BooleanField(), required=False)

        def validate_include_earlier(self, value):
            unknown = set(value) - set(ConsentScope.values)
            if unknown:
                raise serializers.ValidationError(f"Unknown consent scopes: {', '.join(sorted(unknown))}.")
            return value

        def validate(self, attrs):
            attrs = super().validate(attrs)
            if not attrs:
                raise serializers.ValidationError("Give at least one consent scope to change.")
            return attrs

    @extend_schema(responses=CONSENT_STATE)
    def get(self, request):
        return Response(_consent_body(request.user))

    @extend_schema(request=InputSerializer, responses=CONSENT_STATE)
    def patch(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        wanted = dict(serializer.validated_data)
        earlier = wanted.pop("include_earlier", {})
        details = consent_details(request.user)
        with transaction.atomic():
            for scope in ConsentScope:
                granted = wanted.get(scope.value, details[scope.value].granted)
                if scope.value in wanted or scope.value in earlier:
                    consent_set(
                        student=request.user,
                        scope=scope,
                        granted=granted,
                        include_earlier=earlier.get(scope.value),
                        changed_by=request.user,
                    )
        return Response(_consent_body(request.user))


class AccessLogApi(APIView):
    permission_classes = [StudentOnly]

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AccessLogOutput"

        viewer = serializers.CharField(source="viewer.display_name", default=None)
        what = serializers.CharField()
        context = serializers.CharField()
        at = serializers.DateTimeField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        entries = access_log_for_student(request.user)[:500]
        return Response(self.OutputSerializer(entries, many=True).data)
