"""The web app's worker pool: bounded, and every render job within a time limit (then stopped)."""

from __future__ import annotations

import asyncio
import io
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install -e '.[web]'")
pytest.importorskip("multipart", reason="the web extra is not installed: pip install -e '.[web]'")

from starlette.testclient import TestClient

from rembuk_docs.web import engine
from rembuk_docs.web.app import Settings, create_app
from rembuk_docs.web.pool import Busy, TimedOut, WorkerPool

from conftest import SAMPLES


def test_a_job_past_the_limit_is_stopped_and_its_process_ended() -> None:
    async def scenario() -> tuple[float, list[Any], int]:
        # a spawned worker may take seconds to start on a loaded machine: start it, and the one
        # that replaces the stopped worker, under a generous limit; only the stuck job gets 1 s
        pool = WorkerPool(1, timeout=120.0)
        try:
            assert await pool.run(pow, 2, 10) == 1024  # the worker process is up
            pool.timeout = 1.0
            stuck = pool._executor
            processes = list(getattr(stuck, "_processes", {}).values())
            started = time.monotonic()
            with pytest.raises(TimedOut) as caught:
                await pool.run(time.sleep, 60)
            assert caught.value.seconds == 1.0
            elapsed = time.monotonic() - started
            for process in processes:
                process.join(timeout=10)
            pool.timeout = 120.0
            return elapsed, processes, await pool.run(pow, 3, 4)
        finally:
            pool.shutdown()

    elapsed, processes, after = asyncio.run(scenario())
    assert elapsed < 10
    assert processes and not any(p.is_alive() for p in processes)  # the stuck job no longer runs
    assert after == 81  # a fresh pool takes the next jobs


def test_too_many_waiting_jobs_are_refused() -> None:
    async def scenario() -> None:
        pool = WorkerPool(1, timeout=5, waiting=1, make=lambda: ThreadPoolExecutor(1))
        try:
            first = asyncio.create_task(pool.run(time.sleep, 0.5))
            await asyncio.sleep(0.05)
            with pytest.raises(Busy):
                await pool.run(time.sleep, 0)
            await first
        finally:
            pool.shutdown()

    asyncio.run(scenario())


def test_a_render_past_the_limit_says_so_in_indonesian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        time.sleep(1.5)

    monkeypatch.setattr(engine, "render_job", slow)
    settings = Settings(
        tmp_path,
        allowed_hosts={"testserver"},
        workers=1,
        executor=lambda: ThreadPoolExecutor(1),
        render_timeout=0.3,
    )
    with TestClient(create_app(settings), follow_redirects=False) as client:
        definition = (SAMPLES / "kupang-2022.yaml").read_bytes()
        response = client.post("/api/render", files={"definition": ("k.yaml", definition)})
    assert response.status_code == 504
    (problem,) = response.json()["problems"]
    assert problem["message"].startswith(
        "Pembuatan dokumen dihentikan karena melebihi batas waktu 0,3 detik."
    )


def test_serve_takes_a_render_timeout() -> None:
    from rembuk_docs.cli import build_parser

    args = build_parser().parse_args(["serve", "--render-timeout", "30"])
    assert args.render_timeout == 30.0
    assert build_parser().parse_args(["serve"]).render_timeout == 120.0


def test_other_users_are_answered_while_a_render_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A render holds its worker, not the event loop: while one user's job runs, another user's
    page and validation are answered; the job then finishes with its ZIP."""
    import threading

    started, release = threading.Event(), threading.Event()
    real = engine.render_job

    def held(*args: Any, **kwargs: Any) -> engine.Rendered:
        started.set()
        assert release.wait(60), "the test never released the render"
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "render_job", held)
    settings = Settings(
        tmp_path, allowed_hosts={"testserver"}, workers=1, executor=lambda: ThreadPoolExecutor(1)
    )
    definition = (SAMPLES / "kupang-2022.yaml").read_bytes()
    with TestClient(create_app(settings), follow_redirects=False) as client:
        answers: dict[str, Any] = {}

        def render() -> None:
            answers["render"] = client.post(
                "/api/render",
                files={"definition": ("k.yaml", definition)},
                data={"only": "notulen"},
            )

        def others() -> None:
            answers["home"] = client.get("/")
            answers["validate"] = client.post(
                "/api/validate", files={"definition": ("k.yaml", definition)}
            )

        renderer = threading.Thread(target=render)
        renderer.start()
        assert started.wait(60), "the render job never started"
        other = threading.Thread(target=others)
        other.start()
        other.join(120)  # a liveness guard, not a timing assertion: a blocked loop never answers
        answered_while_rendering = not other.is_alive() and not release.is_set()
        release.set()
        other.join()
        renderer.join()
    assert answered_while_rendering
    assert answers["home"].status_code == 200 and "Selamat datang" in answers["home"].text
    assert answers["validate"].json()["valid"] is True
    assert answers["render"].status_code == 200
    with zipfile.ZipFile(io.BytesIO(answers["render"].content)) as archive:
        assert archive.namelist() == ["notulen.docx", "notulen.pdf", "paket.pdf"]


def test_validations_beyond_the_bound_wait_their_turn_and_every_one_is_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checks run in a bounded thread pool (as many threads as render workers): with more
    validations in flight than that, at most that many run at once, the rest wait, none is lost."""
    import threading

    bound, fired = 2, 7
    lock, release = threading.Lock(), threading.Event()
    counts = {"running": 0, "peak": 0, "calls": 0}
    real = engine.check_text

    def counted(*args: Any, **kwargs: Any) -> engine.Checked:
        with lock:
            counts["running"] += 1
            counts["calls"] += 1
            counts["peak"] = max(counts["peak"], counts["running"])
        try:
            assert release.wait(60), "the test never released the validations"
            return real(*args, **kwargs)
        finally:
            with lock:
                counts["running"] -= 1

    monkeypatch.setattr(engine, "check_text", counted)
    settings = Settings(
        tmp_path,
        allowed_hosts={"testserver"},
        workers=bound,
        executor=lambda: ThreadPoolExecutor(1),
    )
    definition = (SAMPLES / "kupang-2022.yaml").read_bytes()
    app = create_app(settings)
    with TestClient(app, follow_redirects=False) as client:
        answers: list[Any] = []

        def validate() -> None:
            answers.append(
                client.post("/api/validate", files={"definition": ("k.yaml", definition)})
            )

        requests = [threading.Thread(target=validate) for _ in range(fired)]
        for request in requests:
            request.start()
        threads = app.state.threads
        # every request is in the pool (running or queued) before any check may finish
        for _ in range(6000):
            with lock:
                running = counts["running"]
            if threads._waiting == fired and running == bound:
                break
            time.sleep(0.01)
        queued_all, running_then = threads._waiting, running
        release.set()
        for request in requests:
            request.join(120)
    assert queued_all == fired and running_then == bound
    assert counts["peak"] == bound  # never more checks at once than the bound
    assert counts["calls"] == fired
    assert len(answers) == fired
    assert all(answer.status_code == 200 for answer in answers)
    assert all(answer.json()["valid"] is True for answer in answers)


def test_a_validation_past_the_queue_is_refused_in_indonesian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rembuk_docs.web.app as web_app

    monkeypatch.setattr(web_app, "MAX_WAITING", 0)
    settings = Settings(
        tmp_path, allowed_hosts={"testserver"}, executor=lambda: ThreadPoolExecutor(1)
    )
    definition = (SAMPLES / "kupang-2022.yaml").read_bytes()
    with TestClient(create_app(settings), follow_redirects=False) as client:
        response = client.post("/api/validate", files={"definition": ("k.yaml", definition)})
    assert response.status_code == 503
    (problem,) = response.json()["problems"]
    assert problem["message"] == "Server sedang sibuk memeriksa isian; coba lagi sebentar lagi."
