"""collectstatic with the production storage: hashed, compressed, and not stopped by the tokens
package's stylesheet that refers to icons it does not ship."""

from django.core.management import call_command


def test_collectstatic_with_the_production_storage(settings, tmp_path):
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "signaalroute.core.staticfiles.StatischeBestandenOpslag"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list((tmp_path / "vendor" / "utrecht-tokens").glob("index.*.css"))
