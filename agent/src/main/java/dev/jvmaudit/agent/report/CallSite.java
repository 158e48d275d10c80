package dev.jvmaudit.agent.report;

/**
 * The application frame a finding is attributed to, printed as a stack trace prints it.
 *
 * @param language null for JVM code (printed {@code com.acme.A.m(A.java:42)}); {@code "python"} for a Python frame of
 *                 Jython, printed as {@code monitor.py:42 in write_state}, where {@code className} is the script's
 *                 path as Python names it ({@code co_filename}), {@code fileName} its last segment and
 *                 {@code methodName} the Python function ({@code <module>} at a module's top level)
 */
public record CallSite(String className, String methodName, String fileName, int line, String language) {

    public static final String PYTHON = "python";

    public CallSite(String className, String methodName, String fileName, int line) {
        this(className, methodName, fileName, line, null);
    }

    public static CallSite of(StackTraceElement frame) {
        return new CallSite(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }

    /** A Python frame: {@code path} as the code object names it, the current line, the function's name. */
    public static CallSite python(String path, int line, String function) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return new CallSite(path, function, name, line, PYTHON);
    }

    /**
     * A call site as application code hands it to {@code SiteTags}: class, method, source file (empty when unknown)
     * and line, each ending with a newline (no JVM name holds one).
     */
    public static String tag(String className, String methodName, String fileName, int line) {
        return className + '\n' + methodName + '\n' + (fileName == null ? "" : fileName) + '\n' + line + '\n';
    }

    /** The call site of a {@link #tag}; null when the text is not one. */
    public static CallSite ofTag(String tag) {
        int method = tag.indexOf('\n');
        int file = tag.indexOf('\n', method + 1);
        int line = tag.indexOf('\n', file + 1);
        if (method <= 0 || file < 0 || line < 0 || tag.indexOf('\n', line + 1) != tag.length() - 1) {
            return null;
        }
        try {
            String fileName = tag.substring(file + 1, line);
            return new CallSite(tag.substring(0, method), tag.substring(method + 1, file), fileName.isEmpty() ? null : fileName,
                    Integer.parseInt(tag, line + 1, tag.length() - 1, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean isPython() {
        return PYTHON.equals(language);
    }

    @Override
    public String toString() {
        if (isPython()) {
            return fileName + ":" + line + " in " + methodName;
        }
        String where;
        if (line == -2) {
            where = "Native Method";
        } else if (fileName == null) {
            where = "Unknown Source";
        } else if (line >= 0) {
            where = fileName + ":" + line;
        } else {
            where = fileName;
        }
        return className + "." + methodName + "(" + where + ")";
    }
}
