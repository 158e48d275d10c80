package dev.jvmaudit.agent.thread;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.bootstrap.Guard;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@code thread.deadlock}: {@code ThreadMXBean.findDeadlockedThreads()} (monitors and j.u.c locks) every
 * {@code thread.deadlock.interval} on the agent's {@code audit-deadlock} daemon thread, and once more at the end of
 * run. Each cycle (its threads and the locks between them) is reported once.
 */
final class DeadlockDetector implements Runnable {

    private final AgentContext context;
    private final Reporter reporter;
    private final ThreadRules rules;
    private final Set<String> reported = new HashSet<>();
    private volatile Thread thread;

    DeadlockDetector(AgentContext context, ThreadRules rules) {
        this.context = context;
        this.reporter = context.reporter();
        this.rules = rules;
    }

    private static final long WARM_UP_DELAY_MS = 1000;

    void start() {
        Thread t = new Thread(this, "audit-deadlock");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** The {@code audit-deadlock} thread. */
    @Override
    public void run() {
        long intervalMillis = context.config().deadlockIntervalMillis();
        Guard.ownThread();
        try {
            // after the application's own start, on small machines it would compete with it
            Thread.sleep(Math.min(intervalMillis, WARM_UP_DELAY_MS));
            // loads java.management here, off the application's threads, so the final check at exit is quick
            ManagementFactory.getThreadMXBean();
            Thread.sleep(Math.max(0, intervalMillis - WARM_UP_DELAY_MS));
        } catch (InterruptedException e) {
            return;
        } catch (Throwable e) {
            reporter.agentError("thread", e);
        }
        while (thread == Thread.currentThread()) {
            check();
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * The check at the end of the run, skipped when fewer than two threads wait or block, as every deadlock needs: a
     * short program then never loads java.management, tens of milliseconds of its exit.
     */
    void checkAtExit() {
        if (waitingThreads(Thread.currentThread()) >= 2) {
            check();
        }
    }

    /** Platform threads other than {@code self} that are blocked on a monitor or waiting without a timeout. */
    static int waitingThreads(Thread self) {
        ThreadGroup root = self.getThreadGroup();
        while (root != null && root.getParent() != null) {
            root = root.getParent();
        }
        if (root == null) {
            return Integer.MAX_VALUE;
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        if (count == threads.length) {
            return Integer.MAX_VALUE;
        }
        return countWaiting(threads, count, self);
    }

    static int countWaiting(Thread[] threads, int count, Thread self) {
        int waiting = 0;
        for (int i = 0; i < count; i++) {
            Thread.State state = threads[i].getState();
            if (threads[i] != self && (state == Thread.State.BLOCKED || state == Thread.State.WAITING)) {
                waiting++;
            }
        }
        return waiting;
    }

    /** One check; never throws (failures are counted against the thread family). */
    synchronized void check() {
        try {
            context.checkTestFault("thread");
            if (!reporter.enabled(Rule.THREAD_DEADLOCK)) {
                return;
            }
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[] ids = mx.findDeadlockedThreads();
            if (ids == null || ids.length == 0) {
                return;
            }
            ThreadInfo[] infos = mx.getThreadInfo(ids, mx.isObjectMonitorUsageSupported(), mx.isSynchronizerUsageSupported());
            for (List<ThreadInfo> cycle : cycles(infos)) {
                String key = key(cycle);
                if (reported.add(key)) {
                    report(cycle);
                }
            }
        } catch (Throwable t) {
            reporter.agentError("thread", t);
        }
    }

    /** The cycles among the deadlocked threads, each starting at its lowest thread id, followed through lock owners. */
    static List<List<ThreadInfo>> cycles(ThreadInfo[] infos) {
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo info : infos) {
            if (info != null) {
                byId.put(info.getThreadId(), info);
            }
        }
        List<List<ThreadInfo>> cycles = new ArrayList<>();
        Set<Long> inCycle = new HashSet<>();
        for (ThreadInfo start : byId.values()) {
            List<Long> path = new ArrayList<>();
            ThreadInfo at = start;
            while (at != null && !path.contains(at.getThreadId()) && !inCycle.contains(at.getThreadId())) {
                path.add(at.getThreadId());
                at = byId.get(at.getLockOwnerId());
            }
            if (at == null || inCycle.contains(at.getThreadId())) {
                continue;
            }
            List<Long> loop = new ArrayList<>(path.subList(path.indexOf(at.getThreadId()), path.size()));
            int lowest = loop.indexOf(loop.stream().min(Long::compare).orElseThrow());
            List<ThreadInfo> cycle = new ArrayList<>();
            for (int i = 0; i < loop.size(); i++) {
                cycle.add(byId.get(loop.get((lowest + i) % loop.size())));
            }
            inCycle.addAll(loop);
            cycles.add(cycle);
        }
        return cycles;
    }

    private static String key(List<ThreadInfo> cycle) {
        StringJoiner key = new StringJoiner(" ");
        for (ThreadInfo info : cycle) {
            key.add(info.getThreadId() + ":" + info.getLockName());
        }
        return key.toString();
    }

    private void report(List<ThreadInfo> cycle) {
        Map<Long, Thread> live = liveThreads(cycle);
        List<Map<String, Object>> threads = new ArrayList<>();
        StringJoiner story = new StringJoiner("; ");
        CallSite site = null;
        String firstName = cycle.get(0).getThreadName();
        for (int i = 0; i < cycle.size(); i++) {
            ThreadInfo info = cycle.get(i);
            ThreadInfo previous = cycle.get((i + cycle.size() - 1) % cycle.size());
            // in a cycle, the lock this thread holds and others need is the one the previous thread waits for
            String holds = previous.getLockName();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", info.getThreadName());
            t.put("holds", holds);
            t.put("waitsFor", info.getLockName());
            t.put("waitsForOwner", info.getLockOwnerName());
            CallSite at = CallSites.first(info.getStackTrace());
            if (at != null) {
                t.put("at", at.toString());
            }
            Thread thread = live.get(info.getThreadId());
            CallSite started = thread == null ? null : rules.startSite(thread);
            if (started != null) {
                t.put("startedAt", started.toString());
            }
            t.put("locksHeld", heldLocks(info));
            threads.add(t);
            story.add("'" + info.getThreadName() + "' holds " + holds + " and waits for " + info.getLockName());
            if (site == null && started != null) {
                site = started;
            }
        }
        if (site == null) {
            for (ThreadInfo info : cycle) {
                site = CallSites.first(info.getStackTrace());
                if (site != null) {
                    break;
                }
            }
        }
        if (site == null) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("threads", threads);
        reporter.report(new Finding(Rule.THREAD_DEADLOCK, site, firstName,
                "Deadlock of " + cycle.size() + " threads: " + story + ". They will never proceed; take the locks in "
                        + "one global order, or use tryLock with a timeout.",
                null, facts));
    }

    private static List<String> heldLocks(ThreadInfo info) {
        List<String> held = new ArrayList<>();
        for (MonitorInfo m : info.getLockedMonitors()) {
            held.add(m.toString());
        }
        for (LockInfo l : info.getLockedSynchronizers()) {
            held.add(l.toString());
        }
        return held;
    }

    private static Map<Long, Thread> liveThreads(List<ThreadInfo> cycle) {
        Set<Long> ids = new HashSet<>();
        for (ThreadInfo info : cycle) {
            ids.add(info.getThreadId());
        }
        Map<Long, Thread> live = new HashMap<>();
        for (Thread t : allThreads()) {
            if (t != null && ids.contains(t.getId())) {
                live.put(t.getId(), t);
            }
        }
        return live;
    }

    private static List<Thread> allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        return Arrays.asList(threads).subList(0, n);
    }
}
