"""Throw-away PostgreSQL and Redis servers on loopback, from Debian's packages,
for the scale-out test and the load benchmark.

Each runs on a free port with its data in a fresh temporary directory and is
stopped and deleted by `stop()`. PostgreSQL refuses to run as root, so as root
its commands run as the `postgres` user (runuser); as any other user they run
as that user. Missing packages raise `Unavailable` with the command to install.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List

from tools.ports import free_port, port_open

INSTALL_HINT = "run `scripts/system_deps.sh` as root (apt-get install {})"


class Unavailable(Exception):
    """The server cannot be run on this machine; the text says why."""


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise Unavailable(
            "PostgreSQL is not installed: " + INSTALL_HINT.format("postgresql")
        )
    return Path(found[-1]).parent


def _as_postgres_user(cmd: List[str]) -> List[str]:
    if os.geteuid() != 0:
        return cmd
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise Unavailable("running as root but there is no `postgres` user") from exc
    return ["runuser", "-u", "postgres", "--", *cmd]


@dataclass
class Postgres:
    """A PostgreSQL cluster in a temporary directory; `url` reaches database rasa."""

    bindir: Path
    workdir: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://rasa:rasa@127.0.0.1:{self.port}/rasa"

    @property
    def pid(self) -> int:
        """The postmaster's process id (its backends are its children)."""
        return int((self.workdir / "data" / "postmaster.pid").read_text().split()[0])

    def _run(self, *cmd: str) -> None:
        subprocess.run(
            _as_postgres_user(list(cmd)), check=True, capture_output=True, text=True
        )

    @classmethod
    def start(cls, durable: bool = False) -> Postgres:
        """Tests run without fsync (faster, nothing to keep); the benchmark
        passes durable=True to pay what production pays for each commit."""
        bindir = _postgres_bin()
        workdir = Path(tempfile.mkdtemp(prefix="rasa-pg-"))
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres")
        server = cls(bindir, workdir, free_port())
        data = workdir / "data"
        try:
            server._run(
                str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
            )  # fmt: skip
            server._run(
                str(bindir / "pg_ctl"), "-D", str(data), "-l", str(workdir / "log"),
                "-w", "-o", f"-p {server.port} -k {workdir} "
                "-c listen_addresses=127.0.0.1"
                + ("" if durable else " -c fsync=off"),
                "start",
            )  # fmt: skip
            server._run(
                str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(server.port),
                "-U", "postgres", "-v", "ON_ERROR_STOP=1",
                "-c", "CREATE ROLE rasa LOGIN PASSWORD 'rasa'",
                "-c", "CREATE DATABASE rasa OWNER rasa",
            )  # fmt: skip
        except subprocess.CalledProcessError as exc:
            server.stop()
            raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}") from exc
        return server

    def query(self, sql: str) -> List[tuple]:
        """Run `sql` as the rasa user and return the rows."""
        import psycopg2

        with psycopg2.connect(self.url) as conn, conn.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def stop(self) -> None:
        data = self.workdir / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_postgres_user(
                    [str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "fast",
                     "-w", "stop"]
                ),
                capture_output=True,
            )  # fmt: skip
        shutil.rmtree(self.workdir, ignore_errors=True)


@dataclass
class Redis:
    """A redis-server without persistence; `url` points at database 1."""

    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/1"

    @classmethod
    def start(cls) -> Redis:
        binary = shutil.which("redis-server")
        if not binary:
            raise Unavailable(
                "Redis is not installed: " + INSTALL_HINT.format("redis-server")
            )
        port = free_port()
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            if port_open(port):
                return cls(process, port)
            time.sleep(0.1)
        process.kill()
        raise RuntimeError("redis-server did not open its port within 10 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
