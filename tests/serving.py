"""Real servers for tests, on free loopback ports, waited for and always stopped: a `matcher serve`
process, and an SMTP server that keeps what it is sent."""
from __future__ import annotations

import contextlib
import email
import email.policy
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

PROJECT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(db_path: Path, log_path: Path, **environment: str):
    """`python -m matcher.cli serve` (this tree's code, whatever `pip install -e` pointed at last)
    over DB_PATH with MATCHER_* ENVIRONMENT; yields its base URL."""
    port = free_port()
    env = {**os.environ, "MATCHER_MODEL": "hashing", "MATCHER_RATE_LIMIT": "off", **environment}
    with open(log_path, "w") as log:
        process = subprocess.Popen([sys.executable, "-m", "matcher.cli", "serve", "--db", str(db_path),
                                    "--host", "127.0.0.1", "--port", str(port)],
                                   cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(process, url, log_path)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(process: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"matcher serve exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"matcher serve did not answer within {START_TIMEOUT_S} s:\n{log_path.read_text()}")


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str, timeout_s: float = 15) -> list[email.message.EmailMessage]:
        """The messages sent to `address`, waiting up to `timeout_s` for a first one (mail goes in the background)."""
        deadline = time.monotonic() + timeout_s
        while True:
            found = [m for m in self.messages if address in m["To"]]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.1)


@contextlib.contextmanager
def smtp_server(controller_module):
    """A real SMTP server (aiosmtpd's `controller_module`) on a free loopback port; yields (Inbox, port)."""
    inbox = Inbox()
    controller = controller_module.Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()

