from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import REFLECTION_MAX_LENGTH
from wellbeing.models import ConsentScope

from .moods import MOODS

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


class CheckinForm(forms.Form):
    mood = forms.TypedChoiceField(
        label=_("How are you feeling this week?"),
        choices=[(value, word) for value, (_emoji, word) in MOODS.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose how you are feeling."),
            "invalid_choice": _("Please choose one of the five answers."),
        },
    )
    reflection = forms.CharField(
        label=_("Anything you want to tell us? (optional)"),
        required=False,
        max_length=REFLECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _(
                "Please keep your reflection to %(limit_value)d characters or fewer. It is %(show_value)d now."
            ),
            "null_characters_not_allowed": _("Your reflection contains a character that cannot be saved."),
        },
    )

    def __init__(self, *args, shares_text: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # Who may read the reflection follows the student's real consent, so
        # the note is decided per request, not per class.
        self.fields["reflection"].help_text = REFLECTION_SHARED if shares_text else REFLECTION_PRIVATE


class ConsentForm(forms.Form):
    scopes = forms.MultipleChoiceField(
        label=_("Who may see my check-ins"),
        choices=ConsentScope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("That is not one of the choices on this page. Nothing was changed.")},
    )

    @classmethod
    def for_state(cls, state: dict[str, bool]) -> "ConsentForm":
        return cls(initial={"scopes": [scope for scope, granted in state.items() if granted]})

    def options(self) -> list[tuple]:
        """Each checkbox with its plain-words explanation."""
        return [(checkbox, SCOPE_HELP[checkbox.data["value"]]) for checkbox in self["scopes"]]

    def wanted_state(self) -> dict[str, bool]:
        chosen = set(self.cleaned_data["scopes"])
        return {scope.value: scope.value in chosen for scope in ConsentScope}
