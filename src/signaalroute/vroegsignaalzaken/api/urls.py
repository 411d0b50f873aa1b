from rest_framework.routers import SimpleRouter

from .viewsets import WerkvoorraadViewSet

router = SimpleRouter(trailing_slash=False)
router.register("werkvoorraad", WerkvoorraadViewSet, basename="werkvoorraad")

urlpatterns = router.urls
