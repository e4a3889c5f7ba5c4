import { readdirSync, readFileSync } from 'node:fs';

/**
 * Peak memory and CPU time of a process group (a command or a service with everything it started),
 * sampled from /proc on Linux. Sampling sees only what lives at a sample: a process shorter than
 * the interval is missed, so callers that can get exact CPU times otherwise (a shell's `times`)
 * prefer those. The peak RSS is the largest sum over the group's members at one sample, and at
 * least the largest single member's own high-water mark (VmHWM), which /proc keeps between samples.
 */
export interface GroupUsage {
  /** Bytes; null where /proc is unavailable (not Linux) or nothing was seen. */
  peakRssBytes: number | null;
  /** User + system CPU of the members seen, ms; null where unavailable. */
  cpuMs: number | null;
  samples: number;
}

export interface UsageSampler {
  /** Takes a last sample and stops. */
  stop(): GroupUsage;
}

/** Linux reports utime/stime in USER_HZ ticks, which is 100 on every architecture it supports. */
const TICK_MS = 10;

export function sampleGroupUsage(pgid: number, intervalMs = 10): UsageSampler {
  const supported = process.platform === 'linux';
  const cpuByPid = new Map<number, number>();
  let peakRss = 0;
  let samples = 0;
  const sample = () => {
    if (!supported) return;
    let sum = 0;
    for (const member of groupMembers(pgid)) {
      sum += member.rssBytes;
      peakRss = Math.max(peakRss, member.hwmBytes);
      cpuByPid.set(member.pid, Math.max(cpuByPid.get(member.pid) ?? 0, member.cpuTicks));
    }
    peakRss = Math.max(peakRss, sum);
    samples++;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      if (!supported || cpuByPid.size === 0) return { peakRssBytes: null, cpuMs: null, samples };
      const ticks = [...cpuByPid.values()].reduce((a, b) => a + b, 0);
      return { peakRssBytes: peakRss, cpuMs: ticks * TICK_MS, samples };
    },
  };
}

interface Member {
  pid: number;
  rssBytes: number;
  hwmBytes: number;
  cpuTicks: number;
}

function groupMembers(pgid: number): Member[] {
  const members: Member[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return members;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue;
      // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after "state".
      const cpuTicks = Number(fields[11]) + Number(fields[12]);
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      members.push({ pid: Number(entry), rssBytes: kib(status, 'VmRSS'), hwmBytes: kib(status, 'VmHWM'), cpuTicks });
    } catch {
      // The process exited between readdir and read.
    }
  }
  return members;
}

function kib(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}
