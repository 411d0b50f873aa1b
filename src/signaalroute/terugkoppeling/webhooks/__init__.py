"""Webhooks to partners in the NL GOV profile for CloudEvents (docs/webhooks.md, ADR 0025).

A partner subscribes an HTTPS endpoint; every new feedback row (`Terugkoppeling`) of that
partner becomes one CloudEvent, delivered to each of its active subscriptions, signed, with
retries, back-off and a dead-letter list. The event says only *that* the coarse code changed
and where to fetch it (`dataref`, the authenticated partner API): never personal data.
"""
