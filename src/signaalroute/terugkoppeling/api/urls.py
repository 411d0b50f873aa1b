from rest_framework.routers import SimpleRouter

from .viewsets import OnjuistContactgegevenViewSet, SchuldontwikkelingViewSet, TerugkoppelingViewSet

router = SimpleRouter(trailing_slash=False)
router.register("terugkoppelingen", TerugkoppelingViewSet, basename="terugkoppeling")
router.register(
    "onjuiste-contactgegevens", OnjuistContactgegevenViewSet, basename="onjuist-contactgegeven"
)
router.register("schuldontwikkelingen", SchuldontwikkelingViewSet, basename="schuldontwikkeling")

urlpatterns = router.urls
