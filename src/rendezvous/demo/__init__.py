"""The demo edition: the Global Partnership Workshop series as the official report A/AC.105/1294 describes it.

This app stands above every other one: its loader and each app's demo data import the apps they fill by name, and
nothing imports it except its own `load_demo` command (and the tests).
"""
