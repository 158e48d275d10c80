package dev.jvmaudit.agent.report;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.Map;

/**
 * The agent's own logback, configured in code so it never reads the application's logback.xml, writing JSON lines
 * to stderr or to {@code log.file} (created 0600).
 */
final class JsonLog {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger;
    private final OutputStreamAppender<ILoggingEvent> appender;
    private final String destination;

    JsonLog(String logFile) {
        context.setName("jvm-audit");
        context.setMDCAdapter(new LogbackMDCAdapter());
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> chosen = logFile == null ? null : fileAppender(logFile, encoder);
        if (chosen == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(context);
            console.setName("audit-stderr");
            console.setTarget("System.err");
            console.setEncoder(encoder);
            console.start();
            chosen = console;
        }
        appender = chosen;
        destination = chosen instanceof FileAppender<?> f ? f.getFile() : "stderr";
        logger = context.getLogger("audit");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        context.start();
    }

    /** An appender on a log file the reporter has already created 0600. */
    private FileAppender<ILoggingEvent> fileAppender(String path, JsonLineEncoder encoder) {
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("audit-file");
        file.setFile(path);
        file.setAppend(true);
        file.setImmediateFlush(true);
        file.setEncoder(encoder);
        file.start();
        if (!file.isStarted()) {
            AgentOutput.line("cannot open log file " + path + "; findings go to stderr");
            return null;
        }
        return file;
    }

    String destination() {
        return destination;
    }

    void warn(Map<String, Object> fields) {
        LoggingEventBuilder event = logger.atWarn();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            event = event.addKeyValue(field.getKey(), field.getValue());
        }
        event.log(String.valueOf(fields.get("message")));
    }

    void stop() {
        context.stop();
    }
}
