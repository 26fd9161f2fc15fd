"""Wrong trainer passwords are limited per client, and the lock lifts after the window."""
from __future__ import annotations

import pytest

from ui.login import Attempts, verify
from ui.messages import InputError


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Req:
    def __init__(self, host: str):
        self.client = type("Client", (), {"host": host})()


@pytest.mark.parametrize("guesses", [["123456"], ["", "培训师", "password", "admin"]])
def test_wrong_guesses_under_the_limit_only_say_the_password_is_wrong(guesses):
    attempts = Attempts(limit=5, window=300, clock=Clock())
    for guess in guesses:
        with pytest.raises(InputError, match="密码不正确"):
            verify("正确密码", guess, Req("10.0.0.8"), attempts)
    verify("正确密码", "正确密码", Req("10.0.0.8"), attempts)


def test_a_client_that_used_up_its_attempts_is_locked_even_with_the_right_password_then_released():
    clock = Clock()
    attempts = Attempts(limit=3, window=300, clock=clock)
    for _ in range(3):
        with pytest.raises(InputError):
            verify("正确密码", "猜一个", Req("10.0.0.8"), attempts)
    with pytest.raises(InputError, match="次数过多.*5 分钟"):
        verify("正确密码", "正确密码", Req("10.0.0.8"), attempts)
    verify("正确密码", "正确密码", Req("10.0.0.9"), attempts)  # another desk is not locked out
    clock.now += 301
    verify("正确密码", "正确密码", Req("10.0.0.8"), attempts)


def test_a_right_password_clears_earlier_failures():
    attempts = Attempts(limit=2, window=300, clock=Clock())
    with pytest.raises(InputError):
        verify("pw", "x", None, attempts)
    verify("pw", "pw", None, attempts)
    with pytest.raises(InputError, match="密码不正确"):
        verify("pw", "x", None, attempts)
