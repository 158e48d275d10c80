package dev.jvmaudit.demo.gallery;

/** One small, realistic mistake that one audit rule catches, and the same code done right. */
public interface Scenario {

    /** The rule id in RULES.md that the bad case triggers. */
    String rule();

    /** What the bad case does, in one line. */
    String story();

    void bad(GalleryContext context) throws Exception;

    void twin(GalleryContext context) throws Exception;

    /** Whether the bad case leaves the JVM unable to exit, so that it only runs alone. */
    default boolean hangsTheJvm() {
        return false;
    }
}
