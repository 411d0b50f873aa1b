"""URLs of the SMS gateway: delivery reports from the gateway (always), and the local gateway
double (only when SMS_LOKAAL is on)."""

app_name = "sms"

urlpatterns: list = []
