package org.neurite.launcher.cli;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one configured log of a command: the engine's {@code System.Logger "neurite"} (through
 * java.util.logging) and the plugin library's (through slf4j-simple) both print one line per
 * record on the error output, {@code neurite: warning: ...}. A normal run shows warnings only;
 * {@code --debug} shows every record, down to the plugin library's, and the stack traces of
 * failures that are otherwise reported in one line.
 */
final class Logs {

    /** The property {@link org.neurite.launcher.run.Failures} reads to add stack traces. */
    static final String DEBUG = "neurite.debug";

    private static final String SLF4J = "org.slf4j.simpleLogger.";
    /** Kept, so that its configuration is not lost when java.util.logging drops unreferenced loggers. */
    private static Logger engine;

    private Logs() {
    }

    /**
     * Configures both logs; runs once per command, before any plugin is loaded.
     *
     * @param debug whether every record and stack trace is shown
     */
    static void configure(boolean debug) {
        System.setProperty(DEBUG, Boolean.toString(debug));
        setIfAbsent(SLF4J + "log.org.pf4j", debug ? "debug" : "off");
        setIfAbsent(SLF4J + "showDateTime", "false");
        setIfAbsent(SLF4J + "showThreadName", "false");
        setIfAbsent(SLF4J + "showShortLogName", "true");
        engine = Logger.getLogger("neurite");
        engine.setUseParentHandlers(false);
        for (var handler : engine.getHandlers()) {
            engine.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new OneLine());
        handler.setLevel(Level.ALL);
        engine.addHandler(handler);
        engine.setLevel(debug ? Level.ALL : Level.WARNING);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** {@code neurite: warning: message}, the level in words a person uses. */
    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            String level = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error"
                    : record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning"
                    : record.getLevel().getName().toLowerCase(Locale.ROOT);
            return "neurite: " + level + ": " + formatMessage(record) + System.lineSeparator();
        }
    }
}
