from tests.site_fixtures import site, site_app, site_build, site_store  # noqa: F401
