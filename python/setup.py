"""The wheel's tag: py3-none-PLATFORM. setuptools tags a wheel holding a
compiled file for one CPython ABI (cp311-cp311-...); libfeudfacts is loaded
with ctypes, not imported as an extension module, so it fits every Python 3
on the platform. Everything else is in pyproject.toml."""

from typing import Tuple

from setuptools import setup
from setuptools.command.bdist_wheel import bdist_wheel


class BdistWheelAnyPython(bdist_wheel):
    """bdist_wheel with the Python and ABI tags of a ctypes package."""

    def get_tag(self) -> Tuple[str, str, str]:
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(cmdclass={"bdist_wheel": BdistWheelAnyPython})
