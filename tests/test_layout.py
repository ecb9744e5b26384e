"""Architecture rules that keep the layout honest."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import newsevents


def test_domain_package_never_imports_prefect():
    """newsevents/ is pure domain logic: importing all of it must not pull Prefect in."""
    names = [m.name for m in pkgutil.walk_packages(newsevents.__path__, "newsevents.")]
    code = ("import importlib, sys\n"
            f"for n in {names!r}: importlib.import_module(n)\n"
            "print('prefect' in sys.modules, 'great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_cli_help_is_fast_and_light():
    """`newsevents --help` must not import Prefect or Great Expectations."""
    code = ("import sys\nfrom newsevents.cli import build_parser\nbuild_parser()\n"
            "print('prefect' in sys.modules, 'great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_every_command_module_registers():
    from newsevents import commands

    for info in pkgutil.iter_modules(commands.__path__):
        if info.name.startswith("_"):  # private helpers of commands, skipped by the CLI too
            continue
        module = importlib.import_module(f"newsevents.commands.{info.name}")
        assert callable(getattr(module, "register", None)), info.name
