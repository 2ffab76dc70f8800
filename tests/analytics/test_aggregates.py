"""A school's weekly aggregates per cell, and their disclosure control: pure maths, no database.

Student keys are large numbers (from 7_000_001) so that a key leaking into an output cannot be mistaken
for a count.
"""

import dataclasses
import json
import random
from itertools import count

import pytest

from analytics.aggregates import Cell, CellAggregate, ResponseRow, week_aggregates

_next_student = count(7_000_001)

SUPPRESSED_STATS = {"items": None, "workload": None, "hardest_subject": None, "help_wanted": None, "text": None}


def row(student=None, mood=3, energy=3, stress=3, sleep=3, belonging=3, **rest):
    fields = dict(workload="", hardest_subject="", help_wanted=(), has_text=False, themes=(), polarity=None)
    return ResponseRow(
        student=next(_next_student) if student is None else student,
        mood=mood,
        energy=energy,
        stress=stress,
        sleep=sleep,
        belonging=belonging,
        **(fields | rest),
    )


def students(n, **answers):
    return [row(**answers) for _ in range(n)]


def keys_of(rows):
    return frozenset(r.student for r in rows)


def published(result):
    return {key for key, agg in result.items() if not agg.suppressed}


def reasons(result):
    return {key: agg.suppressed_reason for key, agg in result.items() if agg.suppressed}


def text_reasons(result):
    return {key: agg.text_suppressed_reason for key, agg in result.items() if agg.text_suppressed}


# --- statistics --------------------------------------------------------------


def test_it_computes_every_statistic_of_a_published_cell():
    s1 = row(mood=5, energy=4, stress=2, sleep=3, belonging=5, workload="about_right", hardest_subject="Matematik",
             has_text=True, themes=("school",), polarity=0.5)  # fmt: skip
    s2 = row(mood=4, energy=4, stress=3, sleep=3, belonging=4, workload="too_hard", hardest_subject="Matematik",
             help_wanted=("talk_teacher",), has_text=True, themes=("school", "friends"), polarity=-0.25)  # fmt: skip
    s3 = row(mood=3, energy=2, stress=5, sleep=2, belonging=4, workload="too_hard", hardest_subject="none",
             help_wanted=("talk_teacher", "talk_nurse", "talk_teacher"), has_text=True, themes=("sleep",))  # fmt: skip
    s4 = row(mood=2, energy=3, stress=4, sleep=4, belonging=2)
    s5 = row(mood=1, energy=2, stress=1, sleep=4, belonging=1, workload="about_right", hardest_subject="Engelska")
    s6 = row(mood=3, energy=4, stress=3, sleep=3, belonging=1, hardest_subject="Matematik",
             help_wanted=("talk_teacher",), has_text=True, polarity=0.0)  # fmt: skip
    absent = next(_next_student)
    outsider = row(mood=5, energy=5, stress=1, sleep=5, belonging=5, workload="too_easy", hardest_subject="Kemi",
                   help_wanted=("other",), has_text=True, themes=("bullying",), polarity=1.0)  # fmt: skip
    group = Cell(key=("group", 41), members=keys_of([s1, s2, s3, s4, s5, s6]) | {absent})

    # Minimums this low only to see every statistic of six answers (the homogeneity rule needs answers spread
    # over more than the minimum); test_disclosure_rules.py has the rule at real minimums.
    result = week_aggregates([s1, s2, s3, s4, s5, s6, outsider], [group], min_responses=2, min_text_responses=3)

    assert result[("group", 41)] == CellAggregate(
        member_count=7,
        response_count=6,
        participation_rate=85.7,
        suppressed=False,
        suppressed_reason="",
        text_count=4,
        text_suppressed=False,
        text_suppressed_reason="",
        stats={
            "items": {
                "mood": {"mean": 3.0, "distribution": {"1": 1, "2": 1, "3": 2, "4": 1, "5": 1}, "coarsened": False},
                "energy": {"mean": 3.17, "distribution": {"1": 0, "2": 2, "3": 1, "4": 3, "5": 0}, "coarsened": False},
                "stress": {"mean": 3.0, "distribution": {"1": 1, "2": 1, "3": 2, "4": 1, "5": 1}, "coarsened": False},
                "sleep": {"mean": 3.17, "distribution": {"1": 0, "2": 1, "3": 3, "4": 2, "5": 0}, "coarsened": False},
                "belonging": {
                    "mean": 2.83,
                    "distribution": {"1": 2, "2": 1, "3": 0, "4": 2, "5": 1},
                    "coarsened": False,
                },
            },
            "workload": {"too_easy": 0, "about_right": 2, "too_hard": 2},
            "hardest_subject": {"Engelska": 1, "Matematik": 3, "none": 1},
            "help_wanted": {"talk_nurse": 1, "talk_teacher": 3},  # a code twice in one answer counts once
            # Two of the four writers wrote about school: all but fewer than the text minimum, so not counted.
            "text": {"themes": {"friends": 1, "school": None, "sleep": 1}, "mean_polarity": 0.08},
        },
        described_count=6,
        text_described_count=4,
        population=keys_of([s1, s2, s3, s4, s5, s6]),
    )
    json.dumps(result[("group", 41)].stats)  # JSON-ready as it is


def test_mean_polarity_is_none_when_no_text_was_analysed():
    group_rows = students(10, has_text=True)
    result = week_aggregates(group_rows, [Cell(("group", 1), keys_of(group_rows))])
    assert result[("group", 1)].stats["text"] == {"themes": {}, "mean_polarity": None}


# --- primary suppression -----------------------------------------------------


def test_it_suppresses_a_cell_one_response_below_the_minimum():
    group_rows = students(4, has_text=True, polarity=0.5)
    members = keys_of(group_rows) | {next(_next_student) for _ in range(4)}
    aggregate = week_aggregates(group_rows, [Cell(("group", 1), members)])[("group", 1)]
    assert (aggregate.suppressed, aggregate.suppressed_reason) == (True, "small")
    assert (aggregate.text_suppressed, aggregate.text_suppressed_reason) == (True, "cell")
    assert aggregate.stats == SUPPRESSED_STATS
    # Counts say who took part, not how anyone is: they stay.
    assert (aggregate.member_count, aggregate.response_count, aggregate.participation_rate) == (8, 4, 50.0)
    assert aggregate.text_count == 4


def test_it_publishes_a_cell_at_exactly_the_minimum():
    group_rows = [row(mood=m) for m in (1, 2, 3, 4, 5)]
    aggregate = week_aggregates(group_rows, [Cell(("group", 1), keys_of(group_rows))])[("group", 1)]
    assert not aggregate.suppressed
    # Published; but with as many answers as the minimum, any distribution leaves fewer than the minimum off
    # its largest value, so the homogeneity rule shows the mean alone.
    assert aggregate.stats["items"]["mood"] == {"mean": 3.0, "distribution": None, "coarsened": True}


def test_it_honours_a_larger_school_minimum():
    group_rows = students(7)
    cells = [Cell(("group", 1), keys_of(group_rows))]
    assert week_aggregates(group_rows, cells, min_responses=8)[("group", 1)].suppressed
    assert not week_aggregates(group_rows, cells, min_responses=7)[("group", 1)].suppressed


def test_the_text_threshold_is_separate_from_the_response_threshold():
    nine = students(9, has_text=True, themes=("school",)) + students(3)
    ten = students(10, has_text=True, themes=("school",)) + students(3)
    result_nine = week_aggregates(nine, [Cell(("group", 1), keys_of(nine))])[("group", 1)]
    result_ten = week_aggregates(ten, [Cell(("group", 1), keys_of(ten))])[("group", 1)]

    assert not result_nine.suppressed
    assert (result_nine.text_suppressed, result_nine.text_suppressed_reason) == (True, "small")
    assert result_nine.stats["text"] is None
    assert result_nine.stats["items"] is not None
    assert result_nine.text_count == 9

    assert not result_ten.text_suppressed
    assert result_ten.stats["text"]["themes"] == {"school": None}  # all ten wrote about school: not counted


def test_empty_rows_suppress_every_cell_and_show_zero_participation():
    members = frozenset({7_999_001, 7_999_002})
    result = week_aggregates([], [Cell(("school", 1), members), Cell(("group", 2), frozenset(), ("school", 1))])
    school, empty = result[("school", 1)], result[("group", 2)]
    assert (school.response_count, school.participation_rate, school.suppressed_reason) == (0, 0.0, "small")
    assert (empty.member_count, empty.participation_rate, empty.suppressed_reason) == (0, None, "small")
    assert school.stats == empty.stats == SUPPRESSED_STATS


def test_no_cells_give_no_aggregates():
    assert week_aggregates(students(20), []) == {}


# --- partition differencing ----------------------------------------------------


def school_of(*group_sizes, unassigned=0, **answers):
    """A school partitioned into groups of the given respondent counts, plus respondents in no group."""
    groups = [students(n, **answers) for n in group_sizes]
    rest = students(unassigned, **answers)
    all_rows = [r for g in groups for r in g] + rest
    cells = [Cell(("school", 1), keys_of(all_rows))]
    cells += [Cell(("group", chr(ord("A") + i)), keys_of(g), ("school", 1)) for i, g in enumerate(groups)]
    return all_rows, cells


def test_one_small_child_makes_the_next_smallest_sibling_hidden_too():
    # The school total minus 12 and 9 would reveal the 3.
    all_rows, cells = school_of(12, 9, 3)
    result = week_aggregates(all_rows, cells)
    assert reasons(result) == {("group", "B"): "differencing", ("group", "C"): "small"}
    assert published(result) == {("school", 1), ("group", "A")}


def test_two_small_children_whose_union_is_still_small():
    all_rows, cells = school_of(10, 8, 2, 2)
    result = week_aggregates(all_rows, cells)
    assert reasons(result) == {("group", "B"): "differencing", ("group", "C"): "small", ("group", "D"): "small"}


def test_small_children_whose_union_reaches_the_minimum_need_nothing_more():
    all_rows, cells = school_of(10, 3, 3)
    result = week_aggregates(all_rows, cells)
    assert reasons(result) == {("group", "B"): "small", ("group", "C"): "small"}


def test_respondents_in_no_child_count_as_hidden():
    all_rows, cells = school_of(10, 7, unassigned=3)
    result = week_aggregates(all_rows, cells)
    assert reasons(result) == {("group", "B"): "differencing"}


def test_children_covering_their_parent_exactly_need_nothing():
    all_rows, cells = school_of(6, 5, 5)
    assert reasons(week_aggregates(all_rows, cells)) == {}


def test_ties_between_children_are_broken_by_key():
    all_rows, cells = school_of(6, 6, 3)
    result = week_aggregates(all_rows, cells)
    assert reasons(result) == {("group", "A"): "differencing", ("group", "C"): "small"}
    assert week_aggregates(list(reversed(all_rows)), list(reversed(cells))) == result


def test_the_parent_is_suppressed_when_no_child_can_cover_the_remainder():
    # Grade 7 = group 7A (itself split into 7A1 and 7A2, both published) + 2 students in no group.
    # Hiding 7A would not help: 7A1 + 7A2 still show it. So grade 7 goes instead. That cascades: the
    # school would show those 2 as school - 7A - grade 8, so grade 8 goes too.
    a1, a2, loose, grade8 = students(6), students(5), students(2), students(10)
    cells = [
        Cell(("school", 1), keys_of(a1 + a2 + loose + grade8)),
        Cell(("grade", 7), keys_of(a1 + a2 + loose), ("school", 1)),
        Cell(("grade", 8), keys_of(grade8), ("school", 1)),
        Cell(("group", "7A"), keys_of(a1 + a2), ("grade", 7)),
        Cell(("group", "7A1"), keys_of(a1), ("group", "7A")),
        Cell(("group", "7A2"), keys_of(a2), ("group", "7A")),
    ]
    result = week_aggregates(a1 + a2 + loose + grade8, cells)
    assert reasons(result) == {("grade", 7): "differencing", ("grade", 8): "differencing"}
    assert published(result) == {("school", 1), ("group", "7A"), ("group", "7A1"), ("group", "7A2")}


def test_a_child_whose_hiding_would_not_help_is_kept():
    # 7A is the smaller child, but its own published groups would still show it: hide 7B instead.
    a1, a2, b, loose = students(6), students(5), students(20), students(2)
    cells = [
        Cell(("grade", 7), keys_of(a1 + a2 + b + loose)),
        Cell(("group", "7A"), keys_of(a1 + a2), ("grade", 7)),
        Cell(("group", "7A1"), keys_of(a1), ("group", "7A")),
        Cell(("group", "7A2"), keys_of(a2), ("group", "7A")),
        Cell(("group", "7B"), keys_of(b), ("grade", 7)),
    ]
    result = week_aggregates(a1 + a2 + b + loose, cells)
    assert reasons(result) == {("group", "7B"): "differencing"}


# --- nested differencing -------------------------------------------------------


def test_a_home_group_inside_a_teaching_group_one_student_larger_is_hidden():
    home = students(5)
    extra = students(1)
    cells = [Cell(("group", "8A"), keys_of(home)), Cell(("teaching", "8A-maths-plus"), keys_of(home + extra))]
    result = week_aggregates(home + extra, cells)
    assert reasons(result) == {("group", "8A"): "differencing"}


def test_nesting_is_judged_on_respondents_not_members():
    home = students(5)
    extra = students(1)
    absent = frozenset(range(7_900_000, 7_900_010))
    cells = [Cell(("group", "8A"), keys_of(home) | absent), Cell(("teaching", "x"), keys_of(home + extra))]
    assert reasons(week_aggregates(home + extra, cells)) == {("group", "8A"): "differencing"}


def test_a_nested_difference_of_the_minimum_is_safe():
    home = students(5)
    others = students(5)
    cells = [Cell(("group", "8A"), keys_of(home)), Cell(("teaching", "x"), keys_of(home + others))]
    assert reasons(week_aggregates(home + others, cells)) == {}


def test_overlapping_cells_that_do_not_nest_are_left_alone():
    a, b, shared = students(4), students(4), students(3)
    cells = [Cell(("group", "A"), keys_of(a + shared)), Cell(("teaching", "T"), keys_of(b + shared))]
    assert reasons(week_aggregates(a + b + shared, cells)) == {}


def test_equal_respondent_sets_reveal_nothing():
    group = students(6)
    absent = next(_next_student)
    cells = [Cell(("group", "A"), keys_of(group)), Cell(("teaching", "T"), keys_of(group) | {absent})]
    assert reasons(week_aggregates(group, cells)) == {}


# --- the text part --------------------------------------------------------------


def test_text_differencing_runs_on_writers_with_its_own_minimum():
    # Everyone's scores are published, but group C's 4 texts could be had as school - A - B.
    groups = [students(12, has_text=True), students(10, has_text=True), students(4, has_text=True) + students(6)]
    all_rows = [r for g in groups for r in g]
    cells = [Cell(("school", 1), keys_of(all_rows))]
    cells += [Cell(("group", name), keys_of(g), ("school", 1)) for name, g in zip("ABC", groups, strict=True)]
    result = week_aggregates(all_rows, cells)
    assert reasons(result) == {}
    assert text_reasons(result) == {("group", "B"): "differencing", ("group", "C"): "small"}
    assert result[("school", 1)].stats["text"] is not None
    assert result[("group", "B")].stats["text"] is None
    assert result[("group", "B")].stats["items"] is not None


def test_a_cell_hidden_for_its_scores_counts_as_hidden_text():
    # B has 10 texts (enough alone) but its scores are hidden by differencing, so its text goes with them;
    # school text - A text then shows B's 10 + C's 3: enough, so A keeps its text.
    a = students(12, has_text=True)
    b = students(10, has_text=True)
    c = students(3, has_text=True)
    all_rows = a + b + c
    cells = [Cell(("school", 1), keys_of(all_rows))]
    cells += [Cell(("group", n), keys_of(g), ("school", 1)) for n, g in zip("ABC", (a, b, c), strict=True)]
    result = week_aggregates(all_rows, cells)
    assert reasons(result) == {("group", "B"): "differencing", ("group", "C"): "small"}
    assert text_reasons(result) == {("group", "B"): "cell", ("group", "C"): "cell"}


# --- privacy of the output -------------------------------------------------------


def test_no_output_contains_a_student_key():
    all_rows, cells = school_of(12, 9, 3, unassigned=2, has_text=True, themes=("school",), polarity=0.1)
    teaching = Cell(("teaching", "T"), keys_of(all_rows[:6]))
    result = week_aggregates(all_rows, [*cells, teaching], min_text_responses=5)
    # Every output but `population`, which only the publisher reads (to count changes) and never shows.
    shown = {
        repr(key): {name: value for name, value in dataclasses.asdict(agg).items() if name != "population"}
        for key, agg in result.items()
    }
    text = json.dumps(shown)
    assert '"items": {' in text  # something was published, so the search below means something
    for r in all_rows:
        assert str(r.student) not in text


# --- bad input --------------------------------------------------------------------


def test_it_refuses_two_rows_for_one_student():
    one = row()
    with pytest.raises(ValueError, match="more than one row"):
        week_aggregates([one, one], [Cell(("group", 1), keys_of([one]))])


def test_it_refuses_duplicate_cell_keys():
    with pytest.raises(ValueError, match="duplicate"):
        week_aggregates([], [Cell(("group", 1), frozenset()), Cell(("group", 1), frozenset())])


def test_it_refuses_an_answer_outside_one_to_five():
    with pytest.raises(ValueError, match="1..5"):
        week_aggregates([row(belonging=0)], [])


# --- invariants on random schools ---------------------------------------------------


def random_school(rng):
    """A school of 40-120 students in 2-3 grades of 2-4 home groups, some students in no group, and
    overlapping teaching groups; about 40-90% respond, about half of them with a text."""
    people = list(range(7_500_000, 7_500_000 + rng.randint(40, 120)))
    rows = [row(s, has_text=rng.random() < 0.5) for s in people if rng.random() < rng.uniform(0.4, 0.9)]
    cells = [Cell(("school", 1), frozenset(people))]
    grades = rng.randint(2, 3)
    for g in range(grades):
        in_grade = people[g::grades]
        cells.append(Cell(("grade", g), frozenset(in_grade), ("school", 1)))
        homes = rng.randint(2, 4)
        grouped = [s for s in in_grade if rng.random() < 0.95]
        cells += [Cell(("group", g * 10 + h), frozenset(grouped[h::homes]), ("grade", g)) for h in range(homes)]
    homes = [c for c in cells if c.key[0] == "group"]
    for t in range(rng.randint(2, 8)):
        home = sorted(rng.choice(homes).members)
        shape = rng.random()
        if shape < 0.4:  # overlapping anything
            members = rng.sample(people, rng.randint(4, 25))
        elif shape < 0.7:  # a home group and a few more
            members = home + rng.sample(people, rng.randint(1, 4))
        else:  # part of a home group
            members = home[rng.randint(1, 4) :]
        cells.append(Cell(("teaching", t), frozenset(members)))
    return rows, cells


def leaks(result, rows, cells, minimum, of_text):
    """Every published difference smaller than the minimum that the rules promise to prevent."""
    answered = {r.student for r in rows if r.has_text or not of_text}
    resp = {c.key: c.members & answered for c in cells}
    shown = {k for k, a in result.items() if not (a.text_suppressed if of_text else a.suppressed)}
    found = []
    for c in cells:
        if c.key in shown and any(d.parent == c.key for d in cells):
            # The topmost published descendants are what a reader can subtract.
            visible, stack = set(), [d.key for d in cells if d.parent == c.key]
            while stack:
                k = stack.pop()
                if k in shown:
                    visible |= resp[k]
                else:
                    stack += [d.key for d in cells if d.parent == k]
            if 0 < len(resp[c.key] - visible) < minimum:
                found.append(("partition", c.key))
    for a in shown:
        for b in shown:
            if resp[a] < resp[b] and len(resp[b] - resp[a]) < minimum:
                found.append(("nested", a, b))
    return found


@pytest.mark.parametrize("seed", range(40))
def test_no_random_school_leaks_by_the_differences_it_protects(seed):
    rng = random.Random(seed)
    rows, cells = random_school(rng)
    result = week_aggregates(rows, cells, min_responses=5, min_text_responses=8)
    assert leaks(result, rows, cells, 5, of_text=False) == []
    assert leaks(result, rows, cells, 8, of_text=True) == []
    for aggregate in result.values():
        assert aggregate.suppressed or aggregate.response_count >= 5
        assert aggregate.text_suppressed or aggregate.text_count >= 8
        assert not aggregate.suppressed or aggregate.text_suppressed_reason == "cell"


def test_optional_items_left_out_count_in_neither_mean_nor_distribution():
    energies = [None, None, None, 1, 2, 3, 4, 5, 1, 2]
    rows = [row(n, mood=1 + n % 5, energy=energy, stress=None) for n, energy in enumerate(energies)]
    result = week_aggregates(rows, [Cell(key=("group", 1), members=frozenset(range(10)))], min_responses=2)
    items = result["group", 1].stats["items"]
    assert items["mood"]["mean"] == 3.0 and sum(items["mood"]["distribution"].values()) == 10
    assert items["energy"]["mean"] == round(18 / 7, 2)
    assert items["energy"]["distribution"] == {"1": 2, "2": 2, "3": 1, "4": 1, "5": 1}
    assert items["stress"] == {
        "mean": None,
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
        "coarsened": False,
    }
