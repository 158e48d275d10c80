package dev.jvmaudit.bench;

import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs one benchmark in two JVMs at the same time, one without and one with the agent, both on one CPU, each in its own
 * session (so the kernel's autogroups give each process half the CPU, however many threads it runs), iteration k of
 * both starting at the same instant ({@link BenchSupport#awaitIteration}). This host slows one CPU by 20-40 % for
 * seconds at a time; run one after the other the two sides meet different spells, run like this they meet the same
 * ones, and iteration k of one is compared with iteration k of the other. Each side's time per operation is about twice
 * what it is alone; their ratio is the agent's share of the CPU an operation takes.
 */
final class SideBySide {

    /** The milliseconds both JVMs get to start before their first iteration, and the slack between iterations. */
    static final long START_DELAY_MILLIS = 4000;
    static final long SLACK_MILLIS = 100;

    /** One round: the measured iterations of both sides (same length, same seconds) and how late either began one. */
    record Round(double[] plain, double[] agent, long lateMillis) {
        double ratio() {
            return mean(agent) / mean(plain);
        }

        /** The largest relative distance between the paired iteration ratios and the round's ratio. */
        double pairedSpread() {
            double r = ratio();
            double worst = 0;
            for (int i = 0; i < plain.length; i++) {
                worst = Math.max(worst, Math.abs(agent[i] / plain[i] / r - 1));
            }
            return worst;
        }
    }

    /**
     * All rounds of one benchmark. The ratio is the mean of the rounds' ratios and its error the 99.9 % half-width of
     * Student's t over them: the rounds are the independent samples (a JVM's layout and compilation move its whole round
     * by up to 1 %), the iterations of one round are not.
     */
    record Result(List<Round> rounds, String unit) {
        double ratio() {
            return Arrays.stream(ratios()).average().orElse(Double.NaN);
        }

        double ratioError() {
            double[] r = ratios();
            if (r.length < 2) {
                return Double.NaN;
            }
            double mean = ratio();
            double sumSquares = 0;
            for (double x : r) {
                sumSquares += (x - mean) * (x - mean);
            }
            double sd = Math.sqrt(sumSquares / (r.length - 1));
            return new TDistribution(r.length - 1).inverseCumulativeProbability(0.9995) * sd / Math.sqrt(r.length);
        }

        double[] ratios() {
            return rounds.stream().mapToDouble(Round::ratio).toArray();
        }

        double plainScore() {
            return rounds.stream().flatMapToDouble(r -> Arrays.stream(r.plain())).average().orElse(Double.NaN);
        }

        double agentScore() {
            return rounds.stream().flatMapToDouble(r -> Arrays.stream(r.agent())).average().orElse(Double.NaN);
        }

        long lateMillis() {
            return rounds.stream().mapToLong(Round::lateMillis).max().orElse(0);
        }

        /** Not judged: the lowest and highest round, how far paired iterations strayed from their round, lateness. */
        String detail() {
            double[] r = ratios();
            double spread = rounds.stream().mapToDouble(Round::pairedSpread).max().orElse(Double.NaN);
            return String.format(Locale.ROOT, "%d rounds %.3f-%.3f, paired iterations within %.1f %% of their round%s",
                    r.length, Arrays.stream(r).min().orElse(Double.NaN), Arrays.stream(r).max().orElse(Double.NaN),
                    spread * 100, lateMillis() > SLACK_MILLIS ? ", an iteration began " + lateMillis() + " ms late" : "");
        }
    }

    private SideBySide() {
    }

    /**
     * The rounds of one benchmark. {@code cpu} null: the two JVMs may run anywhere (then they do not share the host's
     * spells, and the result says less). The side started first alternates from round to round.
     */
    static Result run(String benchmark, Integer cpu, int warmups, int iterations, int rounds, Path dir, String name,
                      List<String> jvmArgs, String agentArg) throws IOException, InterruptedException {
        List<Round> done = new ArrayList<>();
        String unit = null;
        for (int round = 1; round <= rounds; round++) {
            long start = System.currentTimeMillis() + START_DELAY_MILLIS;
            String plainSide = name + "-noagent-" + round;
            String agentSide = name + "-agent-" + round;
            Path plainOut = dir.resolve(plainSide + ".scores");
            Path agentOut = dir.resolve(agentSide + ".scores");
            List<String> plain = command(cpu, jvmArgs, null, start, benchmark, warmups, iterations, plainOut);
            List<String> agent = command(cpu, jvmArgs, agentArg, start, benchmark, warmups, iterations, agentOut);
            boolean plainFirst = round % 2 == 1;
            Process first = launch(plainFirst ? plain : agent, dir.resolve((plainFirst ? plainSide : agentSide) + ".txt"));
            Process second = launch(plainFirst ? agent : plain, dir.resolve((plainFirst ? agentSide : plainSide) + ".txt"));
            long deadline = System.currentTimeMillis() + START_DELAY_MILLIS
                    + (warmups + iterations) * (1000 + SLACK_MILLIS) + 120_000;
            int a = exitCode(first, deadline);
            int b = exitCode(second, deadline);
            if (a != 0 || b != 0) {
                throw new IllegalStateException(benchmark + " round " + round + ": a side exited with " + (a != 0 ? a : b)
                        + "; see " + dir.resolve(name + "-*-" + round + ".txt"));
            }
            Scores p = Scores.read(plainOut);
            Scores g = Scores.read(agentOut);
            if (p.values().length != g.values().length || p.values().length == 0) {
                throw new IllegalStateException(benchmark + " round " + round + ": " + p.values().length + " plain and "
                        + g.values().length + " agent iterations");
            }
            unit = p.unit();
            done.add(new Round(p.values(), g.values(), Math.max(p.lateMillis(), g.lateMillis())));
        }
        return new Result(done, unit);
    }

    static List<String> command(Integer cpu, List<String> jvmArgs, String agentArg, long start, String benchmark,
                                int warmups, int iterations, Path out) {
        List<String> command = new ArrayList<>(List.of("setsid", "-w"));
        if (cpu != null) {
            command.addAll(List.of("taskset", "-c", cpu.toString()));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--sun-misc-unsafe-memory-access")).forEach(command::add);
        command.add("-Djmh.ignoreLock=true"); // the twin holds JMH's lock file
        command.add("-D" + BenchSupport.CLOCK_START_PROPERTY + "=" + start);
        command.add("-D" + BenchSupport.CLOCK_PERIOD_PROPERTY + "=" + (1000 + SLACK_MILLIS));
        if (agentArg == null) {
            command.add("-D" + BenchSupport.AGENT_PROPERTY + "=false");
        } else {
            command.addAll(List.of(agentArg, "-D" + BenchSupport.AGENT_PROPERTY + "=true"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SideBySide.class.getName(), benchmark,
                Integer.toString(warmups), Integer.toString(iterations), out.toString()));
        return command;
    }

    /** The exit code, or -1 once the process had to be killed at the deadline (a side that hangs ends the round). */
    private static int exitCode(Process process, long deadline) throws InterruptedException {
        if (process.waitFor(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return -1;
    }

    private static Process launch(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** What one side wrote: the unit, how late it began an iteration at worst, one score per measured iteration. */
    record Scores(String unit, long lateMillis, double[] values) {
        static Scores read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] head = lines.get(0).split("\t");
            return new Scores(head[0], Long.parseLong(head[1]),
                    lines.stream().skip(1).mapToDouble(Double::parseDouble).toArray());
        }

        void write(Path file) throws IOException {
            StringBuilder sb = new StringBuilder(unit).append('\t').append(lateMillis).append('\n');
            for (double v : values) {
                sb.append(v).append('\n');
            }
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        }
    }

    /**
     * One side: JMH in this JVM (no fork: this JVM is the fork, started with the agent or without it), iterations of
     * 1 s on the shared clock. Arguments: benchmark, warm-up iterations, measured iterations, the scores file.
     */
    public static void main(String[] args) throws IOException, RunnerException {
        String benchmark = args[0];
        RunResult result = new Runner(new OptionsBuilder()
                .include("^" + Pattern.quote(SideBySide.class.getPackageName() + "." + benchmark) + "$")
                .forks(0)
                .warmupIterations(Integer.parseInt(args[1]))
                .measurementIterations(Integer.parseInt(args[2]))
                .warmupTime(TimeValue.seconds(1))
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build()).runSingle();
        BenchmarkResult fork = result.getBenchmarkResults().iterator().next();
        double[] scores = fork.getIterationResults().stream().mapToDouble(i -> i.getPrimaryResult().getScore()).toArray();
        new Scores(result.getPrimaryResult().getScoreUnit(), BenchSupport.lateMillis(), scores).write(Path.of(args[3]));
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
