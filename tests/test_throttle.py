"""Throttles hold across workers: counted in the database, or in Redis when configured; time from timeutil."""

import threading

import pytest

from app.services import throttle


@pytest.fixture(params=["database", "redis"])
def backend(request, app):
    if request.param == "redis":
        request.getfixturevalue("with_redis")
    return request.param


def test_the_limit_allows_exactly_n_hits_in_a_window(backend):
    results = [throttle.hit("test:a", 3, 60, now=1000.0) for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_a_new_window_starts_counting_again(backend):
    for _ in range(3):
        throttle.hit("test:b", 3, 60, now=1000.0)
    assert not throttle.hit("test:b", 3, 60, now=1001.0)
    assert throttle.hit("test:b", 3, 60, now=1080.0)


def test_keys_are_counted_separately(backend):
    for _ in range(3):
        throttle.hit("test:phone:0912345678", 3, 60, now=1000.0)
    assert throttle.hit("test:phone:0987654321", 3, 60, now=1000.0)


def test_concurrent_hits_are_all_counted(backend, app):
    """Forty hits from eight threads (as from several workers) count to exactly forty."""

    def hammer():
        with app.app_context():
            for _ in range(5):
                throttle.hit("test:c", 1000, 60, now=5000.0)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert throttle.count("test:c", 60, now=5000.0) == 40


def test_reset_clears_a_key(backend):
    for _ in range(3):
        throttle.hit("test:d", 3, 60)
    throttle.reset("test:d", 60)
    assert throttle.count("test:d", 60) == 0


def test_retry_after_counts_down_to_the_end_of_the_window(backend):
    assert throttle.retry_after("test:e", 60, now=1000.0) == 20  # window 960-1020
    assert throttle.retry_after("test:e", 60, now=1019.5) == 1


def test_reset_prefix_clears_one_accounts_keys_from_every_address_and_no_other(backend):
    for key in ("login:pair:hoa:10.0.0.1", "login:pair:hoa:10.0.0.2", "login:pair:hoa%3A1:10.0.0.1"):
        throttle.hit(key, 3, 60, now=1000.0)
    assert throttle.any_at_least("login:pair:hoa:", 1, 60, now=1000.0)
    throttle.reset_prefix("login:pair:hoa:")
    assert not throttle.any_at_least("login:pair:hoa:", 1, 60, now=1000.0)
    assert throttle.count("login:pair:hoa%3A1:10.0.0.1", 60, now=1000.0) == 1


def test_a_prefix_with_wildcard_characters_matches_only_itself(backend):
    throttle.hit("login:pair:h_a:1", 3, 60, now=1000.0)
    throttle.hit("login:pair:hxa:1", 3, 60, now=1000.0)
    throttle.reset_prefix("login:pair:h_a:")
    assert throttle.count("login:pair:hxa:1", 60, now=1000.0) == 1


def test_the_clock_comes_from_timeutil(backend, clock):
    clock(2026, 11, 26, 8, 0)
    for _ in range(3):
        throttle.hit("test:f", 3, 60)
    assert not throttle.hit("test:f", 3, 60)
    clock(2026, 11, 26, 8, 2)
    assert throttle.hit("test:f", 3, 60)
