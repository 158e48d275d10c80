package dev.jvmaudit.demo;

import dev.jvmaudit.demo.fake.LoopbackHttpServer.Answer;
import dev.jvmaudit.demo.gallery.Gallery;
import dev.jvmaudit.demo.keepalived.EventScript;
import dev.jvmaudit.demo.keepalived.RouterState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line of the demo, parsed and checked: either a monitor daemon run or a gallery run. */
public record DemoOptions(
        Mode mode,
        Answer l3Agent,
        Path confDir,
        String routerId,
        RouterState initialState,
        int flaps,
        Duration interval,
        Duration duration,
        int eventsPerSecond,
        Duration warmUp,
        boolean exitAfter,
        String scenario,
        boolean twin,
        Duration hookSleep,
        Duration deadlockWait,
        String input,
        Path workDir,
        boolean help) {

    /** The two ports of the monitor daemon, and the gallery of one case per rule. */
    public enum Mode { FAITHFUL, HARDENED, GALLERY }

    /** A load run lasts this long unless {@code --duration} says otherwise. */
    static final Duration DEFAULT_LOAD_DURATION = Duration.ofSeconds(60);

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    public static final String USAGE = String.join("\n",
            "usage: java -jar demo-app.jar --mode faithful|hardened [daemon options]",
            "       java -jar demo-app.jar --scenario <rule-id>|all [--twin] [gallery options]",
            "daemon options:",
            "  --l3-agent ok|fail|hang     how the in-process fake L3 agent answers (default ok)",
            "  --conf-dir DIR              where the state and pid files go (default: a new temp directory)",
            "  --router-id ID              sent in X-Neutron-Router-Id (default demo-router-1)",
            "  --initial-state backup|primary  whether the interface holds the VIP at start (default backup)",
            "  --flaps N                   VIP changes to play, alternating add/remove (default 4)",
            "  --interval D                time between two changes (default 200ms)",
            "  --duration D                play changes for D instead of --flaps",
            "  --events-per-second N       load: N changes a second for --duration (default 60s);",
            "                              the rate handled is printed at the end",
            "  --warm-up D                 load: changes handled in the first D are left out of that rate",
            "  --exit-after                exit once the script is played instead of waiting for SIGTERM",
            "gallery options:",
            "  --twin                      run the corrected twin of the scenario",
            "  --hook-sleep D              how long shutdown.hook-slow's hook sleeps",
            "                              (default 11s: the agent's default budget is 10s)",
            "  --deadlock-wait D           how long thread.deadlock waits before exiting (default 3s)",
            "  --input TEXT                the user input process.shell echoes (default 'demo-router; id')",
            "  --work-dir DIR              where scenarios write their files (default: a new temp directory)",
            "durations: 250ms, 3s, 2m; a bare number is seconds");

    /** Parses {@code --key value} and {@code --key=value} arguments; throws a one-line message on any mistake. */
    public static DemoOptions parse(String... args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String key = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                key = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (isFlag(key)) {
                if (value != null) {
                    throw new IllegalArgumentException(key + " takes no value");
                }
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(key + " needs a value");
                }
                value = args[++i];
            }
            b.set(key, value);
        }
        return b.build();
    }

    private static boolean isFlag(String key) {
        return key.equals("--exit-after") || key.equals("--twin") || key.equals("--help");
    }

    /** The VIP changes a daemon run plays: a fixed number, or a rate for a duration. */
    public EventScript script() {
        boolean vipHeld = initialState == RouterState.PRIMARY;
        if (eventsPerSecond > 0) {
            Duration length = duration != null ? duration : DEFAULT_LOAD_DURATION;
            long count = Math.max(1, length.toMillis() * eventsPerSecond / 1000);
            return new EventScript(vipHeld, count, Duration.ofNanos(1_000_000_000L / eventsPerSecond));
        }
        if (duration != null) {
            return new EventScript(vipHeld, Math.max(1, duration.toNanos() / interval.toNanos()), interval);
        }
        return new EventScript(vipHeld, flaps, interval);
    }

    public boolean isLoad() {
        return eventsPerSecond > 0;
    }

    static Duration parseDuration(String key, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a duration (like 250ms, 3s, 2m)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static int parsePositive(String key, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the key
        }
        throw new IllegalArgumentException(key + ": '" + text + "' is not a positive whole number");
    }

    private static <E extends Enum<E>> E parseEnum(String key, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    /** Collects the arguments, then checks that they make one coherent run. */
    private static final class Builder {
        private Mode mode;
        private Answer l3Agent = Answer.OK;
        private Path confDir;
        private String routerId = "demo-router-1";
        private RouterState initialState = RouterState.BACKUP;
        private int flaps = 4;
        private Duration interval = Duration.ofMillis(200);
        private Duration duration;
        private int eventsPerSecond;
        private Duration warmUp = Duration.ZERO;
        private boolean exitAfter;
        private String scenario;
        private boolean twin;
        private Duration hookSleep = Duration.ofSeconds(11);
        private Duration deadlockWait = Duration.ofSeconds(3);
        private String input = "demo-router; id";
        private Path workDir;
        private boolean help;
        private boolean daemonOptionSeen;
        private boolean galleryOptionSeen;

        void set(String key, String value) {
            switch (key) {
                case "--mode" -> {
                    Mode m = parseEnum(key, value, Mode.class);
                    if (m == Mode.GALLERY) {
                        throw new IllegalArgumentException("--mode: use --scenario <rule-id>|all for the gallery");
                    }
                    mode = m;
                }
                case "--l3-agent" -> l3Agent = daemon(parseEnum(key, value, Answer.class));
                case "--conf-dir" -> confDir = daemon(Path.of(value));
                case "--router-id" -> routerId = daemon(value);
                case "--initial-state" -> initialState = daemon(parseEnum(key, value, RouterState.class));
                case "--flaps" -> flaps = daemon(parsePositive(key, value));
                case "--interval" -> interval = daemon(parseDuration(key, value));
                case "--duration" -> duration = daemon(parseDuration(key, value));
                case "--events-per-second" -> eventsPerSecond = daemon(parsePositive(key, value));
                case "--warm-up" -> warmUp = daemon(parseDuration(key, value));
                case "--exit-after" -> exitAfter = daemon(true);
                case "--scenario" -> scenario = gallery(value.trim());
                case "--twin" -> twin = gallery(true);
                case "--hook-sleep" -> hookSleep = gallery(parseDuration(key, value));
                case "--deadlock-wait" -> deadlockWait = gallery(parseDuration(key, value));
                case "--input" -> input = gallery(value);
                case "--work-dir" -> workDir = gallery(Path.of(value));
                case "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }

        private <T> T daemon(T value) {
            daemonOptionSeen = true;
            return value;
        }

        private <T> T gallery(T value) {
            galleryOptionSeen = true;
            return value;
        }

        DemoOptions build() {
            if (!help) {
                if (scenario != null && mode != null) {
                    throw new IllegalArgumentException("give either --mode or --scenario, not both");
                }
                if (scenario == null && mode == null) {
                    throw new IllegalArgumentException("give --mode faithful|hardened or --scenario <rule-id>|all");
                }
                if (scenario != null && daemonOptionSeen) {
                    throw new IllegalArgumentException(
                            "daemon options (--l3-agent, --flaps, ...) do not apply to --scenario");
                }
                if (mode != null && galleryOptionSeen) {
                    throw new IllegalArgumentException("gallery options (--twin, --hook-sleep, ...) need --scenario");
                }
                if (scenario != null) {
                    Gallery.select(scenario, twin);
                }
                if (!warmUp.isZero() && eventsPerSecond == 0) {
                    throw new IllegalArgumentException("--warm-up applies to a load run: give --events-per-second too");
                }
                if (interval.isZero()) {
                    throw new IllegalArgumentException("--interval must be longer than 0ms");
                }
            }
            Mode effective = scenario != null ? Mode.GALLERY : mode;
            return new DemoOptions(effective, l3Agent, confDir, routerId, initialState, flaps, interval, duration,
                    eventsPerSecond, warmUp, exitAfter, scenario, twin, hookSleep, deadlockWait, input, workDir, help);
        }
    }
}
