"""CPython asyncio side of the cross-runtime suite (W1-W4); stdlib only.

Usage: python3 workloads.py WORKLOAD WARMUPS REPS
Prints one line per measured repetition: RESULT <workload> cpython <metric> <value>
Workloads (same shapes as dev.aio4j.demo.bench.Workloads):
  w1       1,000,000 tasks, each yields once (sleep(0)) and returns its index, gathered
  w1-100k  the same with 100,000 tasks
  w2       bytes per suspended task: 100,000 tasks parked on one Event (tracemalloc, after gc)
  w3       1,000,000 items through a Queue(maxsize=1000), one producer and one consumer
  w4       100,000 tasks through a Semaphore(100), each yields once inside
"""
import asyncio
import gc
import sys
import time
import tracemalloc


async def w1(n):
    async def job(i):
        await asyncio.sleep(0)
        return i

    results = await asyncio.gather(*[asyncio.create_task(job(i)) for i in range(n)])
    assert len(results) == n and results[-1] == n - 1


async def w2(n):
    event = asyncio.Event()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(event.wait()) for _ in range(n)]
    await asyncio.sleep(0)  # every task runs up to its wait
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    event.set()
    await asyncio.gather(*tasks)
    return (after - before) / n


async def w3(n):
    queue = asyncio.Queue(maxsize=1000)

    async def producer():
        for i in range(n):
            await queue.put(i)

    async def consumer():
        total = 0
        for _ in range(n):
            total += await queue.get()
        return total

    _, total = await asyncio.gather(producer(), consumer())
    assert total == n * (n - 1) // 2


async def w4(n):
    semaphore = asyncio.Semaphore(100)

    async def job(i):
        async with semaphore:
            await asyncio.sleep(0)
            return i

    results = await asyncio.gather(*[asyncio.create_task(job(i)) for i in range(n)])
    assert len(results) == n


WORKLOADS = {
    "w1": (w1, 1_000_000, "ms"),
    "w1-100k": (w1, 100_000, "ms"),
    "w2": (w2, 100_000, "bytes_per_task"),
    "w3": (w3, 1_000_000, "ms"),
    "w4": (w4, 100_000, "ms"),
}


def main():
    name, warmups, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    fn, n, metric = WORKLOADS[name]
    for i in range(warmups + reps):
        gc.collect()
        start = time.perf_counter()
        value = asyncio.run(fn(n))
        ms = (time.perf_counter() - start) * 1000
        if i >= warmups:
            print(f"RESULT {name} cpython {metric} {value if metric != 'ms' else round(ms, 1)}", flush=True)


if __name__ == "__main__":
    main()
