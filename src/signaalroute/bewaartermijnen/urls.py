app_name = "bewaartermijnen"

urlpatterns: list = []
