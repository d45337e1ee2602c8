from tests.site_fixtures import live_site, site, site_app, site_build, site_store  # noqa: F401
