"""Static files in production: hashed names and compression (WhiteNoise), tolerant of one flaw
of a front-end package: a stylesheet of the NL Design System tokens refers to icon files the
package does not ship. Such a reference is left as it is instead of failing collectstatic; no
page uses that stylesheet."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StatischeBestandenOpslag(CompressedManifestStaticFilesStorage):
    def url_converter(self, name, hashed_files, template=None):
        converter = super().url_converter(name, hashed_files, template)

        def omzetten(matchobj):
            try:
                return converter(matchobj)
            except ValueError:  # the referenced file is not there: keep the reference
                return matchobj.group(0)

        return omzetten
