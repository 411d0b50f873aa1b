"""Triage: which tray, contact approach, team and deadlines a case gets (BRIEF §5)."""
