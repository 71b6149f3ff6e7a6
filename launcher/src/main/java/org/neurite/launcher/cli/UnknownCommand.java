package org.neurite.launcher.cli;

import java.util.Optional;

import org.neurite.api.Names;

import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The message for a word where a command was expected ({@code neurite trian run.yaml}): picocli
 * calls it an unmatched argument at an index; a person needs to hear that it is no command, the
 * one likely meant (a typo), and which commands there are.
 */
final class UnknownCommand {

    private UnknownCommand() {
    }

    /**
     * @param e a parse error
     * @return the one-line message when {@code e} is a word in the place of a command of a command
     *     that has subcommands, else empty
     */
    static Optional<String> message(CommandLine.ParameterException e) {
        CommandLine failed = e.getCommandLine();
        if (!(e instanceof UnmatchedArgumentException unmatched) || failed.getSubcommands().isEmpty()
                || !failed.getCommandSpec().positionalParameters().isEmpty() || unmatched.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        String word = unmatched.getUnmatched().get(0);
        if (word.startsWith("-")) {
            return Optional.empty(); // an unknown option: picocli's own message says so
        }
        // a typo's likeliest command, by the edit distance every other "did you mean" uses
        String closest = Names.closest(word, failed.getSubcommands().keySet());
        return Optional.of("'" + word + "' is not a command" + (closest == null ? "" : "; did you mean " + closest + "?")
                + " (commands: " + String.join(", ", failed.getSubcommands().keySet()) + ")");
    }
}
