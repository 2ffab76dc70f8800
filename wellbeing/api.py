"""API plumbing shared by every app: one mapping of errors to responses, strict input, token
authentication, and parsers that refuse text that cannot be encoded."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions, parsers, serializers

from .middleware import UNENCODABLE_MESSAGE, unencodable_fields
from .services import ApplicationError


def exception_handler(exc, context):
    # Imported here: DRF imports this module (for the authentication and parser classes) while
    # rest_framework.views is still loading.
    from rest_framework.views import exception_handler as drf_exception_handler

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


class _RefusesUnencodableText:
    """Checks what a parser made of the body, before any view or serializer sees it.

    A lone surrogate ("\\ud800" is valid JSON, and a form can carry one in a charset such as UTF-7) decodes into a
    Python str that cannot be encoded as UTF-8: it would reach the database or the renderer (which echoes an
    unknown field's name) and answer 500. Here it is a 400 naming the field, for every endpoint and method at
    once. Field names are made printable for the answer.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        if isinstance(parsed, parsers.DataAndFiles):
            bad = unencodable_fields(parsed.data) + unencodable_fields(
                {name: upload.name for name, upload in parsed.files.items()}
            )
        else:
            bad = unencodable_fields(parsed)
        if bad:
            raise exceptions.ValidationError({name: [UNENCODABLE_MESSAGE] for name in bad})
        return parsed


class JSONParser(_RefusesUnencodableText, parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # json raises this, not ValueError, for arrays nested a thousand deep; DRF only catches ValueError.
            raise exceptions.ParseError("JSON parse error - nested too deeply.") from None


class FormParser(_RefusesUnencodableText, parsers.FormParser):
    pass


class MultiPartParser(_RefusesUnencodableText, parsers.MultiPartParser):
    pass


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's tokens (stored as digests, with an expiry), sent as `Authorization: Token <key>`.

    knox decodes the key as UTF-8 and crashes on anything else; keys are hex, so anything not ASCII is just a
    wrong token: 401.
    """

    def authenticate_credentials(self, token: bytes):
        if not token.isascii():
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return super().authenticate_credentials(token)
