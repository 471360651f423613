"""Entry point: reads the environment, binds the socket, prints `listening on ...`, and runs uvicorn
with WORKERS worker processes (uvloop event loop, httptools parser).

This is what `uvicorn.run("app.main:app", workers=N)` does, spelt out so the one line the contract
asks for is printed once the socket listens (uvicorn's own start-up lines are logged at INFO, which
is turned off with the access log: the contract forbids per-request output).
"""
import sys

import uvicorn
from uvicorn.supervisors import Multiprocess

from app.config import ConfigError, from_environment


def main() -> int:
    try:
        settings = from_environment()
    except ConfigError as e:
        print(f"python-fastapi: {e}", file=sys.stderr)
        return 1
    config = uvicorn.Config(
        "app.main:app",
        host=settings.bind,
        port=settings.port,
        workers=settings.workers,
        loop="uvloop",
        http="httptools",
        lifespan="on",
        log_level="warning",
        access_log=False,
        # uvicorn closes idle keep-alive connections after 5 s by default; production services behind
        # a load balancer raise it above the balancer's idle timeout (60 s on common ones).
        timeout_keep_alive=75,
    )
    sock = config.bind_socket()
    print(f"listening on http://{settings.bind}:{sock.getsockname()[1]}", flush=True)
    if settings.workers > 1:
        # uvicorn's supervisor: spawns the workers, which all accept on the socket bound above
        Multiprocess(config, target=uvicorn.Server(config).run, sockets=[sock]).run()
    else:
        server = uvicorn.Server(config)
        server.run(sockets=[sock])
        if not server.started:
            return 3  # uvicorn's own exit code for a failed start-up
    return 0


if __name__ == "__main__":
    sys.exit(main())
