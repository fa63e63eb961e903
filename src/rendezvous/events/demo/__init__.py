"""The demo edition: the Global Partnership Workshop series as the official report A/AC.105/1294 describes it."""

from .loader import load_demo

__all__ = ["load_demo"]
