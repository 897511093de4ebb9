#!/usr/bin/env python3
"""Slow clients against a running citebot: N connections trickle request headers (one byte every few seconds, never
finishing) or bodies, while one normal client asks /api/chat in a loop. Prints the normal client's latency with
and without the trickle, and how many trickling connections the server closed. Bounded in count and time, loopback
only.

    scripts/slow-clients.py --url http://127.0.0.1:7070 --conns 5000 --seconds 60
"""
import argparse, asyncio, json, statistics, time, urllib.request
from urllib.parse import urlparse

def ask(url, question):
    req = urllib.request.Request(url + "/api/chat", data=json.dumps({"question": question}).encode(),
                                 headers={"Content-Type": "application/json"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as r:
        r.read()
    return (time.perf_counter() - t0) * 1000

async def normal_client(url, seconds, times, failures):
    loop = asyncio.get_running_loop()
    end = time.monotonic() + seconds
    questions = ["What did Putin offer?", "What did Dmitry Peskov say about negotiations?"]
    i = 0
    while time.monotonic() < end:
        try:
            times.append(await loop.run_in_executor(None, ask, url, questions[i % 2]))
        except Exception as e:
            failures.append(repr(e))
        i += 1
        await asyncio.sleep(0.2)

async def trickler(host, port, seconds, every, body, stats):
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        stats["refused"] += 1
        return
    stats["opened"] += 1
    head = (b"POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
            if body else b"GET /health HTTP/1.1\r\n")
    end = time.monotonic() + seconds
    try:
        writer.write(head)
        await writer.drain()
        while time.monotonic() < end:
            await asyncio.sleep(every)
            if reader.at_eof():
                stats["closed_by_server"] += 1
                return
            writer.write(b"x" if body else b"X")
            await writer.drain()
    except (ConnectionError, OSError):
        stats["closed_by_server"] += 1
    finally:
        writer.close()

def summary(name, times, failures):
    if not times:
        return f"{name}: no answers, {len(failures)} failures"
    times = sorted(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return f"{name}: {len(times)} answers, p50 {statistics.median(times):.1f} ms, p99 {p99:.1f} ms, max {times[-1]:.1f} ms, {len(failures)} failures"

async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:7070")
    ap.add_argument("--conns", type=int, default=5000)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--every", type=float, default=3.0, help="seconds between a trickler's bytes")
    ap.add_argument("--body", action="store_true", help="trickle bodies instead of headers")
    a = ap.parse_args()
    u = urlparse(a.url)
    if u.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")
    idle, idle_fail = [], []
    await normal_client(a.url, 10, idle, idle_fail)
    print(summary("idle", idle, idle_fail), flush=True)
    stats = {"opened": 0, "refused": 0, "closed_by_server": 0}
    loaded, loaded_fail = [], []
    tasks = [asyncio.create_task(trickler(u.hostname, u.port, a.seconds, a.every, a.body, stats)) for _ in range(a.conns)]
    await normal_client(a.url, a.seconds, loaded, loaded_fail)
    await asyncio.gather(*tasks, return_exceptions=True)
    print(summary(f"with {a.conns} trickling {'bodies' if a.body else 'headers'}", loaded, loaded_fail))
    print(f"tricklers: {stats['opened']} connected, {stats['refused']} refused, {stats['closed_by_server']} closed by the server")
    if idle and loaded:
        print(f"p50 ratio loaded/idle: {statistics.median(loaded) / statistics.median(idle):.2f}")

asyncio.run(main())
