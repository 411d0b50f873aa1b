from rest_framework.routers import SimpleRouter

from .viewsets import AanleveringViewSet

router = SimpleRouter(trailing_slash=False)
router.register("aanleveringen", AanleveringViewSet, basename="aanlevering")

urlpatterns = router.urls
