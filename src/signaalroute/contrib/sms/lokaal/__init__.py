"""The local SMS gateway double: the generic API of docs/sms-gateway.md, served at /sms/lokaal/
when SMS_LOKAAL is on, so the demo and the tests use the real adapter over HTTP."""
