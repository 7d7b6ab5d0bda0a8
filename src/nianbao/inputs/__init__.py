"""Inputs other than report files that become a Report: the fill-in YAML (`fill`), ledgers (`ledger`)."""
