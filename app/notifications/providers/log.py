"""The default provider: writes each message to the application log, so nothing needs an account."""

import logging

log = logging.getLogger("tdp.notify")


class LogProvider:
    def __init__(self, channel):
        self.channel = channel

    def send(self, message):
        log.info("notify %s to %s [%s]: %s", self.channel, message.to[-40:], message.key, message.text)
        return f"log-{message.key}"
