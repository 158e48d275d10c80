package dev.jvmaudit.agent.report;

/** The application frame a finding is attributed to, printed as a stack trace prints it. */
public record CallSite(String className, String methodName, String fileName, int line) {

    public static CallSite of(StackTraceElement frame) {
        return new CallSite(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }

    @Override
    public String toString() {
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
