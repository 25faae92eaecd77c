import logging

logger = logging.getLogger(__name__)


def authenticate(user, password, api_key):
    # ruleid: python-logging-secret
    logger.info("login attempt for %s with %s", user.name, password)
    # ruleid: python-logging-secret
    logging.debug(f"using api key {api_key}")
    # ruleid: python-logging-secret
    logger.warning("token refresh: %s", user.refresh_token)
    # ok: python-logging-secret
    logger.info("password changed for user %s", user.name)
    # ok: python-logging-secret
    logger.info("api key ending in %s", user.masked_key)
    # ok: python-logging-secret
    logging.info("user %s logged in", user.id)
