import { describe, expect, it } from "vitest";
import { Scheduler } from "./scheduler";

const policy = { holdOutside: () => false, waitingOutside: () => false, onStuck: () => {} };

describe("Scheduler", () => {
  it("advances virtual time to each timer without sleeping", async () => {
    const scheduler = new Scheduler(1_000);
    const seen: number[] = [];
    const work = (async () => {
      await scheduler.sleep(86_400_000);
      seen.push(scheduler.now());
      await scheduler.sleep(500);
      seen.push(scheduler.now());
    })();
    const started = Date.now();
    await scheduler.run(work, policy);
    expect(seen).toEqual([1_000 + 86_400_000, 1_000 + 86_400_500]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("interleaves concurrent sleepers in virtual-time order, ties in creation order", async () => {
    const scheduler = new Scheduler(0);
    const order: string[] = [];
    const sleeper = async (name: string, ms: number[]) => {
      for (const d of ms) {
        await scheduler.sleep(d);
        order.push(`${name}@${scheduler.now()}`);
      }
    };
    const work = Promise.all([sleeper("a", [30, 30]), sleeper("b", [10, 50]), sleeper("c", [30])]);
    await scheduler.run(work, policy);
    expect(order).toEqual(["b@10", "a@30", "c@30", "b@60", "a@60"]);
  });

  it("drops cancelled timers so they do not move the clock", async () => {
    const scheduler = new Scheduler(0);
    const work = (async () => {
      const long = scheduler.timer(1_000_000);
      long.cancel();
      await scheduler.sleep(5);
    })();
    await scheduler.run(work, policy);
    expect(scheduler.now()).toBe(5);
  });

  it("keeps virtual time still while tracked real work is pending", async () => {
    const scheduler = new Scheduler(0);
    const times: number[] = [];
    const work = Promise.all([
      (async () => {
        await scheduler.track(new Promise((r) => setTimeout(r, 20)));
        times.push(scheduler.now());
      })(),
      (async () => {
        await scheduler.sleep(1_000);
        times.push(scheduler.now());
      })(),
    ]);
    await scheduler.run(work, policy);
    expect(times).toEqual([0, 1_000]);
  });

  it("holds outside timers while the policy says so, until signalled", async () => {
    const scheduler = new Scheduler(0);
    let hold = true;
    let fired = false;
    const work = (async () => {
      await scheduler.timer(100, true).promise;
      fired = true;
    })();
    const running = scheduler.run(work, { ...policy, holdOutside: () => hold });
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(false);
    hold = false;
    scheduler.signal();
    await running;
    expect(fired).toBe(true);
    expect(scheduler.now()).toBe(100);
  });

  it("reports a run that can never finish", async () => {
    const scheduler = new Scheduler(0);
    let release!: () => void;
    const work = new Promise<void>((r) => (release = r));
    let stuck = 0;
    await scheduler.run(work, {
      ...policy,
      onStuck: () => {
        stuck++;
        release();
      },
    });
    expect(stuck).toBe(1);
  });
});
