package dev.jvmaudit.bench;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs every benchmark without and with {@code -javaagent} (same options otherwise) and prints agent/no-agent ratios
 * with their errors in one table. Two ways: with {@code --side-by-side} the two JVMs of a round run at the same time on
 * one CPU, iteration k of both in the same second ({@link SideBySide}; what {@code run.sh} does); without it JMH forks
 * of the two alternate ({@code --pairs N}: N forks of each, A B A B ...), each side's score the mean of all its measured
 * iterations with JMH's 99.9% confidence interval over them.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar --agent agent/target/audit.jar [--smoke] [--out results.tsv]
 *      [--results-dir DIR] [--include TEXT] [--cpu N] [--side-by-side] [--pairs N] [-f N] [-wi N] [-i N]
 *      [-w SECONDS] [-r SECONDS]
 * java -jar bench/target/benchmarks.jar --plan [--side-by-side]    (a full run's iterations, for run.sh's report)
 * </pre>
 *
 * With {@code --cpu N} every fork runs on CPU N alone ({@code taskset}), sized by the JVM as if it had the whole
 * machine: on a virtual machine a wake-up that crosses CPUs (the HTTP server answering its client, a thread started
 * and joined) costs an inter-processor interrupt whose price changes from second to second, which scattered the HTTP
 * and thread rows by 20-100 % with or without the agent; on one CPU they scatter by a few per cent, and whatever the
 * agent does on its own threads is paid inside the measured time.
 *
 * Exit code 0 when every run completed (thresholds are reported, not enforced), 1 when a run failed.
 */
public final class BenchMain {

    /**
     * One benchmark method, what one operation is, the agent/no-agent ratio it must stay under, how long it takes to
     * reach its steady state (measured with one long run of 1 s iterations), and how many measured iterations a fork
     * needs for an error well inside the distance between the ratio and its target, and how many alternating pairs of
     * forks: fewer warm-up seconds, measured iterations or pairs on the command line are raised to {@code
     * minWarmupSeconds}, {@code minIterations} and {@code minPairs}, except in the smoke run.
     */
    record Case(String benchmark, String label, double target, int minWarmupSeconds, int minIterations, int minPairs,
                Shared shared, boolean withoutSweeper) {
        Case(String benchmark, String label, double target, int minWarmupSeconds, int minIterations, int minPairs,
             Shared shared) {
            this(benchmark, label, target, minWarmupSeconds, minIterations, minPairs, shared, false);
        }
    }

    /**
     * The same benchmark run side by side ({@link SideBySide}): the warm-up in seconds, longer than alone since each JVM
     * has half the CPU (measured with 1 s iterations from a cold start of both), the measured iterations, the rounds:
     * five at least, since the error is Student's t over them and its 99.9 % quantile is 31.6 for three rounds, 8.6 for
     * five, 5.4 for eight, 4.4 for twelve (the first side-by-side table ran the file lifecycle in three: ±0.14-0.24 from
     * rounds that spanned 1.015-1.052). Both HTTP rows take twelve: their goal is 3 % and their rounds scatter by about
     * 1.3 % (sd, for java.net.http each side's JIT), which eight rounds bound only to ±2.5 %, six to ±3.6 %. The write
     * loops take twenty: their goal is 2 % and their rounds scatter by 1.2-1.7 % (sd, a pair of JVMs faster or slower
     * than the next for the whole round, on either side), which twelve bound to ±2.2 %, twenty to ±1.5 % (t 3.9).
     * Threads take eight: where starting a thread is quick (106-131 us side by side) the agent's fixed part brought
     * the row to 1.12 against its goal of 1.15, its rounds scattering by 1 % (sd), which five bound only to ±3.7 %.
     */
    record Shared(int warmupSeconds, int iterations, int rounds) {
    }

    /**
     * Where the file lifecycle creates and deletes its files: a tmpfs when there is one. On a disk file system the
     * deletions of one fork slow the creations of the next (ext4 without a journal skips inodes freed in the last 30 s,
     * reading each one's inode block), so the order of the forks, not the agent, decided the ratio.
     */
    private static Path lifecycleDir;
    private static String lifecycleFileSystem;

    /** A new 0700 directory in {@code /dev/shm} (removed at the end of the run), else the work directory. */
    static Path defaultLifecycleDir(Path work) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
            return work;
        }
        Path dir = BenchSupport.privateDir("jvm-audit-bench-", shm);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                BenchSupport.deleteTree(dir);
            } catch (IOException e) {
                System.err.println("bench: could not remove " + dir + ": " + e);
            }
        }));
        return dir;
    }

    static String label(Case c) {
        return c.benchmark().startsWith("FileLifecycle.") ? c.label() + " on " + lifecycleFileSystem : c.label();
    }

    // Measured with forks pinned to one CPU (--cpu), 40 iterations of 1 s from a cold fork, JDK 17 and 25, with and
    // without the agent. minWarmupSeconds: where the steady state begins. minIterations: 1 s iterations of one fork
    // scatter by 2-10 % (write loops, file lifecycle, HTTP) and 10-20 % (threads). minPairs: the rows whose goal is
    // 2-3 % see the host's slow spells (seconds long, on either side) as much as the agent, so they take 5 pairs
    static final List<Case> CASES = List.of(
            // 280-320 us/op in the first 4 s, 240-260 after
            new Case("WriteLoop.fileOutputStream", "write loop, FileOutputStream (1 MiB in 4 KiB)", 1.02, 5, 8, 5,
                    new Shared(10, 10, 20)),
            new Case("WriteLoop.fileChannel", "write loop, FileChannel (1 MiB in 4 KiB)", 1.02, 5, 8, 5,
                    new Shared(10, 10, 20)),
            // 40-46 us/op in the 1st second with the agent, 17-19 from the 4th on
            new Case("FileLifecycle.fileOutputStream", "file lifecycle, FileOutputStream (create, 4 KiB, close)", 1.20, 10, 8, 0,
                    new Shared(20, 8, 5)),
            new Case("FileLifecycle.filesWrite", "file lifecycle, Files.write (create, 4 KiB, close)", 1.20, 10, 8, 0,
                    new Shared(20, 8, 5)),
            // the client's own JIT warm-up on one CPU, with or without the agent: 150-190 us/op until the 17th-21st
            // second, then 84-92 (JDK 25) or 105-120 (JDK 17); side by side 470-570 at the 50th second, 330-400 from the
            // 55th. Side by side, JDK 17's descent ends at the 35th-45th second: the measured seconds start at the 90th.
            // withoutSweeper: JDK 17's code cache sweeper flushed the client's compiled selector loop (an on-stack
            // compile of a loop that never returns) in either JVM, which then ran 1.2-1.5x slower for 3-5 s while it
            // was compiled again, seen from the 53rd to the 101st second (bench/README's twenty-ninth round). Both
            // sides run without flushing, as every JVM from 20 on does (JDK 20 removed the sweeper); a production JVM
            // on 17 flushes.
            new Case("Http.javaNetHttp", "HTTP GET loopback, java.net.http", 1.03, 25, 12, 5, new Shared(90, 12, 12),
                    true),
            // 90-150 us/op until the 8th-10th second, then 35-60
            new Case("Http.httpUrlConnection", "HTTP GET loopback, HttpURLConnection", 1.03, 12, 16, 5,
                    new Shared(24, 16, 12)),
            new Case("Threads.startJoin", "thread start + join", 1.15, 3, 12, 5, new Shared(6, 12, 8)));

    /**
     * A primary score with its error, each fork's measured iterations (their median is a cross-check: a host's slow
     * spell moves the mean of the side it hits, hardly its median), and the allocation per operation when the gc
     * profiler ran (else NaN).
     */
    record Score(double score, double error, List<double[]> forks, String unit, double allocPerOp) {
        double median() {
            return Medians.pooled(forks);
        }
    }

    /** One line of the table, whichever way it was measured; {@code detail} is shown beside the ratio, not judged. */
    record Line(Case c, String unit, double base, double baseError, double agent, double agentError, double ratio,
                double ratioError, long findings, String detail) {
        static Line of(Row r) {
            double[] interval = r.medianRatioInterval();
            return new Line(r.c(), r.base().unit(), r.base().score(), r.base().error(), r.agent().score(),
                    r.agent().error(), r.ratio(), r.ratioError(), r.findings(), String.format(Locale.ROOT,
                            "medians %.3f, %.3f-%.3f", r.medianRatio(), interval[0], interval[1]));
        }

        /** Side by side, each side's score is the mean of its iterations, without an error: the ratio carries it. */
        static Line of(Case c, SideBySide.Result r, long findings) {
            return new Line(c, r.unit(), r.plainScore(), Double.NaN, r.agentScore(), Double.NaN, r.ratio(),
                    r.ratioError(), findings, r.detail());
        }
    }

    record Row(Case c, Score base, Score agent, long findings) {
        double ratio() {
            return agent.score / base.score;
        }

        /** Relative errors added in quadrature; JMH's errors are 99.9% confidence half-widths. */
        double ratioError() {
            if (Double.isNaN(base.error) || Double.isNaN(agent.error)) {
                return Double.NaN;
            }
            double a = agent.error / agent.score;
            double b = base.error / base.score;
            return ratio() * Math.sqrt(a * a + b * b);
        }

        double medianRatio() {
            return agent.median() / base.median();
        }

        /** The 99.9% interval of {@link #medianRatio()}, resampling whole forks (iterations of one fork are not independent). */
        double[] medianRatioInterval() {
            return Medians.ratioInterval(base.forks, agent.forks, 0.999);
        }
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = null;
        Path out = null;
        Path resultsDir = Path.of("bench", "target", "results", "jmh");
        String include = null;
        String agentOptions = "metrics=off";
        Integer cpu = null;
        Path lifecycleBase = null;
        boolean smoke = false;
        boolean sideBySide = false;
        boolean plan = false;
        List<String> profilers = new ArrayList<>();
        int forks = 1;
        int pairs = 1;
        int warmups = 3;
        int iterations = 5;
        double warmupSeconds = 2;
        double iterationSeconds = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agent" -> agent = Path.of(args[++i]);
                case "--agent-options" -> agentOptions = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--results-dir" -> resultsDir = Path.of(args[++i]);
                case "--lifecycle-dir" -> lifecycleBase = Path.of(args[++i]);
                case "--include" -> include = args[++i];
                case "--cpu" -> cpu = Integer.valueOf(args[++i]);
                case "--smoke" -> smoke = true;
                case "--side-by-side" -> sideBySide = true;
                case "--plan" -> plan = true;
                case "--prof" -> profilers.add(args[++i]);
                case "--pairs" -> pairs = Integer.parseInt(args[++i]);
                case "-f" -> forks = Integer.parseInt(args[++i]);
                case "-wi" -> warmups = Integer.parseInt(args[++i]);
                case "-i" -> iterations = Integer.parseInt(args[++i]);
                case "-w" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "-r" -> iterationSeconds = Double.parseDouble(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar benchmarks.jar --agent audit.jar [--smoke] [--out FILE.tsv]"
                            + " [--results-dir DIR] [--lifecycle-dir DIR] [--include TEXT] [--agent-options K=V,...] [--cpu N]"
                            + " [--side-by-side] [--plan] [--pairs N] [-f N] [-wi N] [-i N]"
                            + " [-w SECONDS] [-r SECONDS] [--prof gc|jfr|stack|...]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + " (--help)");
                    System.exit(2);
                }
            }
        }
        if (plan) {
            System.out.println(plan(sideBySide));
            return;
        }
        if (agent == null || !Files.isRegularFile(agent)) {
            System.err.println("--agent must name the agent jar (agent/target/audit.jar); got " + agent);
            System.exit(2);
        }
        if (smoke) {
            forks = 1;
            pairs = 1;
            warmups = 0;
            iterations = 1;
            iterationSeconds = 0.5;
        }
        Files.createDirectories(resultsDir);
        Path work = resultsDir.toAbsolutePath().resolve("work");
        Files.createDirectories(work);
        if (lifecycleBase != null) {
            lifecycleDir = lifecycleBase.toAbsolutePath();
            Files.createDirectories(lifecycleDir);
        } else {
            lifecycleDir = defaultLifecycleDir(work);
        }
        lifecycleFileSystem = Files.getFileStore(lifecycleDir).type();
        Fork fork = cpu == null ? Fork.UNPINNED : Fork.pinned(cpu, resultsDir.toAbsolutePath());

        List<Line> lines = new ArrayList<>();
        boolean failed = false;
        for (Case c : CASES) {
            if (include != null && !c.benchmark().contains(include)) {
                continue;
            }
            String name = c.benchmark().replace('.', '-');
            Path log = resultsDir.toAbsolutePath().resolve(name + "-audit.jsonl");
            Files.deleteIfExists(log);
            String agentArg = "-javaagent:" + agent.toAbsolutePath() + "=" + agentOptions + ",log.file=" + log;
            try {
                if (sideBySide) {
                    Shared shared = c.shared();
                    SideBySide.Result result = SideBySide.run(c.benchmark(), cpu, smoke ? 0 : shared.warmupSeconds(),
                            smoke ? 1 : shared.iterations(), smoke ? 1 : shared.rounds(), resultsDir.toAbsolutePath(), name,
                            sideJvmArgs(c, cpu, work), agentArg);
                    Line line = Line.of(c, result, findings(log));
                    lines.add(line);
                    System.out.printf(Locale.ROOT, "bench: %-32s side by side: no agent %.2f, agent %.2f %s, ratio %s%n",
                            c.benchmark(), line.base(), line.agent(), line.unit(), ratio(line));
                    continue;
                }
                Samples base = new Samples();
                Samples withAgent = new Samples();
                int caseWarmups = smoke ? warmups : Math.max(warmups, (int) Math.ceil(c.minWarmupSeconds() / warmupSeconds));
                int caseIterations = smoke ? iterations : Math.max(iterations, c.minIterations());
                int casePairs = smoke ? pairs : Math.max(pairs, c.minPairs());
                for (int pair = 1; pair <= casePairs; pair++) {
                    String suffix = casePairs == 1 ? ".txt" : "-" + pair + ".txt";
                    base.add(run(c, fork, forks, caseWarmups, caseIterations, warmupSeconds, iterationSeconds, work,
                            resultsDir.resolve(name + "-noagent" + suffix), null, profilers));
                    withAgent.add(run(c, fork, forks, caseWarmups, caseIterations, warmupSeconds, iterationSeconds, work,
                            resultsDir.resolve(name + "-agent" + suffix), agentArg, profilers));
                }
                Row row = new Row(c, base.score(), withAgent.score(), findings(log));
                lines.add(Line.of(row));
                System.out.printf(Locale.ROOT, "bench: %-32s no agent %s, agent %s, ratio %s%s%n", c.benchmark(),
                        fmt(row.base()), fmt(row.agent()), ratio(Line.of(row)), Double.isNaN(row.base().allocPerOp()) ? ""
                                : String.format(Locale.ROOT, "; allocated %.0f B/op without, %.0f B/op with the agent",
                                        row.base().allocPerOp(), row.agent().allocPerOp()));
            } catch (RunnerException | RuntimeException | InterruptedException e) {
                failed = true;
                System.out.println("bench: " + c.benchmark() + " FAILED: " + e + " (log in " + resultsDir + ")");
            }
        }

        String table = table(lines, smoke, sideBySide ? sideBySideDescription(cpu) : fork.description());
        System.out.println();
        System.out.println(table);
        if (out != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                for (Line l : lines) {
                    // id, label, unit, base, base error, agent, agent error, ratio, ratio error, target, findings, detail
                    w.printf(Locale.ROOT, "%s\t%s\t%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.2f\t%d\t%s%n",
                            l.c().benchmark(), label(l.c()), l.unit(), l.base(), l.baseError(), l.agent(), l.agentError(),
                            l.ratio(), l.ratioError(), l.c().target(), l.findings(), l.detail());
                }
            }
        }
        if (failed) {
            System.exit(1);
        }
    }

    private static long findings(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).size() : 0;
    }

    /**
     * The options of every JVM that runs a benchmark, fork or side. nodelay: without it the JDK's HttpServer answers in
     * two segments and Nagle plus the client's delayed ACK add ~40 ms to every request, which would hide everything else.
     */
    static List<String> benchmarkJvmArgs(Case c, Path work) {
        List<String> args = new ArrayList<>(List.of("-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true",
                "-Dbench.work.dir=" + work, "-D" + BenchSupport.LIFECYCLE_DIR_PROPERTY + "=" + lifecycleDir));
        if (c.withoutSweeper() && Runtime.version().feature() < 20) {
            args.add("-XX:-UseCodeCacheFlushing");
        }
        return args;
    }

    /** A side-by-side JVM's options: a fork's, sized for the whole machine when pinned. */
    static List<String> sideJvmArgs(Case c, Integer cpu, Path work) {
        List<String> args = new ArrayList<>();
        if (cpu != null) {
            args.add("-XX:ActiveProcessorCount=" + Runtime.getRuntime().availableProcessors());
        }
        args.addAll(benchmarkJvmArgs(c, work));
        return args;
    }

    /**
     * What a full run does per benchmark, for the report (--plan): side by side, warm-up seconds / measured iterations /
     * rounds; in forks, the least warm-up seconds / measured iterations / pairs. A class whose benchmarks agree is named once.
     */
    static String plan(boolean sideBySide) {
        Map<String, Map<String, String>> byClass = new LinkedHashMap<>();
        for (Case c : CASES) {
            Shared s = c.shared();
            String values = sideBySide ? s.warmupSeconds() + "/" + s.iterations() + "/" + s.rounds()
                    : c.minWarmupSeconds() + "/" + c.minIterations() + "/" + (c.minPairs() == 0 ? "-" : c.minPairs());
            if (c.withoutSweeper()) {
                values += " (before JDK 20 without code cache flushing)";
            }
            String[] name = c.benchmark().split("\\.");
            byClass.computeIfAbsent(name[0], k -> new LinkedHashMap<>()).put(name[1], values);
        }
        List<String> parts = new ArrayList<>();
        byClass.forEach((type, methods) -> {
            if (methods.values().stream().distinct().count() == 1) {
                parts.add(type + " " + methods.values().iterator().next());
            } else {
                methods.forEach((method, values) -> parts.add(type + "." + method + " " + values));
            }
        });
        return (sideBySide ? "warm-up seconds / measured iterations of 1 s / rounds: "
                : "at least (warm-up seconds / measured iterations / pairs): ") + String.join(", ", parts);
    }

    static String sideBySideDescription(Integer cpu) {
        return "the two JVMs of each round side by side, in sessions of their own, "
                + (cpu == null ? "on every CPU" : "on CPU " + cpu + " alone (taskset), sized for "
                        + Runtime.getRuntime().availableProcessors() + " CPUs (-XX:ActiveProcessorCount)");
    }

    /**
     * How the forks are started: with this JVM's {@code java}, or through a script that pins them to one CPU and tells
     * the JVM how many CPUs the machine has (its collector and compiler threads are chosen from that number).
     */
    record Fork(String jvm, List<String> jvmArgs, String description) {
        static final Fork UNPINNED = new Fork(null, List.of(), "forks on every CPU");

        static Fork pinned(int cpu, Path dir) throws IOException {
            int machine = Runtime.getRuntime().availableProcessors();
            if (cpu < 0 || cpu >= machine) {
                throw new IllegalArgumentException("--cpu " + cpu + ": this machine has CPUs 0-" + (machine - 1));
            }
            Path script = dir.resolve("java-on-cpu-" + cpu);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            if (java.contains("'")) {
                throw new IllegalArgumentException("--cpu: cannot quote " + java + " in a shell script");
            }
            Files.writeString(script, "#!/bin/sh\nexec taskset -c " + cpu + " '" + java + "' \"$@\"\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return new Fork(script.toString(), List.of("-XX:ActiveProcessorCount=" + machine),
                    "forks pinned to CPU " + cpu + " of " + machine + " (taskset), -XX:ActiveProcessorCount=" + machine);
        }
    }

    private static RunResult run(Case c, Fork fork, int forks, int warmups, int iterations, double warmupSeconds,
                             double iterationSeconds, Path work, Path output, String agentArg, List<String> profilers)
            throws RunnerException, IOException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(BenchMain.class.getPackageName() + "." + c.benchmark()) + "$")
                .forks(forks)
                .warmupIterations(warmups)
                .measurementIterations(iterations)
                .warmupTime(TimeValue.milliseconds((long) (warmupSeconds * 1000)))
                .measurementTime(TimeValue.milliseconds((long) (iterationSeconds * 1000)))
                .jvmArgs(benchmarkJvmArgs(c, work).toArray(String[]::new))
                .shouldFailOnError(true)
                .output(output.toString());
        if (fork.jvm() != null) {
            options.jvm(fork.jvm()).jvmArgsPrepend(fork.jvmArgs().toArray(String[]::new));
        }
        for (String profiler : profilers) { // "name" or "name:options", as on JMH's command line
            int colon = profiler.indexOf(':');
            if (colon < 0) {
                options.addProfiler(profiler);
            } else {
                options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
            }
        }
        if (agentArg == null) {
            options.jvmArgsAppend("-D" + BenchSupport.AGENT_PROPERTY + "=false");
        } else {
            options.jvmArgsAppend(agentArg, "-D" + BenchSupport.AGENT_PROPERTY + "=true");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("no result for " + c.benchmark() + "; see " + output);
        }
        return results.iterator().next();
    }

    /** The measured iterations of one side (no agent, or agent) over all its forks, and their allocation rates. */
    static final class Samples {
        private final ListStatistics iterations = new ListStatistics();
        private final ListStatistics allocation = new ListStatistics();
        private final List<double[]> forks = new ArrayList<>();
        private String unit;

        void add(RunResult result) {
            unit = result.getPrimaryResult().getScoreUnit();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                double[] scores = fork.getIterationResults().stream().mapToDouble(i -> i.getPrimaryResult().getScore()).toArray();
                for (double score : scores) {
                    iterations.addValue(score);
                }
                forks.add(scores);
            }
            result.getSecondaryResults().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                    .findFirst().ifPresent(e -> allocation.addValue(e.getValue().getScore()));
        }

        /** JMH's own summary: the mean with the 99.9% confidence half-width (NaN from a single iteration). */
        Score score() {
            double error = iterations.getN() > 1 ? iterations.getMeanErrorAt(0.999) : Double.NaN;
            return new Score(iterations.getMean(), error, List.copyOf(forks), unit,
                    allocation.getN() > 0 ? allocation.getMean() : Double.NaN);
        }
    }

    static String fmt(Score s) {
        return fmt(s.score(), s.error(), s.unit());
    }

    static String ratio(Line l) {
        double e = l.ratioError();
        return (Double.isNaN(e)
                ? String.format(Locale.ROOT, "%.3f", l.ratio())
                : String.format(Locale.ROOT, "%.3f ± %.3f", l.ratio(), e))
                + " (" + l.detail() + ")";
    }

    static String fmt(double score, double error, String unit) {
        return Double.isNaN(error)
                ? String.format(Locale.ROOT, "%.2f %s", score, unit)
                : String.format(Locale.ROOT, "%.2f ± %.2f %s", score, error, unit);
    }

    static String table(List<Line> lines, boolean smoke, String how) {
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | no agent | agent | agent / no agent | target | result | findings |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Line l : lines) {
            double e = Double.isNaN(l.ratioError()) ? 0 : l.ratioError();
            String result = smoke ? "(smoke)"
                    : l.ratio() + e <= l.c().target() ? "pass" : l.ratio() - e > l.c().target() ? "FAIL" : "noisy";
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | ≤ %.2f | %s | %d |%n", label(l.c()),
                    fmt(l.base(), l.baseError(), l.unit()), fmt(l.agent(), l.agentError(), l.unit()), ratio(l),
                    l.c().target(), result, l.findings()));
        }
        sb.append("\nScores are average time per operation (lower is better); errors are 99.9% confidence half-widths:"
                + " alternating forks, JMH's over the iterations, the ratio's the two relative errors in quadrature;"
                + " side by side, Student's t over the rounds' ratios. What is beside the ratio is not judged. findings ="
                + " lines the agent logged during the agent run (expected 0: the benchmarks do nothing wrong). " + how + ".");
        return sb.toString();
    }
}
