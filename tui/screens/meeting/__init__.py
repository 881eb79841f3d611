"""Mötesguiden: one module per kind of agenda step, guide.py for the screen itself."""

from tui.screens.meeting.guide import MeetingGuideScreen

__all__ = ["MeetingGuideScreen"]
