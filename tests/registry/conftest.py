import pytest


@pytest.fixture(autouse=True)
def fresh_originality_index():
    """Each test starts with an empty originality index (the database is rolled back)."""
    from registry.services.originality import originality_index_reset

    originality_index_reset()
    yield
    originality_index_reset()
