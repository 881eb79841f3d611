"""Ärende (the case screen), one module per tab; see screen.py."""

from tui.screens.case.base import MEETING_STATUS, CasePane
from tui.screens.case.consents import consent_status
from tui.screens.case.screen import CaseScreen

__all__ = ["MEETING_STATUS", "CasePane", "CaseScreen", "consent_status"]
