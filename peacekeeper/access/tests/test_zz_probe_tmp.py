from hypothesis import given, settings, strategies as st
from peacekeeper.access import policy
from peacekeeper.access.labels import combine, expressible
from peacekeeper.access.tests.test_policy_agrees_with_database import labels, subjects

@settings(max_examples=3000, deadline=None)
@given(st.lists(labels(), min_size=1, max_size=4), st.lists(subjects(), min_size=10, max_size=10))
def test_probe(specs, readers):
    c = combine(specs)
    if not expressible(c):
        return
    for s in readers:
        if policy.can_see(s, c):
            for p in specs:
                assert policy.can_see(s, p), (c.marking, [x.marking for x in specs], s)
