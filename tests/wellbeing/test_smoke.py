def test_it_builds_the_cast(cast):
    assert cast.sharer.school == cast.school_a
