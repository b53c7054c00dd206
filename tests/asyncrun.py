"""Run a coroutine to its end from a test, in a thread of its own: the browser tests keep an
event loop running in the main thread, where asyncio.run and async_to_sync refuse to start."""

import asyncio
import threading


def run_async(function, *args, **kwargs):
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(function(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - raised again in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
