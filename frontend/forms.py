from django import forms
from django.utils.translation import gettext_lazy as _

from surveys import items
from surveys.instruments import InstrumentText, text_in
from surveys.items import ScaleItem
from surveys.models import NO_SUBJECT, REFLECTION_MAX_LENGTH, CustomItem, HelpChoice, Workload
from surveys.services import CUSTOM_TEXT_MAX_LENGTH, CheckinAnswers
from wellbeing.models import ConsentScope, Language

REFLECTION_PRIVATE = _("Only you can read this. Your teachers cannot see it.")
REFLECTION_SHARED = _("Your teachers can read this because you chose to share your reflections.")

SCOPE_HELP = {
    ConsentScope.SCORES_TO_TEACHERS: _(
        "Your teachers see your name next to your answers, such as your mood. When this is off, teachers only "
        "see results for the whole group, and only in weeks when enough students answered."
    ),
    ConsentScope.TEXT_TO_TEACHERS: _(
        "Your teachers can read what you write in the reflection box. When this is off, your teachers cannot read it."
    ),
    ConsentScope.TRENDS_TO_HEALTH: _(
        "Student health staff at your school, such as the school nurse or counsellor, can follow your answers "
        "over time, so they can notice early if things get harder and offer help. When this is off, they only "
        "see results for whole groups."
    ),
}


def _scale_field(item: ScaleItem) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=item.question,
        choices=item.choices(),
        coerce=int,
        empty_value=None,
        required=item.required,
        widget=forms.RadioSelect,
        error_messages={
            # Only mood is required.
            "required": _("Please choose how you are feeling."),
            "invalid_choice": _("Please choose one of the five answers."),
        },
    )


def _custom_field(item: CustomItem, language: str) -> forms.Field:
    label = item.question(language)
    messages = {"invalid_choice": _("Please choose from the answers shown.")}
    if item.kind == CustomItem.Kind.SCALE:
        return forms.TypedChoiceField(
            label=label,
            choices=[(n, str(n)) for n in range(1, 6)],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            error_messages=messages,
        )
    if item.kind == CustomItem.Kind.SINGLE:
        return forms.ChoiceField(
            label=label,
            choices=item.choices(language),
            required=False,
            widget=forms.RadioSelect,
            error_messages=messages,
        )
    if item.kind == CustomItem.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=label,
            choices=item.choices(language),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages=messages,
        )
    return forms.CharField(label=label, required=False, max_length=CUSTOM_TEXT_MAX_LENGTH)


class CheckinForm(forms.Form):
    """The weekly check-in. Only mood is required; every other item may be skipped."""

    mood = _scale_field(items.MOOD)
    energy = _scale_field(items.ENERGY)
    stress = _scale_field(items.STRESS)
    sleep = _scale_field(items.SLEEP)
    belonging = _scale_field(items.BELONGING)
    workload = forms.ChoiceField(
        label=items.WORKLOAD_QUESTION,
        choices=Workload.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Please choose one of the answers.")},
    )
    hardest_subject = forms.ChoiceField(
        label=items.HARDEST_SUBJECT_QUESTION,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Please choose one of your subjects.")},
    )
    help_wanted = forms.MultipleChoiceField(
        label=items.HELP_QUESTION,
        choices=HelpChoice.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Please choose from the answers shown.")},
    )
    reflection = forms.CharField(
        label=items.REFLECTION_QUESTION,
        required=False,
        max_length=REFLECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Please keep your reflection to %(limit_value)d characters or fewer. It is %(show_value)d now."
            ),
            "null_characters_not_allowed": _("Your reflection contains a character that cannot be saved."),
        },
    )
    contact_request = forms.BooleanField(label=items.CONTACT_QUESTION, required=False)

    SCALES = ("mood", "energy", "stress", "sleep", "belonging")

    def __init__(self, *args, shares_text: bool, subjects: list[str], custom_items=(), language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.custom_items = list(custom_items)
        for item in self.custom_items:
            self.fields[f"custom_{item.pk}"] = _custom_field(item, language)
        # Who may read the reflection follows the student's real consent, so
        # the note is decided per request, not per class.
        self.fields["reflection"].help_text = REFLECTION_SHARED if shares_text else REFLECTION_PRIVATE
        self.fields["hardest_subject"].choices = [(s, s) for s in subjects] + [(NO_SUBJECT, items.NO_SUBJECT_LABEL)]
        if not subjects:
            del self.fields["hardest_subject"]

    @classmethod
    def initial_from(cls, checkin) -> dict:
        if checkin is None:
            return {}
        names = [*cls.SCALES, "workload", "hardest_subject", "help_wanted", "reflection", "contact_request"]
        return {name: getattr(checkin, name) for name in names}

    def scale_fields(self):
        return [self[name] for name in self.SCALES]

    def custom_fields(self):
        return [(item, self[f"custom_{item.pk}"]) for item in self.custom_items]

    @staticmethod
    def initial_custom(checkin) -> dict:
        if checkin is None:
            return {}
        return {f"custom_{answer.item_id}": answer.text or answer.value for answer in checkin.custom_answers.all()}

    def answers(self) -> CheckinAnswers:
        data = self.cleaned_data
        return CheckinAnswers(
            **{name: data[name] for name in self.SCALES},
            workload=data["workload"],
            hardest_subject=data.get("hardest_subject", ""),
            help_wanted=tuple(data["help_wanted"]),
            reflection=data["reflection"],
            contact_request=data["contact_request"],
            custom={
                item.pk: data[f"custom_{item.pk}"]
                for item in self.custom_items
                if data.get(f"custom_{item.pk}") not in (None, "", [])
            },
        )


class ConsentForm(forms.Form):
    scopes = forms.MultipleChoiceField(
        label=_("Who may see my check-ins"),
        choices=ConsentScope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("That is not one of the choices on this page. Nothing was changed.")},
    )
    # Consent looks forward; sharing the check-ins from before a switch was turned on is its own choice.
    earlier = forms.MultipleChoiceField(
        label=_("Also share my earlier check-ins"),
        choices=ConsentScope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("That is not one of the choices on this page. Nothing was changed.")},
    )

    def __init__(self, *args, details: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.details = details or {}

    @classmethod
    def for_details(cls, details: dict) -> "ConsentForm":
        return cls(
            initial={
                "scopes": [scope for scope, detail in details.items() if detail.granted],
                "earlier": [scope for scope, detail in details.items() if detail.include_earlier],
            },
            details=details,
        )

    def options(self) -> list[tuple]:
        """Each switch with its plain-words explanation, its "earlier too" choice and what it covers now."""
        earlier = {checkbox.data["value"]: checkbox for checkbox in self["earlier"]}
        return [
            (
                checkbox,
                SCOPE_HELP[checkbox.data["value"]],
                earlier[checkbox.data["value"]],
                self.details.get(checkbox.data["value"]),
            )
            for checkbox in self["scopes"]
        ]

    def wanted_state(self) -> dict[str, tuple[bool, bool]]:
        """{scope: (on, earlier check-ins too)}; the earlier choice counts only for a switch that is on."""
        chosen, earlier = set(self.cleaned_data["scopes"]), set(self.cleaned_data["earlier"])
        return {
            scope.value: (scope.value in chosen, scope.value in chosen and scope.value in earlier)
            for scope in ConsentScope
        }


class InstrumentForm(forms.Form):
    """A validated questionnaire: every statement answered on its own fixed scale."""

    def __init__(self, *args, text: InstrumentText, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(value, text_in(label, language)) for value, label in text.answers]
        for number, item in enumerate(text.items, start=1):
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=text_in(item, language),
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please answer this statement."),
                    "invalid_choice": _("Please choose one of the answers."),
                },
            )

    def answers(self) -> list[int]:
        return [self.cleaned_data[name] for name in self.fields]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=Language.choices)
