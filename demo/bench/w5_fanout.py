"""W5 (issue 4 / issue 8) for CPython asyncio, stdlib only: N concurrent GETs of one URL, each an
HTTP/1.1 GET over asyncio.open_connection (one connection per request, `Connection: close`, the body
read to EOF), gathered.

Usage: python3 demo/bench/w5_fanout.py URL N WARMUPS REPS
Warm-ups fetch /delay/0 instead of /delay/1. Prints `RESULT w5-<N> cpython ms <wall ms> failures <count> cpu_ms <process CPU ms>`.
"""
import asyncio
import sys
import time
from urllib.parse import urlsplit


async def get(host, port, path):
    try:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            data = await reader.read()
        finally:
            writer.close()
        status = int(data.split(b" ", 2)[1])
        return 0 if status == 200 else 1
    except Exception:
        return 1


async def fan_out(url, n):
    u = urlsplit(url)
    results = await asyncio.gather(*(get(u.hostname, u.port, u.path) for _ in range(n)))
    return sum(results)


def main():
    url, n, warmups, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    for _ in range(warmups):
        asyncio.run(fan_out(url.replace("/delay/1", "/delay/0"), n))
    for _ in range(reps):
        cpu = time.process_time()
        start = time.perf_counter()
        failed = asyncio.run(fan_out(url, n))
        ms = (time.perf_counter() - start) * 1000
        cpu_ms = (time.process_time() - cpu) * 1000
        print(f"RESULT w5-{n} cpython ms {ms:.1f} failures {failed} cpu_ms {cpu_ms:.0f}", flush=True)


if __name__ == "__main__":
    main()
