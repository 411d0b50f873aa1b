"""Browser tests: the application in Chromium via Playwright (`pytest -m e2e`)."""
