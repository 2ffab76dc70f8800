"""What staff read for the analysis' codes, in their language. The codes are analytics.nlp's."""

from django.utils.translation import gettext_lazy as _

THEME_LABELS = {
    "schoolwork": _("School work and workload"),
    "exams": _("Tests, exams and grades"),
    "teaching": _("Teachers and teaching"),
    "class_environment": _("Calm and noise in class"),
    "subject_math": _("Maths"),
    "subject_swedish": _("Swedish"),
    "subject_norwegian": _("Norwegian"),
    "subject_english": _("English"),
    "subject_languages": _("Modern languages"),
    "subject_science": _("Science"),
    "subject_social_studies": _("Social studies"),
    "subject_pe": _("PE"),
    "subject_arts": _("Arts, crafts and music"),
    "sleep": _("Sleep and tiredness"),
    "friends": _("Friends"),
    "loneliness": _("Loneliness"),
    "family": _("Family and home"),
    "bullying": _("Bullying"),
    "health": _("Physical health"),
    "mental_health": _("Worry, anxiety and stress"),
    "free_time": _("Free time and hobbies"),
}

CONCERN_CATEGORY_LABELS = {
    # concern
    "bullying": _("Bullying"),
    "isolation": _("Loneliness, week after week"),
    "hopelessness": _("Hopelessness"),
    "eating": _("Eating problems"),
    "anxiety": _("Panic or severe anxiety"),
    "past_self_harm": _("Self-harm in the past"),
    "grief": _("Grief"),
    "unanalysable": _("Could not be analysed: read it with the student"),
    # urgent
    "death_wish": _("Wishes to be dead"),
    "self_harm": _("Self-harm"),
    "abuse": _("Abuse or violence at home, or sexual abuse"),
    "exploitation": _("Grooming or sextortion"),
    "honour": _("Honour-related control"),
    "runaway": _("Running away"),
    "violence": _("Assaulted or threatened, and afraid"),
    "others_at_risk": _("Worried about someone else at risk"),
    # emergency
    "suicide_plan": _("Plan or intent to die"),
    "suicide_attempt": _("Suicide attempt"),
    "harm_others": _("Intent to harm others"),
}


def theme_label(code: str) -> str:
    return str(THEME_LABELS.get(code, code))


def concern_category_label(code: str) -> str:
    return str(CONCERN_CATEGORY_LABELS.get(code, code))
