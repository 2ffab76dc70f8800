"""API plumbing shared by every app: one mapping of errors to responses."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler

from .services import ApplicationError


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        detail = {exc.field: [exc.message]} if exc.field else {"detail": exc.message}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    return drf_exception_handler(exc, context)


class StrictInputSerializer(serializers.Serializer):
    """An input serializer that refuses fields it does not know, so a typo or an
    unknown item is a clear 400 rather than silently ignored."""

    def validate(self, attrs):
        if not isinstance(self.initial_data, dict):
            raise serializers.ValidationError("Send a JSON object.")
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return attrs
