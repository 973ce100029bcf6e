"""A small client of the Chrome DevTools Protocol over ``--remote-debugging-pipe``: drive a real headless Chromium
(navigate, click, type, read the DOM and the clipboard, take screenshots) with no driver, no websocket library
and no network port. Messages are JSON objects separated by NUL bytes on file descriptors 3 (to the browser)
and 4 (from it).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any


class CdpError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


class Browser:
    """One headless Chromium with one page; ``with Browser(chromium) as page: ...``."""

    def __init__(self, chromium: str, width: int = 1280, height: int = 1000, language: str = "id-ID") -> None:
        self._profile = tempfile.TemporaryDirectory()
        self._language = language
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        # The child's fds 3 and 4 must be exactly these two pipes.
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--remote-debugging-pipe", f"--user-data-dir={self._profile.name}", f"--lang={language}",
                f"--window-size={width},{height}", "about:blank"]

        def _fds() -> None:  # in the child: move both out of the way first, in case either is 3 or 4
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_read, from_browser_write)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        # Its log goes to a file (a pipe nobody drains would stall the browser once full).
        self._log = open(Path(self._profile.name) / "chromium.log", "w+b")
        self._process = subprocess.Popen(args, preexec_fn=_fds, close_fds=False,
                                         stdout=subprocess.DEVNULL, stderr=self._log)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self._session: str | None = None
        self.events: list[dict[str, Any]] = []

    # -- protocol --------------------------------------------------------------------------------
    def send(self, method: str, params: dict[str, Any] | None = None, page: bool = True,
             timeout: float = 30) -> dict[str, Any]:
        """Send one command (to the page's session unless ``page`` is False) and wait for its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if page and self._session:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise CdpError(f"{method}: no answer in {timeout} s")

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise CdpError("the browser went quiet")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                self._log.seek(0)
                raise CdpError("the browser closed the pipe: " + self._log.read().decode(errors="replace")[-2000:])
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, method: str, timeout: float = 30) -> dict[str, Any]:
        """The first event ``method`` seen (already, or within ``timeout``)."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read(deadline))

    # -- a page ---------------------------------------------------------------------------------
    def __enter__(self) -> "Browser":
        target = self.send("Target.createTarget", {"url": "about:blank"}, page=False)["targetId"]
        self._session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                  page=False)["sessionId"]
        for domain in ("Page", "Runtime"):
            self.send(f"{domain}.enable")
        # The language the browser asks for (headless Chromium ignores --lang for Accept-Language).
        agent = self.send("Browser.getVersion", page=False)["userAgent"]
        self.send("Emulation.setUserAgentOverride", {"userAgent": agent, "acceptLanguage": self._language})
        return self

    def __exit__(self, *_: object) -> None:
        try:
            self.send("Browser.close", page=False, timeout=5)
        except (CdpError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._log.close()
        self._profile.cleanup()

    def grant_clipboard(self, origin: str) -> None:
        """Let pages of ``origin`` read and write the clipboard (a person's click grants writing anyway)."""
        self.send("Browser.grantPermissions", {"origin": origin, "permissions": [
            "clipboardReadWrite", "clipboardSanitizedWrite"]}, page=False)

    def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        """Emulate a screen (a phone: ``mobile`` with a device scale of 2)."""
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                         "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile})

    def goto(self, url: str) -> None:
        """Navigate and wait until the page has loaded (its deferred scripts have run)."""
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def reload(self) -> None:
        """Reload the page and wait for it."""
        self.events.clear()
        self.send("Page.reload", {"ignoreCache": True})
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str, timeout: float = 30) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True, "userGesture": True}, timeout=timeout)
        if "exceptionDetails" in result:
            raise CdpError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15) -> Any:
        """Poll a JavaScript expression until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.1)
        raise CdpError(f"still false after {timeout} s: {expression}")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (scrolled into view first)."""
        box = self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView("
                      "{block: 'center'}); const r = e.getBoundingClientRect(); "
                      "return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left",
                                                   "clickCount": 1})

    def type(self, selector: str, text: str) -> None:
        """Focus the field and type ``text`` as keyboard input."""
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", {"text": text})

    def screenshot(self, path: Path, full_page: bool = True) -> None:
        """A PNG of the page (the whole length of it by default)."""
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", params)["data"]))
