"""The harness's command line: which targets a run measures, and how many times, without running it."""

from __future__ import annotations

import pytest

from bench.cli import options_from

pytestmark = pytest.mark.bench


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """argparse's message for a bad command line, after it exits with status 2."""
    with pytest.raises(SystemExit) as exited:
        options_from(argv)
    assert exited.value.code == 2
    return capsys.readouterr().err


def test_every_target_once_by_default() -> None:
    options = options_from([])
    assert options.targets == ("tessera", "floor", "framework", "naive")
    assert options.runs == 1


def test_targets_are_measured_in_their_own_order_whatever_the_order_given() -> None:
    assert options_from(["--targets", "floor, tessera"]).targets == ("tessera", "floor")
    assert options_from(["--targets", "naive,tessera,naive"]).targets == ("tessera", "naive")
    assert options_from(["--targets", "tessera"]).targets == ("tessera",)


def test_an_unknown_target_is_refused_with_the_names_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    error = _refused(["--targets", "tessera,raw"], capsys)
    assert "argument --targets: 'tessera,raw': use one or more of tessera, floor, framework, naive" in error
    assert "use one or more of tessera, floor, framework, naive" in _refused(["--targets", ","], capsys)


def test_targets_without_tessera_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    error = _refused(["--targets", "floor,naive"], capsys)
    assert "argument --targets: 'floor,naive': tessera must be among them" in error


def test_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert options_from(["--runs", "3"]).runs == 3
    assert "argument --runs: 0: at least 1" in _refused(["--runs", "0"], capsys)
    assert "argument --runs: -2: at least 1" in _refused(["--runs", "-2"], capsys)
    assert "argument --runs: invalid" in _refused(["--runs", "two"], capsys)
