"""The disclosure rules against a curious insider, as attacks: pure maths, no database.

Each test is one way a viewer could learn a student's answers from published figures, and checks that the
rules in analytics/aggregates.py leave nothing to learn: subtracting the students the viewer sees one by
one, answers too alike, and differencing across cells for a viewer who sees some students.
"""

from analytics.aggregates import Cell, week_aggregates

from .test_aggregates import keys_of, row, students

GROUP, GRADE, SCHOOL = ("group", 1), ("grade", 8), ("school", 1)


def one_group(rows):
    return [Cell(GROUP, keys_of(rows))]


# --- subtraction of the students the viewer sees individually -------------------------------------------------------


def test_six_answered_five_share_so_the_sixth_is_never_shown_to_a_viewer_of_the_five():
    sharing = students(5, mood=4)
    private = row(mood=1)
    rows = [*sharing, private]
    for_everyone = week_aggregates(rows, one_group(rows))[GROUP]
    assert not for_everyone.suppressed  # nobody is seen individually: six together are safe
    for_teacher = week_aggregates(rows, one_group(rows), hidden_scores=keys_of(sharing))[GROUP]
    # Subtracting the five sharers' moods from the group mean would give the sixth's: nothing is shown.
    assert (for_teacher.suppressed, for_teacher.suppressed_reason) == (True, "small")
    assert for_teacher.stats["items"] is None
    assert (for_teacher.response_count, for_teacher.described_count) == (6, 1)


def test_the_figures_a_viewer_sees_describe_only_those_the_viewer_cannot_see():
    sharing = students(4, mood=5, energy=5)
    private = [row(mood=m, energy=e) for m, e in [(1, 2), (2, 2), (2, 3), (3, 1), (1, 1), (3, 2)]]
    rows = [*sharing, *private]
    shown = week_aggregates(rows, one_group(rows), hidden_scores=keys_of(sharing))[GROUP]
    alone = week_aggregates(private, one_group(private))[GROUP]
    assert shown.stats["items"] == alone.stats["items"]  # the sharers add nothing to subtract
    assert shown.described_count == 6 and shown.response_count == 10


def test_themes_of_nine_writers_who_do_not_share_are_below_the_text_minimum_for_a_teacher():
    def writer(theme):
        return row(has_text=True, themes=(theme,), polarity=0.1)

    sharing = [writer("friends") for _ in range(4)]
    private = [writer("bullying") for _ in range(9)]
    rows = [*sharing, *private]
    for_everyone = week_aggregates(rows, one_group(rows))[GROUP]
    assert not for_everyone.text_suppressed  # thirteen texts
    for_teacher = week_aggregates(rows, one_group(rows), hidden_text=keys_of(sharing))[GROUP]
    assert (for_teacher.text_suppressed, for_teacher.text_suppressed_reason) == (True, "small")
    assert for_teacher.stats["text"] is None and for_teacher.text_described_count == 9


def test_a_parent_minus_its_children_is_protected_on_what_the_viewer_cannot_see():
    # Two classes partition a grade. The viewer sees four of class B's students one by one: class B then
    # describes too few, so the grade minus class A would be class B's non-sharers: the grade must not show that.
    a = students(8, mood=4)
    b_shared, b_private = students(4, mood=5), students(3, mood=1)
    rows = [*a, *b_shared, *b_private]
    cells = [
        Cell(GRADE, keys_of(rows)),
        Cell(("group", 1), keys_of(a), parent=GRADE),
        Cell(("group", 2), keys_of(b_shared + b_private), parent=GRADE),
    ]
    result = week_aggregates(rows, cells, hidden_scores=keys_of(b_shared))
    assert result[("group", 2)].suppressed
    shown = {key for key, cell in result.items() if not cell.suppressed}
    assert not {GRADE, ("group", 1)} <= shown  # grade minus class A would give class B's three


# --- homogeneity -------------------------------------------------------------------------------------------------


def test_nine_of_nine_saying_the_same_shows_neither_distribution_nor_mean():
    rows = [row(mood=m, energy=3) for m in (1, 2, 3, 4, 5, 1, 2, 3, 4)]
    energy = week_aggregates(rows, one_group(rows))[GROUP].stats["items"]["energy"]
    assert energy == {"mean": None, "distribution": None, "coarsened": True}


def test_all_but_fewer_than_the_minimum_on_one_value_shows_the_mean_alone():
    rows = [row(mood=m, energy=3) for m in (1, 2, 3, 4, 5, 1, 2, 3)] + [row(mood=2, energy=5)]
    energy = week_aggregates(rows, one_group(rows))[GROUP].stats["items"]["energy"]
    assert energy["distribution"] is None and energy["coarsened"]
    assert energy["mean"] == round((8 * 3 + 5) / 9, 2)


def test_a_spread_of_answers_shows_the_distribution():
    moods = (1, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    rows = [row(mood=m) for m in moods]
    mood = week_aggregates(rows, one_group(rows))[GROUP].stats["items"]["mood"]
    assert mood["distribution"] == {"1": 2, "2": 2, "3": 2, "4": 2, "5": 2} and not mood["coarsened"]


def test_a_choice_almost_everyone_made_is_not_counted():
    rows = [row(mood=m, help_wanted=("more_explanation",)) for m in (1, 2, 3, 4, 5, 1, 2, 3)]
    rows += [row(mood=4, help_wanted=("breaks",)), row(mood=5, help_wanted=("breaks",))]
    stats = week_aggregates(rows, one_group(rows))[GROUP].stats
    assert stats["help_wanted"] == {"breaks": 2, "more_explanation": None}  # 8 of 10: all but two


def test_one_workload_answer_for_nearly_all_withholds_the_workload():
    rows = [row(mood=m, workload="too_hard") for m in (1, 2, 3, 4, 5, 1, 2)] + [row(mood=3, workload="too_easy")]
    assert week_aggregates(rows, one_group(rows))[GROUP].stats["workload"] is None


def test_the_population_is_the_only_output_with_student_keys():
    rows = students(6, mood=2)
    cell = week_aggregates(rows, one_group(rows))[GROUP]
    assert cell.population == keys_of(rows)
    assert not any(str(key) in str(cell.stats) for key in keys_of(rows))
