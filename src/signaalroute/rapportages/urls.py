app_name = "rapportages"

urlpatterns: list = []
